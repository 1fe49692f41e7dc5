package dev.dbguard.jdbc;

import dev.dbguard.core.BlockedStatementException;
import dev.dbguard.testsupport.TestDatabase.Kind;
import dev.dbguard.testsupport.TestDatabases;
import dev.dbguard.testsupport.TestSchema;
import org.junit.jupiter.api.Test;
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

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aSelectCallingAFunctionThatWritesFailsOnTheServer(Kind server) throws SQLException {
        try (TestSchema schema = TestSchema.create(TestDatabases.of(server), "proxy_read_only")) {
            schema.execute("CREATE TABLE victim (id int PRIMARY KEY)", "INSERT INTO victim VALUES (1), (2), (3)",
                    createFunctionThatWrites(server));

            try (Connection connection = DriverManager.getConnection(
                    schema.dbguardUrl("dbguard.env=production&dbguard.modes.production=read-only"),
                    schema.database().user(), schema.database().password());
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

            assertThat(schema.count("victim")).isEqualTo(3);
        }
    }

    /** PgJDBC with readOnlyMode=always turns setReadOnly(false) into SET SESSION CHARACTERISTICS ... READ WRITE. */
    @Test
    void setReadOnlyFalseDoesNotUndoTheServerSetting() throws SQLException {
        try (TestSchema schema = TestSchema.create(TestDatabases.postgres(), "proxy_read_only")) {
            schema.execute("CREATE TABLE victim (id int PRIMARY KEY)", "INSERT INTO victim VALUES (1), (2), (3)",
                    createFunctionThatWrites(Kind.POSTGRESQL));

            try (Connection connection = DriverManager.getConnection(schema.dbguardUrl(
                            "readOnlyMode=always&dbguard.env=production&dbguard.modes.production=read-only"),
                    schema.database().user(), schema.database().password());
                 Statement statement = connection.createStatement()) {
                connection.setReadOnly(true);
                connection.setReadOnly(false);
                assertThatThrownBy(() -> statement.executeQuery("SELECT add_row()"))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("read-only transaction");
            }

            assertThat(schema.count("victim")).isEqualTo(3);
        }
    }

    /** A function that writes, as each server writes one. */
    private static String createFunctionThatWrites(Kind server) {
        return switch (server) {
            case POSTGRESQL -> "CREATE FUNCTION add_row() RETURNS int LANGUAGE sql AS"
                    + " 'INSERT INTO victim VALUES (99); SELECT 1'";
            case MARIADB -> "CREATE FUNCTION add_row() RETURNS int MODIFIES SQL DATA"
                    + " BEGIN INSERT INTO victim VALUES (99); RETURN 1; END";
        };
    }
}
