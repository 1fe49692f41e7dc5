package dev.dbguard.jdbc;

import dev.dbguard.core.BlockedStatementException;
import dev.dbguard.testsupport.TestDatabase;
import dev.dbguard.testsupport.TestDatabase.Kind;
import dev.dbguard.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A {@code jdbc:dbguard:} connection in read-only mode, as the README's recipe for looking at production from an IDE
 * sets it up: what the guard cannot see (a SELECT calling a function that writes) the server refuses.
 */
class ServerReadOnlyTest {

    /** A function that writes, as each server writes one. */
    private static String createFunctionThatWrites(Kind server) {
        return switch (server) {
            case POSTGRESQL -> "CREATE FUNCTION add_row() RETURNS int LANGUAGE sql AS"
                    + " 'INSERT INTO victim VALUES (99); SELECT 1'";
            case MARIADB -> "CREATE FUNCTION add_row() RETURNS int MODIFIES SQL DATA"
                    + " BEGIN INSERT INTO victim VALUES (99); RETURN 1; END";
        };
    }

    private TestDatabase database;
    private String schema;

    @AfterEach
    void dropSchema() throws SQLException {
        if (schema != null) {
            database.dropSchema(schema);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aSelectCallingAFunctionThatWritesFailsOnTheServer(Kind server) throws SQLException {
        database = TestDatabases.of(server);
        schema = database.freshSchema("proxy_read_only");
        try (Connection connection = database.dataSource(schema).getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE victim (id int PRIMARY KEY)");
            statement.execute("INSERT INTO victim VALUES (1), (2), (3)");
            statement.execute(createFunctionThatWrites(server));
        }

        try (Connection connection = DriverManager.getConnection(readOnlyUrl(), database.user(), database.password());
             Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM victim")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(3);
            }
            assertThatThrownBy(() -> statement.execute("DELETE FROM victim WHERE id = 1"))
                    .isInstanceOf(BlockedStatementException.class);
            assertThatThrownBy(() -> statement.executeQuery("SELECT add_row()"))
                    .isInstanceOf(SQLException.class)
                    .isNotInstanceOf(BlockedStatementException.class)
                    .hasMessageContaining(server == Kind.POSTGRESQL ? "read-only transaction" : "READ ONLY");
        }

        assertThat(database.count(schema + ".victim")).isEqualTo(3);
    }

    private String readOnlyUrl() {
        String url = "jdbc:dbguard:" + database.jdbcUrl(schema).substring("jdbc:".length());
        return url + (url.indexOf('?') < 0 ? "?" : "&") + "dbguard.env=production&dbguard.modes.production=read-only";
    }
}
