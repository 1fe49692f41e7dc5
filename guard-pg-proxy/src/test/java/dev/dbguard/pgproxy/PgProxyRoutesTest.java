package dev.dbguard.pgproxy;

import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.StatementGuard;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.util.PSQLException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Several routes in one process from the config file's {@code route.*} entries: the application's route in block
 * mode and a read-only route to the same server, which the server itself keeps read-only, so that a function that
 * writes fails there even when called from a SELECT the engine lets through.
 */
@Timeout(60)
@ExtendWith(NoLeaks.class)
class PgProxyRoutesTest {

    private static ProxiedPostgres pg;
    private static PgProxy routes;

    @BeforeAll
    static void start() throws Exception {
        pg = new ProxiedPostgres("proxy_routes");
        String upstream = pg.upstream.getHostString() + ":" + pg.upstream.getPort();
        Map<String, String> file = new LinkedHashMap<>();
        file.put("dbguard.env", "production");
        file.put("route.app.listen", "127.0.0.1:0");
        file.put("route.app.upstream", upstream);
        file.put("route.debug.listen", "127.0.0.1:0");
        file.put("route.debug.upstream", upstream);
        file.put("route.debug.mode", "read-only");
        file.put("route.replica.listen", "127.0.0.1:0");
        file.put("route.replica.upstream", upstream);
        file.put("route.replica.allow-replication", "true");
        StatementGuard guard = new StatementGuard(GuardConfig.builder().properties(file, "test").build());
        routes = PgProxy.start(RouteSettings.routes(file, "test"), guard);
        pg.direct("CREATE TABLE notes (id int)", "INSERT INTO notes VALUES (1), (2)",
                "CREATE FUNCTION add_note() RETURNS int LANGUAGE sql AS $$ INSERT INTO " + pg.schema
                        + ".notes VALUES (99) RETURNING 99 $$",
                "CREATE FUNCTION unlock() RETURNS text LANGUAGE sql AS"
                        + " $$ SELECT set_config('default_transaction_read_only', 'off', false) $$");
    }

    @AfterAll
    static void stop() throws Exception {
        if (routes != null) {
            routes.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void eachRouteHasItsModeOnTheSameServer() throws Exception {
        try (Connection app = connect("app", new Properties()); Statement statement = app.createStatement()) {
            statement.execute("INSERT INTO notes VALUES (3)");
            PSQLException refused = catchThrowableOfType(PSQLException.class,
                    () -> statement.execute("DROP TABLE notes"));
            assertThat(refused.getSQLState()).isEqualTo("42501");
            assertThat(show(statement)).isEqualTo("off");
            statement.execute("DELETE FROM notes WHERE id = 3");
        }
        try (Connection debug = connect("debug", new Properties()); Statement statement = debug.createStatement()) {
            assertThat(count(statement)).isEqualTo(2);
            PSQLException refused = catchThrowableOfType(PSQLException.class,
                    () -> statement.execute("INSERT INTO notes VALUES (4)"));
            assertThat(refused.getSQLState()).isEqualTo("42501");
            assertThat(refused.getServerErrorMessage().getMessage())
                    .startsWith("dbguard: refused INSERT (rule read-only) on data source 'debug (client ")
                    .contains("read-only mode").doesNotContain("DbGuard.override");
            assertThat(refused.getServerErrorMessage().getHint()).startsWith("This route is read-only");
            assertThat(show(statement)).isEqualTo("on");
        }
        assertThat(pg.count("notes")).isEqualTo(2);
    }

    @Test
    void aFunctionThatWritesFailsOnTheServerThroughAReadOnlyRoute() throws Exception {
        try (Connection debug = connect("debug", new Properties()); Statement statement = debug.createStatement()) {
            PSQLException failed = catchThrowableOfType(PSQLException.class,
                    () -> statement.executeQuery("SELECT add_note()"));
            assertThat(failed.getSQLState()).isEqualTo("25006"); // read_only_sql_transaction, the server's own
            assertThat(failed.getMessage()).contains("cannot execute INSERT in a read-only transaction");
            assertThat(count(statement)).isEqualTo(2);
        }
        assertThat(pg.count("notes")).isEqualTo(2);
    }

    @Test
    void statementsThatWouldTurnReadOnlyOffAreRefused() throws Exception {
        try (Connection debug = connect("debug", new Properties()); Statement statement = debug.createStatement()) {
            for (String escape : new String[] {"SET default_transaction_read_only = off",
                    "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE", "RESET ALL",
                    "SELECT set_config('default_transaction_read_only', 'off', false)"}) {
                PSQLException refused = catchThrowableOfType(PSQLException.class, () -> statement.execute(escape));
                assertThat(refused.getSQLState()).as(escape).isEqualTo("42501");
                assertThat(refused.getServerErrorMessage().getMessage()).as(escape).contains("would let the session write");
            }
            PSQLException refused = catchThrowableOfType(PSQLException.class,
                    () -> statement.execute("BEGIN READ WRITE"));
            assertThat(refused.getSQLState()).isEqualTo("42501");
            assertThat(show(statement)).isEqualTo("on");
        }
        assertThat(pg.count("notes")).isEqualTo(2);
    }

    @Test
    void whatTheClientAsksForAtStartupCannotTurnReadOnlyOff() throws Exception {
        Properties options = new Properties();
        options.setProperty("options", "-c default_transaction_read_only=off");
        try (Connection debug = connect("debug", options); Statement statement = debug.createStatement()) {
            assertThat(show(statement)).isEqualTo("on");
        }
        try (WireClient client = new WireClient(routes.address("debug").getPort())) {
            client.send(WireClient.startup(3 << 16, "user", pg.database.user(), "database", pg.databaseName,
                    "default_transaction_read_only", "off", "transaction_read_only", "off"));
            client.readUntil('Z');
            client.send(WireClient.query("INSERT INTO " + pg.schema + ".notes SELECT add_note()"));
            assertThat(WireClient.fields(client.readUntil('E'))).containsEntry('C', "42501");
            client.send(WireClient.query("SELECT " + pg.schema + ".add_note()"));
            assertThat(WireClient.fields(client.readUntil('E'))).containsEntry('C', "25006");
        }
        assertThat(pg.count("notes")).isEqualTo(2);
    }

    @Test
    void aSessionTheServerNoLongerKeepsReadOnlyIsClosed() throws Exception {
        try (Connection debug = connect("debug", new Properties()); Statement statement = debug.createStatement()) {
            PSQLException closed = catchThrowableOfType(PSQLException.class,
                    () -> statement.executeQuery("SELECT unlock()"));
            assertThat(closed.getSQLState()).isEqualTo("25006");
            assertThat(closed.getMessage()).contains("default_transaction_read_only=off",
                    "read-only route 'debug'");
            assertThat(debug.isValid(5)).isFalse();
        }
        assertThat(pg.count("notes")).isEqualTo(2);
    }

    @Test
    void replicationIsRelayedOnlyWhereTheRouteAllowsIt() throws Exception {
        try (WireClient refused = new WireClient(routes.address("app").getPort())) {
            refused.send(WireClient.startup(3 << 16, "user", pg.database.user(), "replication", "database",
                    "database", pg.databaseName));
            Map<Character, String> error = WireClient.fields(refused.readUntil('E'));
            assertThat(error).containsEntry('S', "FATAL").containsEntry('C', "42501");
            assertThat(error.get('M')).isEqualTo("dbguard: replication connections are not relayed by route 'app';"
                    + " to allow them, set allow-replication on the route");
        }
        try (WireClient relayed = new WireClient(routes.address("replica").getPort())) {
            relayed.send(WireClient.startup(3 << 16, "user", pg.database.user(), "replication", "database",
                    "database", pg.databaseName));
            // the server answers: authentication, or its own refusal when pg_hba.conf has no replication line
            char first = (char) relayed.readByte();
            assertThat(first).isIn('R', 'E');
        }
    }

    private static Connection connect(String route, Properties extra) throws SQLException {
        return pg.connect(routes.address(route).getPort(), extra);
    }

    private static String show(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SHOW default_transaction_read_only")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static int count(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM notes")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
