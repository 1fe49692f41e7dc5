package dev.dbguard.pgproxy;

import dev.dbguard.core.audit.AuditEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** PgJDBC through the proxy against the real server: refusals in protocol order, data intact, the rest runs. */
@Timeout(60)
@ExtendWith(NoLeaks.class)
class PgProxyJdbcTest {

    private static ProxiedPostgres pg;

    @BeforeAll
    static void start() throws Exception {
        pg = new ProxiedPostgres("proxy_jdbc");
    }

    @AfterAll
    static void stop() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @BeforeEach
    void table() throws SQLException {
        pg.direct("DROP TABLE IF EXISTS items", "CREATE TABLE items (id int PRIMARY KEY, name text)",
                "INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 5) g");
    }

    @Test
    void ordinaryStatementsRunAndADropIsRefusedWithTheTableIntact() throws SQLException {
        try (Connection connection = pg.connect(); Statement statement = connection.createStatement()) {
            assertThat(statement.executeUpdate("INSERT INTO items VALUES (6, 'six')")).isEqualTo(1);
            assertThat(statement.executeUpdate("UPDATE items SET name = 'SIX' WHERE id = 6")).isEqualTo(1);

            PSQLException refused = catchThrowableOfType(PSQLException.class,
                    () -> statement.execute("DROP TABLE items"));
            assertThat(refused.getSQLState()).isEqualTo("42501");
            ServerErrorMessage error = refused.getServerErrorMessage();
            assertThat(error.getSeverity()).isEqualTo("ERROR");
            assertThat(error.getMessage()).startsWith("dbguard: refused DROP TABLE items (rule drop)")
                    .contains("test-route (client 127.0.0.1:", "user " + pg.database.user(),
                            "application pg-proxy-test", "in production");
            assertThat(error.getHint()).startsWith("To allow it deliberately: add dbguard.allow=drop:items")
                    .doesNotContain("DbGuard.override");
            assertThat(error.getDetail()).isEqualTo(Refusals.DETAIL);

            // autocommit: the session goes on
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM items")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(6);
            }
        }
        assertThat(pg.exists("items")).isTrue();
        assertThat(pg.count("items")).isEqualTo(6);
    }

    @Test
    void aMultiStatementQueryIsJudgedAsAWholeAndNothingOfItRuns() throws SQLException {
        try (Connection connection = pg.connect(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute(
                    "INSERT INTO items VALUES (7, 'seven'); DELETE FROM items; SELECT 1"))
                    .isInstanceOf(PSQLException.class)
                    .hasMessageContaining("dbguard: refused DELETE")
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42501");
        }
        assertThat(pg.count("items")).isEqualTo(5);
    }

    @Test
    void preparedStatementsAreJudgedAtParseAndServerPreparedOnesKeepWorking() throws SQLException {
        try (Connection connection = pg.connect()) {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM items WHERE id = ?")) {
                for (int id = 1; id <= 3; id++) {
                    delete.setInt(1, id);
                    assertThat(delete.executeUpdate()).isEqualTo(1);
                }
            }
            try (PreparedStatement everything = connection.prepareStatement("DELETE FROM items")) {
                for (int attempt = 0; attempt < 3; attempt++) {
                    assertThatThrownBy(everything::executeUpdate)
                            .isInstanceOf(PSQLException.class)
                            .hasMessageContaining("ERROR: dbguard: refused DELETE FROM items without WHERE")
                            .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42501");
                }
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT name FROM items WHERE id = ?")) {
                for (int id = 4; id <= 5; id++) {
                    select.setInt(1, id);
                    try (ResultSet rows = select.executeQuery()) {
                        assertThat(rows.next()).isTrue();
                        assertThat(rows.getString(1)).isEqualTo("item " + id);
                    }
                }
            }
        }
        assertThat(pg.count("items")).isEqualTo(2);
    }

    @Test
    void aPipelinedBatchWithARefusedStatementRunsNoneOfItsStatements() throws SQLException {
        try (Connection connection = pg.connect(); Statement statement = connection.createStatement()) {
            statement.addBatch("INSERT INTO items VALUES (10, 'ten')");
            statement.addBatch("TRUNCATE items");
            statement.addBatch("INSERT INTO items VALUES (11, 'eleven')");
            BatchUpdateException refused = catchThrowableOfType(BatchUpdateException.class,
                    statement::executeBatch);
            assertThat(refused.getMessage()).contains("dbguard: refused TRUNCATE items");
            assertThat(refused.getNextException().getSQLState()).isEqualTo("42501");

            // the batch's implicit transaction was rolled back by the server, as for any failed statement
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM items")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(5);
            }
        }
        assertThat(pg.count("items")).isEqualTo(5);
    }

    @Test
    void aPreparedBatchRunsThroughThePipeline() throws SQLException {
        try (Connection connection = pg.connect();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO items VALUES (?, ?)")) {
            for (int id = 100; id < 300; id++) {
                insert.setInt(1, id);
                insert.setString(2, "batch " + id);
                insert.addBatch();
            }
            assertThat(insert.executeBatch()).hasSize(200).containsOnly(1);
        }
        assertThat(pg.count("items")).isEqualTo(205);
    }

    @Test
    void aRefusalInATransactionFailsItLikeAnyErrorAndRollbackRecovers() throws SQLException {
        try (Connection connection = pg.connect(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.executeUpdate("INSERT INTO items VALUES (20, 'twenty')");
            assertThatThrownBy(() -> statement.execute("DROP TABLE items"))
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42501");
            // PostgreSQL's semantics: the block is failed until it ends
            assertThatThrownBy(() -> statement.executeQuery("SELECT 1"))
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("25P02");
            connection.rollback();

            statement.executeUpdate("INSERT INTO items VALUES (21, 'twenty-one')");
            connection.commit();
        }
        assertThat(pg.count("items")).isEqualTo(6);
    }

    @Test
    void aSavepointAroundARefusalKeepsTheTransaction() throws SQLException {
        try (Connection connection = pg.connect(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.executeUpdate("INSERT INTO items VALUES (30, 'thirty')");
            Savepoint before = connection.setSavepoint();
            assertThatThrownBy(() -> statement.execute("UPDATE items SET name = 'x'"))
                    .hasMessageContaining("ERROR: dbguard: refused UPDATE items without WHERE")
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42501");
            connection.rollback(before);
            statement.executeUpdate("INSERT INTO items VALUES (31, 'thirty-one')");
            connection.commit();
        }
        assertThat(pg.count("items")).isEqualTo(7);
    }

    @Test
    void aSessionsOwnTemporaryTableMayBeDroppedThroughTheProxy() throws SQLException {
        try (Connection connection = pg.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMPORARY TABLE scratch (x int)");
            statement.execute("INSERT INTO scratch VALUES (1)");
            statement.execute("TRUNCATE scratch");
            statement.execute("DROP TABLE scratch");
            // once dropped, the name is no longer the session's temporary table
            assertThatThrownBy(() -> statement.execute("DROP TABLE scratch"))
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42501");
        }
    }

    @Test
    void aTemporaryTableWhoseCreationFailedIsNotExempted() throws SQLException {
        try (Connection connection = pg.connect(); Statement statement = connection.createStatement()) {
            // items exists: the server refuses the CREATE, so the name must not count as temporary
            assertThatThrownBy(() -> statement.execute("CREATE TEMPORARY TABLE items (x int) ; SELECT 1/0"))
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22012");
            assertThatThrownBy(() -> statement.execute("DROP TABLE items"))
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42501");
        }
        assertThat(pg.exists("items")).isTrue();
    }

    @Test
    void auditEventsNameTheClient() throws SQLException {
        pg.events.clear();
        try (Connection connection = pg.connect(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute("TRUNCATE items")).isInstanceOf(SQLException.class);
        }
        assertThat(pg.events).hasSize(1);
        AuditEvent event = pg.events.get(0);
        assertThat(event.ruleId()).isEqualTo("truncate");
        assertThat(event.environment()).isEqualTo("production");
        assertThat(event.dataSource()).startsWith("test-route (client 127.0.0.1:")
                .contains("user " + pg.database.user(), "database " + pg.databaseName, "application pg-proxy-test");
        // the event loop's frames are no caller; the client is in the data source
        assertThat(event.caller()).doesNotStartWith("io.netty.");
    }

    @Test
    void aServerErrorBeforeARefusalInThePipelineIsTheServersAndLaterErrorsStayTheServers() throws SQLException {
        try (Connection connection = pg.connect(); Statement statement = connection.createStatement()) {
            statement.addBatch("INSERT INTO items VALUES (1, 'duplicate')");
            statement.addBatch("TRUNCATE items");
            BatchUpdateException failed = catchThrowableOfType(BatchUpdateException.class, statement::executeBatch);
            // the server failed first and skipped the rest up to Sync: its own error, no refusal
            assertThat(failed.getNextException().getSQLState()).isEqualTo("23505");
            assertThat(failed.getMessage()).doesNotContain("dbguard");

            assertThatThrownBy(() -> statement.executeQuery("SELECT 1/0"))
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22012");
            assertThatThrownBy(() -> statement.execute("TRUNCATE items"))
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42501");
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM items")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(5);
            }
        }
        assertThat(pg.count("items")).isEqualTo(5);
    }

    @Test
    void textIsReadWithTheSessionsStandardConformingStrings() throws SQLException {
        // With standard_conforming_strings off, \' escapes a quote: the DROP below is outside the literal.
        String hidden = "SELECT 'a\\''; DROP TABLE items; --'";
        try (Connection connection = pg.connect(); Statement statement = connection.createStatement()) {
            statement.execute("SET standard_conforming_strings = off");
            assertThatThrownBy(() -> statement.execute(hidden))
                    .hasMessageContaining("dbguard: refused DROP TABLE items")
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42501");
            statement.execute("SET standard_conforming_strings = on");
            // read the standard way, a backslash is an ordinary character: one literal, and it runs
            statement.execute("SELECT 'a\\'''");
        }
        assertThat(pg.exists("items")).isTrue();
    }

    @Test
    void copyInAndOutPassThrough() throws Exception {
        try (Connection connection = pg.connect()) {
            org.postgresql.copy.CopyManager copy = connection.unwrap(org.postgresql.PGConnection.class)
                    .getCopyAPI();
            long copied = copy.copyIn("COPY items FROM STDIN WITH (FORMAT csv)",
                    new java.io.StringReader("50,fifty\n51,fifty-one\n"));
            assertThat(copied).isEqualTo(2);
            java.io.StringWriter out = new java.io.StringWriter();
            copy.copyOut("COPY (SELECT id FROM items WHERE id >= 50 ORDER BY id) TO STDOUT", out);
            assertThat(out.toString()).isEqualTo("50\n51\n");
        }
        assertThat(pg.count("items")).isEqualTo(7);
    }

    @Test
    @Timeout(180) // 1,000 sessions: about 17 s here with paranoid leak detection
    void clientsThatDisconnectLeaveNoServerBackends() throws Exception {
        String application = "pg-proxy-cycles-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 1_000; i++) {
            try (Connection connection = pg.connect(application); Statement statement = connection.createStatement()) {
                assertThat(statement.execute("SELECT 1")).isTrue();
            }
        }
        // a backend ends shortly after its client: wait (bounded) until none is left
        assertThat(backendsEventually(application, 0)).isZero();
    }

    @Test
    void aServerSessionTerminatedMidSessionEndsOnlyItsClient() throws Exception {
        String application = "pg-proxy-kill-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        try (Connection victim = pg.connect(application); Connection bystander = pg.connect();
             Statement statement = victim.createStatement()) {
            int pid;
            try (ResultSet rows = statement.executeQuery("SELECT pg_backend_pid()")) {
                rows.next();
                pid = rows.getInt(1);
            }
            try (Connection direct = pg.database.connect();
                 PreparedStatement terminate = direct.prepareStatement("SELECT pg_terminate_backend(?)")) {
                terminate.setInt(1, pid);
                terminate.execute();
            }
            assertThatThrownBy(() -> statement.executeQuery("SELECT 1")).isInstanceOf(SQLException.class);
            try (Statement other = bystander.createStatement(); ResultSet rows = other.executeQuery("SELECT 1")) {
                assertThat(rows.next()).isTrue();
            }
        }
        assertThat(backendsEventually(application, 0)).isZero();
    }

    private static int backendsEventually(String application, int expected) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        int count;
        try (Connection direct = pg.database.connect();
             PreparedStatement backends = direct.prepareStatement(
                     "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?")) {
            backends.setString(1, application);
            do {
                try (ResultSet rows = backends.executeQuery()) {
                    rows.next();
                    count = rows.getInt(1);
                }
                if (count == expected) {
                    return count;
                }
                Thread.sleep(50);
            } while (System.nanoTime() < deadline);
        }
        return count;
    }
}
