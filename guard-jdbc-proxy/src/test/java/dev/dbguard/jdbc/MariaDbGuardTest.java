package dev.dbguard.jdbc;

import dev.dbguard.DbGuard;
import dev.dbguard.core.BlockedStatementException;
import dev.dbguard.core.GuardConfig;
import dev.dbguard.testsupport.TestDatabase;
import dev.dbguard.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The MySQL dialect through the MariaDB driver, in a database of its own: every rule refused in production (plain
 * and prepared, the data checked afterwards), run and audited in staging, run silently in development. Skipped,
 * loudly, without MariaDB.
 */
class MariaDbGuardTest {

    /**
     * One row per refusing rule at least (checked against the catalog): rule | setup run first on the same connection
     * ({@code --} for none) | statement | probe | its value before | its value after the statement ran.
     */
    private static final String RULES = """
            unscoped-delete | --                               | DELETE FROM victim                    | rows    | 3 | 0
            unscoped-delete | --                               | DELETE FROM victim WHERE 1=1 LIMIT 10 | rows    | 3 | 0
            truncate        | --                               | TRUNCATE victim                       | rows    | 3 | 0
            truncate        | --                               | TRUNCATE TABLE victim                 | rows    | 3 | 0
            drop            | --                               | DROP TABLE victim                     | tables  | 1 | 0
            drop            | --                               | DROP TABLE IF EXISTS `victim`         | tables  | 1 | 0
            drop            | --                               | CREATE OR REPLACE TABLE victim (id int) | rows  | 3 | 0
            unscoped-update | --                               | UPDATE victim SET v = 'x'             | updated | 0 | 3
            unscoped-update | --                               | UPDATE victim SET v = 'x' WHERE 1=1 # comment | updated | 0 | 3
            alter-drop      | --                               | ALTER TABLE victim DROP COLUMN v      | columns | 2 | 1
            alter-drop      | --                               | /*!40000 ALTER TABLE victim DROP COLUMN v */ | columns | 2 | 1
            dynamic-sql     | SET @q = CONCAT('DELETE FROM ', 'victim') | EXECUTE IMMEDIATE @q     | rows    | 3 | 0
            alter-type      | ALTER TABLE victim ADD COLUMN ts datetime NOT NULL DEFAULT '2026-01-01 10:00:00' | ALTER TABLE victim MODIFY ts date | columns | 3 | 3
            """;

    private static TestDatabase mariadb;
    private static String database;
    private static DataSource plain;

    private final RecordingAuditSink audit = new RecordingAuditSink();

    @BeforeAll
    static void createDatabase() throws SQLException {
        mariadb = TestDatabases.of(TestDatabase.Kind.MARIADB);
        database = mariadb.freshSchema("proxy_maria");
        plain = mariadb.dataSource(database);
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        if (database != null) {
            mariadb.dropSchema(database);
        }
    }

    @BeforeEach
    void createVictim() throws SQLException {
        try (Connection connection = plain.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS victim");
            statement.execute("CREATE TABLE victim (id int PRIMARY KEY, v varchar(20)) ENGINE=InnoDB");
            statement.execute("INSERT INTO victim VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        }
    }

    /** Every rule that refuses: {@code rename} only warns (audited, never refused) and has its rows in the verdict tables. */
    @Test
    void theTableCoversEveryRule() {
        assertThat(RULES.lines().map(row -> row.split("\\|")[0].strip()).distinct())
                .containsExactlyInAnyOrderElementsOf(GuardConfig.RULE_IDS.stream()
                        .filter(rule -> !rule.equals("rename")).toList());
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', nullValues = "--", textBlock = RULES)
    void refusedInProduction(String rule, String setup, String sql, String probe, int before, int afterRunning)
            throws SQLException {
        try (Connection connection = guarded("production").getConnection();
             Statement statement = connection.createStatement()) {
            runSetup(statement, setup);
            assertThatThrownBy(() -> statement.execute(sql))
                    .isInstanceOfSatisfying(BlockedStatementException.class,
                            refused -> assertThat(refused.ruleId()).isEqualTo(rule));
        }

        assertThat(probe(probe)).isEqualTo(before);
        assertThat(audit.outcomes()).containsExactly("REFUSED " + rule);
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', nullValues = "--", textBlock = RULES)
    void refusedInProductionAsAPreparedStatement(String rule, String setup, String sql, String probe, int before,
                                                 int afterRunning) throws SQLException {
        try (Connection connection = guarded("production").getConnection()) {
            try (Statement statement = connection.createStatement()) {
                runSetup(statement, setup);
            }
            assertThatThrownBy(() -> {
                try (PreparedStatement prepared = connection.prepareStatement(sql)) {
                    prepared.execute();
                }
            }).isInstanceOfSatisfying(BlockedStatementException.class,
                    refused -> assertThat(refused.ruleId()).isEqualTo(rule));
        }

        assertThat(probe(probe)).isEqualTo(before);
        assertThat(audit.outcomes()).containsExactly("REFUSED " + rule);
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', nullValues = "--", textBlock = RULES)
    void runAndAuditedInStaging(String rule, String setup, String sql, String probe, int before, int afterRunning)
            throws SQLException {
        run("staging", setup, sql);

        assertThat(probe(probe)).isEqualTo(afterRunning);
        assertThat(audit.outcomes()).containsExactly("AUDITED " + rule);
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', nullValues = "--", textBlock = RULES)
    void runInDevelopment(String rule, String setup, String sql, String probe, int before, int afterRunning)
            throws SQLException {
        run("development", setup, sql);

        assertThat(probe(probe)).isEqualTo(afterRunning);
        assertThat(audit.events()).isEmpty();
    }

    @Test
    void aRefusedStatementLeavesTheTransactionUsable() throws SQLException {
        try (Connection connection = guarded("production").getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO victim VALUES (10, 'in transaction')");
                assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM victim"))
                        .isInstanceOf(BlockedStatementException.class);
                statement.executeUpdate("INSERT INTO victim VALUES (11, 'in transaction')");
            }
            connection.commit();
        }

        assertThat(probe("rows")).isEqualTo(5);
    }

    private DataSource guarded(String environment) {
        return DbGuard.wrap(plain).name("shop")
                .config(GuardConfig.builder().environment(environment).auditSink(audit).build())
                .build();
    }

    /** Runs the setup, then the statement, on one guarded connection in {@code environment}. */
    private void run(String environment, String setup, String sql) throws SQLException {
        try (Connection connection = guarded(environment).getConnection();
             Statement statement = connection.createStatement()) {
            runSetup(statement, setup);
            statement.execute(sql);
        }
    }

    private static void runSetup(Statement statement, String setup) throws SQLException {
        if (setup != null) {
            statement.execute(setup);
        }
    }

    /** rows: how many rows; updated: rows whose v is 'x'; columns: columns of victim; tables: 1 if it exists. */
    private static int probe(String probe) throws SQLException {
        String query = switch (probe) {
            case "rows" -> "SELECT count(*) FROM victim";
            case "updated" -> "SELECT count(*) FROM victim WHERE v = 'x'";
            case "columns" -> "SELECT count(*) FROM information_schema.columns WHERE table_schema = '" + database
                    + "' AND table_name = 'victim'";
            case "tables" -> "SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + database
                    + "' AND table_name = 'victim'";
            default -> throw new IllegalArgumentException("unknown probe " + probe);
        };
        try (Connection connection = plain.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
