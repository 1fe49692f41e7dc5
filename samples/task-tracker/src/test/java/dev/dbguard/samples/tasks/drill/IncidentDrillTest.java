package dev.dbguard.samples.tasks.drill;

import dev.dbguard.samples.tasks.PostgresDatabase;
import dev.dbguard.testsupport.TestDatabase;
import dev.dbguard.testsupport.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The incident drill end to end, once, against the test PostgreSQL: every accident refused in production with the
 * rows untouched, run-but-audited in staging, and refused again through dbguard-pg-proxy for psql and raw PgJDBC.
 */
class IncidentDrillTest {

    private static final String SCHEMA = "drill_test_" + UUID.randomUUID().toString().substring(0, 8);

    private static TestDatabase postgres;
    private static DrillReport report;
    private static String output;

    @BeforeAll
    static void runTheDrill() throws Exception {
        postgres = TestDatabases.postgres();
        PostgresDatabase database = new PostgresDatabase(postgres.jdbcUrl(), postgres.user(), postgres.password(),
                "test PostgreSQL (" + postgres.source() + ")");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            report = new IncidentDrill(database, SCHEMA, false, out).run();
        }
        output = printed.toString(StandardCharsets.UTF_8);
        System.out.println(output);
    }

    /**
     * Each accident: its number; the outcome of each of its attempts in production, and how many statements were
     * refused (one WARN line each); the same in staging (audited; repeats of one statement share an INFO line, and
     * the developer's pool of accident 7 is production there too); a piece of production's refusal line; the row
     * counts staging leaves.
     */
    private static final String ACCIDENTS = """
            1; REFUSED truncate, REFUSED truncate; 2;      AUDITED truncate, AUDITED truncate; 2;  REFUSED truncate on projects in production;      projects 0, tasks 0
            2; REFUSED unscoped-delete; 1;                 AUDITED unscoped-delete; 1;             caller=dev.dbguard.samples.tasks.AdminController.deleteAllTasks(; projects 3, tasks 0
            3; REFUSED unscoped-delete; 1;                 AUDITED unscoped-delete; 1;             sql="DELETE FROM tasks WHERE ?=?";             projects 3, tasks 0
            4; REFUSED drop, REFUSED drop; 4;              AUDITED drop, AUDITED drop; 4;          REFUSED drop on projects in production;          projects (no table), tasks (no table)
            5; REFUSED drop; 1;                            AUDITED drop; 3;                        in production (Spring property dbguard.env (commandLineArgs)), mode=block, datasource=dataSource, caller=Flyway,; projects (no table), tasks (no table)
            6; REFUSED alter-drop; 1;                      AUDITED alter-drop; 1;                  REFUSED alter-drop on tasks, note in production; projects 3, tasks 12
            7; REFUSED unscoped-delete; 1;                 REFUSED unscoped-delete; 1;             in production (production URL pattern;           projects 3, tasks 12
            8; REFUSED drop; 1;                            AUDITED drop; 1;                        sql="DROP TABLE tasks";                         projects 3, tasks (no table)
            """;

    @ParameterizedTest(name = "accident {0}: production {1}, staging {3}")
    @CsvSource(delimiter = ';', textBlock = ACCIDENTS)
    void eachAccidentIsRefusedInProductionAndAuditedInStaging(int number, String production, int refusedStatements,
                                                              String staging, int stagingFlaggedStatements,
                                                              String productionLogLine, String stagingRowsAfter) {
        AccidentReport inProduction = report.production().accidents().get(number - 1);
        AccidentReport inStaging = report.staging().accidents().get(number - 1);

        assertThat(outcomes(inProduction)).isEqualTo(expected(production));
        assertThat(inProduction.unchanged()).as("rows and columns after accident %d in production", number).isTrue();
        assertThat(inProduction.before().rowCounts()).isEqualTo("projects 3, tasks 12");
        assertThat(inProduction.logLines()).anySatisfy(line -> assertThat(line)
                .startsWith("WARN  dbguard.audit  REFUSED ").contains(productionLogLine));
        assertThat(inProduction.logLines()).as("one WARN line per refused statement of accident %d", number)
                .filteredOn(line -> line.startsWith("WARN  dbguard.audit  REFUSED "))
                .hasSize(refusedStatements);
        assertThat(flagged(inProduction)).as("refused statements of accident %d", number).isEqualTo(refusedStatements);

        assertThat(outcomes(inStaging)).isEqualTo(expected(staging));
        assertThat(inStaging.before().rowCounts()).isEqualTo("projects 3, tasks 12");
        assertThat(inStaging.after().rowCounts()).isEqualTo(stagingRowsAfter);
        assertThat(flagged(inStaging)).as("flagged statements of accident %d in staging", number)
                .isEqualTo(stagingFlaggedStatements);
    }

    @Test
    void stagingLogsTheStatementsItLetThroughAtInfo() {
        AccidentReport truncate = report.staging().accidents().get(0);
        assertThat(truncate.logLines()).hasSize(2).allSatisfy(line -> assertThat(line)
                .startsWith("INFO  dbguard.audit  AUDITED truncate on ")
                .contains(" in staging (Spring property dbguard.env (commandLineArgs)), mode=audit,"));
    }

    @Test
    void theMigrationThatDropsAColumnRunsOnlyOnTheStagingCopy() {
        AccidentReport production = report.production().accidents().get(5);
        AccidentReport staging = report.staging().accidents().get(5);
        assertThat(production.after().tables().get("tasks").columns()).contains("note");
        assertThat(staging.before().tables().get("tasks").columns()).contains("note");
        assertThat(staging.after().tables().get("tasks").columns()).doesNotContain("note");
    }

    @Test
    void theDeveloperConfigurationIsTreatedAsProductionWithAnErrorLine() {
        AccidentReport developer = report.production().accidents().get(6);
        assertThat(developer.logLines()).anySatisfy(line -> assertThat(line)
                .startsWith("ERROR dbguard.environment  dbguard: ")
                .contains("matches production URL pattern '" + hostOf(postgres.jdbcUrl()) + "'")
                .contains("declared development"));
    }

    @Test
    void theDrillPrintsThePostureOfItsConnection() {
        // The drill connects as the test server's account, a superuser, so the line is a WARN in production.
        assertThat(report.production().startupLines()).anySatisfy(line -> assertThat(line)
                .startsWith("WARN  dbguard.posture  dbguard posture 'dataSource' (production): account ")
                .contains("SUPERUSER").endsWith("Fix: see README \"Least privilege\"."));
    }

    @Test
    void theApplicationStartsGuardedAndTheEndpointCountsWhatHappened() {
        assertThat(report.production().startupLines()).anySatisfy(line -> assertThat(line).contains(
                "dbguard: guarding data source 'dataSource': environment production (from Spring property"
                        + " dbguard.env (commandLineArgs)), mode block"));
        EndpointReport production = report.production().endpoint();
        assertThat(production.environment()).isEqualTo("production");
        assertThat(production.mode()).isEqualTo("block");
        assertThat(production.counters()).containsEntry("block", flaggedThroughTheApplication(2))
                .containsEntry("block/truncate", 2L).containsEntry("block/alter-drop", 1L);
        EndpointReport staging = report.staging().endpoint();
        assertThat(staging.environment()).isEqualTo("staging");
        assertThat(staging.mode()).isEqualTo("audit");
        assertThat(staging.counters()).containsEntry("audit", flaggedThroughTheApplication(4))
                .doesNotContainKey("block");
    }

    @Test
    void productionHeldAndTheOutputReadsWithoutStackTraces() {
        assertThat(report.production().accidents()).as("accidents, one row each in ACCIDENTS")
                .hasSize((int) ACCIDENTS.lines().count());
        assertThat(report.productionHeld()).isTrue();
        assertThat(report.staging().held()).isFalse();
        assertThat(output)
                .contains("production held: 10 of 10 attempts refused, every row and column still there")
                .contains("DELETE /admin/tasks -> DELETE FROM tasks")
                .doesNotContain("\tat ", "Exception in thread", "APPLICATION FAILED TO START");
    }

    @ParameterizedTest(name = "through the proxy, accident {0}: {1}")
    @CsvSource(delimiter = ';', value = {
            "1; REFUSED truncate;                   psql exit 1: ERROR:  dbguard: refused TRUNCATE tasks (rule truncate)",
            "2; REFUSED unscoped-delete+alter-drop; psql exit 0: ERROR:  dbguard: refused DELETE FROM tasks with a WHERE",
            "3; REFUSED drop;                       psql exit 1: ERROR:  dbguard: refused DROP SCHEMA ",
            "4; REFUSED drop;                       PgJDBC got PSQLException, SQLState 42501",
    })
    void eachClientOutsideTheJvmIsRefusedByTheProxy(int number, String outcome, String detail) {
        AccidentReport accident = report.proxy().accidents().get(number - 1);
        assertThat(outcomes(accident)).containsExactly(outcome);
        assertThat(accident.attempts().get(0).detail()).startsWith(detail);
        assertThat(accident.unchanged()).as("rows and columns after accident %d through the proxy", number).isTrue();
        assertThat(accident.before().rowCounts()).isEqualTo("projects 3, tasks 12");
        assertThat(accident.logLines()).anySatisfy(line -> assertThat(line)
                .startsWith("WARN  dbguard.audit  REFUSED ")
                .contains("in production (--env), mode=block, datasource=\"production (client 127.0.0.1:")
                .contains(number == 4 ? "application unguarded-jvm-tool)" : "application psql)"));
    }

    @Test
    void theProxyPrintsThePostureOfTheAccountItsFirstClientLoggedInAs() {
        // The proxy holds no credentials: the account's posture is read in psql's session, before its first query.
        assertThat(report.proxy().accidents().get(0).logLines()).anySatisfy(line -> assertThat(line)
                .startsWith("WARN  dbguard.posture  dbguard posture 'production: " + postgres.user() + "@")
                .contains("(production): account " + postgres.user() + " has SUPERUSER")
                .endsWith("Fix: see README \"Least privilege\"."));
        assertThat(report.proxy().accidents().subList(1, 4)).allSatisfy(accident -> assertThat(accident.logLines())
                .as("the account is checked once").noneMatch(line -> line.contains("dbguard.posture")));
    }

    @Test
    void theProxyPassShowsHowToStartTheProxyAndHeld() {
        assertThat(report.proxy().psqlInstalled()).as("psql is installed (apt-get install postgresql-client)")
                .isTrue();
        assertThat(report.proxy().held()).isTrue();
        assertThat(output)
                .contains("Pass 3: any PostgreSQL client through dbguard-pg-proxy (environment production, mode block)")
                .contains("java -jar guard-pg-proxy/target/dbguard-pg-proxy.jar --listen 127.0.0.1:")
                .contains("production held through the proxy: 4 of 4 attempts refused, every row and column still"
                        + " there");
    }

    @Test
    void theDrillDropsTheSchemasItCreated() throws Exception {
        try (Connection connection = postgres.connect();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT count(*) FROM pg_namespace WHERE nspname IN (?, ?)")) {
            query.setString(1, SCHEMA);
            query.setString(2, SCHEMA + "_staging");
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                assertThat(rows.getInt(1)).isZero();
            }
        }
    }

    private static List<String> outcomes(AccidentReport accident) {
        return accident.attempts().stream()
                .map(attempt -> attempt.outcome() + " " + String.join("+", attempt.rules()))
                .toList();
    }

    private static List<String> expected(String column) {
        return Arrays.stream(column.split(",")).map(String::strip).toList();
    }

    private static int flagged(AccidentReport accident) {
        return accident.attempts().stream().mapToInt(Attempt::flagged).sum();
    }

    /**
     * The statements the table expects flagged in one pass (column 2 production, 4 staging) through the
     * application's data source: every accident but 7, which goes through the developer's own pool.
     */
    private static long flaggedThroughTheApplication(int column) {
        return ACCIDENTS.lines().map(row -> row.split(";"))
                .filter(columns -> !columns[0].strip().equals("7"))
                .mapToLong(columns -> Integer.parseInt(columns[column].strip()))
                .sum();
    }

    private static String hostOf(String jdbcUrl) {
        return new PostgresDatabase(jdbcUrl, null, null, "").host();
    }
}
