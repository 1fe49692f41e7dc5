package dev.dbguard.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.dbguard.DbGuard;
import dev.dbguard.core.BlockedStatementException;
import dev.dbguard.core.Decision;
import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.GuardOverride;
import dev.dbguard.core.Mode;
import dev.dbguard.core.StatementGuard;
import dev.dbguard.core.audit.Slf4jAuditSink;
import dev.dbguard.testsupport.TestDatabase;
import dev.dbguard.testsupport.TestDatabases;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.PGConnection;
import org.postgresql.util.PSQLException;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The wrappers over a HikariCP pool of a real PostgreSQL, in a schema of their own. */
class PostgresGuardTest {

    private static final TestDatabase POSTGRES = TestDatabases.postgres();
    private static final String RULES = """
            drop            | DROP TABLE victim                | tables  | 1 | 0
            truncate        | TRUNCATE victim                  | rows    | 3 | 0
            unscoped-delete | DELETE FROM victim               | rows    | 3 | 0
            unscoped-update | UPDATE victim SET v = 'x'        | updated | 0 | 3
            alter-drop      | ALTER TABLE victim DROP COLUMN v | columns | 1 | 0
            """;

    private static String schema;
    private static HikariDataSource pool;

    private final RecordingAuditSink audit = new RecordingAuditSink();

    @BeforeAll
    static void startPool() throws SQLException {
        schema = POSTGRES.freshSchema("proxy_pg");
        HikariConfig config = new HikariConfig();
        config.setPoolName("dbguard-proxy-pg");
        config.setJdbcUrl(POSTGRES.jdbcUrl(schema));
        config.setUsername(POSTGRES.user());
        config.setPassword(POSTGRES.password());
        config.setMaximumPoolSize(8);
        pool = new HikariDataSource(config);
    }

    @AfterAll
    static void stopPool() throws SQLException {
        pool.close();
        POSTGRES.dropSchema(schema);
    }

    @BeforeEach
    void createVictim() throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS victim");
            statement.execute("CREATE TABLE victim (id int PRIMARY KEY, v text)");
            statement.execute("INSERT INTO victim VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        }
    }

    // ---- every rule in every environment ----

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = RULES)
    void everyRuleIsRefusedInProduction(String rule, String sql, String probe, int before, int afterRunning)
            throws SQLException {
        DataSource orders = guarded("production");
        assertThat(probe(probe)).isEqualTo(before);

        try (Connection connection = orders.getConnection(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute(sql))
                    .isInstanceOfSatisfying(BlockedStatementException.class, refused -> {
                        assertThat(refused.ruleId()).isEqualTo(rule);
                        assertThat(refused.getSQLState()).isEqualTo("42501");
                        assertThat(refused.getMessage()).startsWith("dbguard:");
                    });
            assertThat(statement.executeQuery("SELECT 1").next()).as("connection still usable").isTrue();
        }

        assertThat(probe(probe)).isEqualTo(before);
        assertThat(audit.outcomes()).containsExactly("REFUSED " + rule);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = RULES)
    void everyRuleIsRefusedWhenPreparedInProduction(String rule, String sql, String probe, int before, int afterRunning)
            throws SQLException {
        try (Connection connection = guarded("production").getConnection()) {
            assertThatThrownBy(() -> connection.prepareStatement(sql))
                    .isInstanceOfSatisfying(BlockedStatementException.class,
                            refused -> assertThat(refused.ruleId()).isEqualTo(rule));
        }

        assertThat(probe(probe)).isEqualTo(before);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = RULES)
    void everyRuleRunsInDevelopment(String rule, String sql, String probe, int before, int afterRunning)
            throws SQLException {
        try (Connection connection = guarded("development").getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }

        assertThat(probe(probe)).isEqualTo(afterRunning);
        assertThat(audit.events()).isEmpty();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = RULES)
    void everyRuleRunsAndIsAuditedInStaging(String rule, String sql, String probe, int before, int afterRunning)
            throws SQLException {
        try (Connection connection = guarded("staging").getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }

        assertThat(probe(probe)).isEqualTo(afterRunning);
        assertThat(audit.outcomes()).containsExactly("AUDITED " + rule);
        assertThat(audit.events().get(0).dataSource()).isEqualTo("orders");
    }

    // ---- transactions and batches ----

    @Test
    void aRefusedStatementLeavesTheTransactionUsable() throws SQLException {
        try (Connection connection = guarded("production").getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO victim VALUES (10, 'in transaction')");
                assertThatThrownBy(() -> statement.executeUpdate("TRUNCATE victim"))
                        .isInstanceOf(BlockedStatementException.class);
                statement.executeUpdate("INSERT INTO victim VALUES (11, 'in transaction')");
            }
            connection.commit();
        }

        assertThat(ids()).containsExactly(1, 2, 3, 10, 11);
    }

    @Test
    void nothingOfABatchRunsWhenOneOfItsStatementsIsRefused() throws SQLException {
        try (Connection connection = guarded("production").getConnection();
             Statement statement = connection.createStatement()) {
            statement.addBatch("INSERT INTO victim VALUES (20, 'batch')");
            assertThatThrownBy(() -> statement.addBatch("DELETE FROM victim"))
                    .isInstanceOf(BlockedStatementException.class);
            statement.addBatch("INSERT INTO victim VALUES (21, 'batch')");

            assertThatThrownBy(statement::executeBatch)
                    .isInstanceOfSatisfying(BlockedStatementException.class, refused -> {
                        assertThat(refused.ruleId()).isEqualTo("unscoped-delete");
                        assertThat(refused.getMessage()).startsWith("dbguard: batch not executed");
                    });
            assertThat(ids()).containsExactly(1, 2, 3);

            statement.addBatch("INSERT INTO victim VALUES (22, 'next batch')");
            assertThat(statement.executeBatch()).containsExactly(1);
        }

        assertThat(ids()).containsExactly(1, 2, 3, 22);
    }

    @Test
    void aPreparedBatchRunsAndCountsEachRow() throws SQLException {
        StatementGuard engine = new StatementGuard(GuardConfig.builder().environment("production").build());
        DataSource orders = DbGuard.wrap(pool).name("orders").guard(engine).build();

        try (Connection connection = orders.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO victim VALUES (?, 'prepared')")) {
            for (int id = 30; id < 33; id++) {
                insert.setInt(1, id);
                insert.addBatch();
            }
            assertThat(insert.executeBatch()).containsExactly(1, 1, 1);
        }

        assertThat(ids()).containsExactly(1, 2, 3, 30, 31, 32);
        assertThat(engine.statistics().count(Decision.ALLOW)).isEqualTo(3);
    }

    // ---- modes ----

    @ParameterizedTest
    @ValueSource(strings = {
        "INSERT INTO victim VALUES (40, 'w')",
        "UPDATE victim SET v = 'w' WHERE id = 1",
        "DELETE FROM victim WHERE id = 1",
        "CREATE TABLE other (id int)",
        "TRUNCATE victim"})
    void readOnlyModeRefusesEveryWrite(String sql) throws SQLException {
        try (Connection connection = readOnly().getConnection(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute(sql)).isInstanceOf(BlockedStatementException.class);
        }

        assertThat(values()).containsExactly("a", "b", "c");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT count(*) FROM victim",
        "SHOW search_path",
        "SET statement_timeout = 0",
        "EXPLAIN SELECT * FROM victim"})
    void readOnlyModeLetsReadsThrough(String sql) throws SQLException {
        try (Connection connection = readOnly().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        assertThat(audit.events()).isEmpty();
    }

    @Test
    void readOnlyModeRefusesRowChangesThroughAnUpdatableResultSet() throws SQLException {
        try (Connection connection = readOnly().getConnection();
             Statement statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_UPDATABLE);
             ResultSet rows = statement.executeQuery("SELECT id, v FROM victim WHERE id = 1")) {
            assertThat(rows.next()).isTrue();
            rows.updateString("v", "w");

            assertThatThrownBy(rows::updateRow)
                    .isInstanceOfSatisfying(BlockedStatementException.class,
                            refused -> assertThat(refused.ruleId()).isEqualTo("read-only"));
            assertThatThrownBy(rows::deleteRow).isInstanceOf(BlockedStatementException.class);
        }

        assertThat(values()).containsExactly("a", "b", "c");
    }

    /** Through the default sink, as users get it: every execution counted, one log line per window. */
    @Test
    void auditModeCountsEveryExecutionAndLogsOncePerWindow() throws Exception {
        StatementGuard engine = new StatementGuard(GuardConfig.builder()
                .environment("staging")
                .auditWindow(Duration.ofHours(1))
                .build());
        DataSource staging = DbGuard.wrap(pool).name("orders").guard(engine).build();

        String log = standardErrorOf(() -> {
            try (Connection connection = staging.getConnection();
                 PreparedStatement touchAll = connection.prepareStatement("UPDATE victim SET v = v")) {
                for (int i = 0; i < 1_000; i++) {
                    touchAll.executeUpdate();
                }
            }
        });

        assertThat(engine.statistics().count(Decision.AUDIT, "unscoped-update")).isEqualTo(1_000);
        assertThat(engine.statistics().count(Decision.AUDIT)).isEqualTo(1_000);
        assertThat(log.lines().filter(line -> line.contains(Slf4jAuditSink.LOGGER_NAME)))
                .singleElement(as(InstanceOfAssertFactories.STRING))
                .contains("unscoped-update");
    }

    @Test
    void anOverrideLetsTheNamedRuleThroughOnThisThreadUntilClosed() throws SQLException {
        try (Connection connection = guarded("production").getConnection();
             Statement statement = connection.createStatement()) {
            try (GuardOverride override = DbGuard.override("JIRA-1234: purge scratch rows", "truncate")) {
                statement.execute("TRUNCATE victim");
            }
            assertThatThrownBy(() -> statement.execute("TRUNCATE victim"))
                    .isInstanceOf(BlockedStatementException.class);
        }

        assertThat(ids()).isEmpty();
        assertThat(audit.outcomes()).containsExactly("OVERRIDDEN truncate", "REFUSED truncate");
        assertThat(audit.events().get(0).reason()).isEqualTo("JIRA-1234: purge scratch rows");
    }

    @Test
    void aConnectionWhoseUrlMatchesAProductionPatternIsProductionWhateverWasDeclared() throws SQLException {
        String host = URI.create(POSTGRES.jdbcUrl().substring("jdbc:".length())).getHost();
        GuardedDataSource declaredDevelopment = (GuardedDataSource) guarded(GuardConfig.builder()
                .environment("development")
                .productionUrlPatterns(List.of(host)));

        try (Connection connection = declaredDevelopment.getConnection();
             Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute("TRUNCATE victim"))
                    .isInstanceOf(BlockedStatementException.class);
        }

        assertThat(declaredDevelopment.target().environment().environment().name()).isEqualTo("production");
        assertThat(ids()).containsExactly(1, 2, 3);
    }

    // ---- errors, threads ----

    @Test
    void errorsFromTheDatabasePassThroughUnchanged() throws SQLException {
        try (Connection connection = guarded("production").getConnection();
             Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM no_such_table"))
                    .isExactlyInstanceOf(PSQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42P01"));
        }
    }

    @Test
    void countersStayExactUnderConcurrentUseOfOnePool() throws Exception {
        StatementGuard engine = new StatementGuard(GuardConfig.builder().environment("production").build());
        DataSource orders = DbGuard.wrap(pool).name("orders").guard(engine).build();
        int threads = 8;
        int rounds = 100;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> refusals = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                refusals.add(executor.submit(() -> {
                    start.await();
                    int refused = 0;
                    for (int round = 0; round < rounds; round++) {
                        try (Connection connection = orders.getConnection();
                             Statement statement = connection.createStatement()) {
                            statement.executeQuery("SELECT count(*) FROM victim").close();
                            try {
                                statement.execute("TRUNCATE victim");
                            } catch (BlockedStatementException expected) {
                                refused++;
                            }
                        }
                    }
                    return refused;
                }));
            }
            start.countDown();
            int refused = 0;
            for (Future<Integer> future : refusals) {
                refused += future.get(2, TimeUnit.MINUTES);
            }

            assertThat(refused).isEqualTo(threads * rounds);
        } finally {
            executor.shutdownNow();
        }
        assertThat(engine.statistics().count(Decision.ALLOW)).isEqualTo(threads * rounds);
        assertThat(engine.statistics().count(Decision.BLOCK, "truncate")).isEqualTo(threads * rounds);
        assertThat(ids()).containsExactly(1, 2, 3);
    }

    // ---- nothing leaks the raw driver by accident; unwrapping on purpose is audited ----

    @Test
    void objectsHandedBackLeadToTheGuardedWrappers() throws SQLException {
        try (Connection connection = guarded("production").getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id FROM victim")) {
            assertThat(statement.getConnection()).isSameAs(connection);
            assertThat(rows.getStatement()).isSameAs(statement);
            assertThat(connection.getMetaData().getConnection()).isSameAs(connection);
            assertThat(statement.execute("SELECT 1")).isTrue();
            assertThat(statement.getResultSet().getStatement()).isSameAs(statement);

            try (PreparedStatement prepared = connection.prepareStatement("SELECT id FROM victim WHERE id = ?")) {
                prepared.setInt(1, 1);
                try (ResultSet row = prepared.executeQuery()) {
                    assertThat(row.getStatement()).isSameAs(prepared);
                }
                assertThat(prepared.getConnection()).isSameAs(connection);
            }

            try (ResultSet tables = connection.getMetaData().getTables(null, schema, "victim", null)) {
                assertThat(tables.next()).isTrue();
                // PostgreSQL answers metadata queries with a statement of its own; it comes back guarded.
                Statement behindMetadata = tables.getStatement();
                assertThat(behindMetadata.getConnection()).isSameAs(connection);
                assertThatThrownBy(() -> behindMetadata.execute("TRUNCATE victim"))
                        .isInstanceOf(BlockedStatementException.class);
            }
            assertThat(connection.unwrap(Connection.class)).isSameAs(connection);
        }
        assertThat(ids()).containsExactly(1, 2, 3);
    }

    @Test
    void theGuardedDataSourceUnwrapsToItselfAndToThePoolOnlyWhenThePoolTypeIsAskedFor() throws SQLException {
        DataSource orders = guarded("production");

        assertThat(orders.unwrap(DataSource.class)).isSameAs(orders);
        assertThat(orders.isWrapperFor(HikariDataSource.class)).isTrue();
        assertThat(orders.unwrap(HikariDataSource.class)).isSameAs(pool);
        assertThat(DbGuard.isGuarded(orders)).isTrue();
        assertThat(DbGuard.isGuarded(pool)).isFalse();
    }

    @Test
    void unwrappingAConnectionToAVendorTypeWorksAndIsAuditedOncePerCallSiteInBlockMode() throws Exception {
        List<String> warnings = new CopyOnWriteArrayList<>();
        StatementGuard engine = new StatementGuard(GuardConfig.builder().environment("production").build());
        DataSource orders = new GuardedDataSource(pool, "orders", engine, new UnwrapAudit(warnings::add));

        try (Connection connection = orders.getConnection()) {
            assertThat(connection.isWrapperFor(PGConnection.class)).isTrue();
            for (int i = 0; i < 3; i++) {
                connection.unwrap(PGConnection.class);
            }
            PGConnection postgres = connection.unwrap(PGConnection.class);
            postgres.getCopyAPI().copyIn("COPY victim FROM STDIN", new StringReader("4\td\n"));
        }

        assertThat(ids()).containsExactly(1, 2, 3, 4);
        assertThat(warnings).hasSize(2).allSatisfy(warning -> assertThat(warning)
                .startsWith("dbguard: connection of data source 'orders' (production, mode block) was unwrapped to"
                        + " org.postgresql.PGConnection at dev.dbguard.jdbc.PostgresGuardTest.")
                .contains("bypass the guard"));
    }

    @Test
    void unwrappingIsNotAuditedWhereNothingIsRefused() throws SQLException {
        List<String> warnings = new CopyOnWriteArrayList<>();
        StatementGuard engine = new StatementGuard(GuardConfig.builder().environment("development").build());
        DataSource orders = new GuardedDataSource(pool, "orders", engine, new UnwrapAudit(warnings::add));

        try (Connection connection = orders.getConnection()) {
            connection.unwrap(PGConnection.class);
        }

        assertThat(warnings).isEmpty();
    }

    // ---- helpers ----

    /** What {@code work} wrote to standard error, where slf4j-simple writes log lines in these tests. */
    private static String standardErrorOf(SqlWork work) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            work.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @FunctionalInterface
    private interface SqlWork {
        void run() throws SQLException;
    }

    private DataSource guarded(String environment) {
        return guarded(GuardConfig.builder().environment(environment));
    }

    private DataSource guarded(GuardConfig.Builder config) {
        return DbGuard.wrap(pool).name("orders").config(config.auditSink(audit).build()).build();
    }

    private DataSource readOnly() {
        return guarded(GuardConfig.builder().environment("production").mode("production", Mode.READ_ONLY));
    }

    private static int probe(String probe) throws SQLException {
        return switch (probe) {
            case "rows" -> POSTGRES.count(schema + ".victim");
            case "updated" -> count("SELECT count(*) FROM victim WHERE v = 'x'");
            case "tables" -> count("SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + schema
                    + "' AND table_name = 'victim'");
            case "columns" -> count("SELECT count(*) FROM information_schema.columns WHERE table_schema = '" + schema
                    + "' AND table_name = 'victim' AND column_name = 'v'");
            default -> throw new IllegalArgumentException(probe);
        };
    }

    private static int count(String sql) throws SQLException {
        try (Connection connection = pool.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static List<Integer> ids() throws SQLException {
        List<Integer> ids = new ArrayList<>();
        try (Connection connection = pool.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id FROM victim ORDER BY id")) {
            while (rows.next()) {
                ids.add(rows.getInt(1));
            }
        }
        return ids;
    }

    private static List<String> values() throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = pool.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT v FROM victim ORDER BY id")) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
