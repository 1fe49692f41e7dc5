package dev.dbguard.testsupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestDatabasesTest {

    /** PostgreSQL always; MariaDB when one was found (a WARN says so when not). */
    static Stream<Arguments> databases() {
        List<Arguments> databases = new ArrayList<>();
        databases.add(Arguments.of(TestDatabases.postgres()));
        TestDatabases.mariadb().ifPresent(mariadb -> databases.add(Arguments.of(mariadb)));
        return databases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void answersSelectOne(TestDatabase database) throws SQLException {
        try (Connection connection = database.connect();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select 1")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void dataSourceConnectsAsTheReportedUser(TestDatabase database) throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            assertThat(connection.getMetaData().getUserName()).startsWith(database.user());
            assertThat(connection.getMetaData().getDatabaseProductName())
                    .containsIgnoringCase(database.kind() == TestDatabase.Kind.POSTGRESQL ? "postgres" : "maria");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void freshSchemaIsEmptyUsableAndDroppable(TestDatabase database) throws SQLException {
        String schema = database.freshSchema("Test-Support IT");
        try {
            assertThat(schema).matches("test_support_it_[0-9a-f]{8}");
            try (Connection connection = database.dataSource(schema).getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("create table widget (id int primary key)");
                statement.execute("insert into widget values (1), (2), (3)");
            }
            assertThat(database.count(schema + ".widget")).isEqualTo(3);
            assertThat(schemaExists(database, schema)).isTrue();
        } finally {
            database.dropSchema(schema);
        }
        assertThat(schemaExists(database, schema)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void freshSchemasNeverCollide(TestDatabase database) throws SQLException {
        String first = database.freshSchema("same");
        String second = database.freshSchema("same");
        try {
            assertThat(first).isNotEqualTo(second);
        } finally {
            database.dropSchema(first);
            database.dropSchema(second);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void refusesSchemaNamesItDidNotMake(TestDatabase database) {
        assertThatIllegalArgumentException().isThrownBy(() -> database.dropSchema("x; drop table y"));
        assertThatIllegalArgumentException().isThrownBy(() -> database.jdbcUrl("Bad Name"));
    }

    @Test
    void postgresIsStartedOnceAndShared() {
        List<CompletableFuture<TestDatabase>> lookups = IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.supplyAsync(TestDatabases::postgres))
                .toList();

        assertThat(lookups).extracting(CompletableFuture::join).containsOnly(TestDatabases.postgres());
    }

    @Test
    void mariadbLookupIsStableAcrossCalls() {
        Optional<TestDatabase> first = TestDatabases.mariadb();

        assertThat(TestDatabases.mariadb()).isEqualTo(first);
    }

    @Test
    void connectionsAreNotPooled() throws SQLException {
        TestDatabase postgres = TestDatabases.postgres();
        try (Connection first = postgres.connect(); Connection second = postgres.connect()) {
            assertThat(backendId(first)).isNotEqualTo(backendId(second));
        }
    }

    @Test
    void dataSourceIsNotAWrapper() {
        assertThatThrownBy(() -> TestDatabases.postgres().dataSource().unwrap(Connection.class))
                .isInstanceOf(SQLException.class);
    }

    private static int backendId(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select pg_backend_pid()")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static boolean schemaExists(TestDatabase database, String schema) throws SQLException {
        try (Connection connection = database.connect();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "select count(*) from information_schema.schemata where schema_name = '" + schema + "'")) {
            rows.next();
            return rows.getInt(1) == 1;
        }
    }
}
