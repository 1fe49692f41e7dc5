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

    @ParameterizedTest(name = "accident {0}: production {1}, staging {2}")
    @CsvSource(delimiter = ';', value = {
            "1; REFUSED truncate, REFUSED truncate;      AUDITED truncate, AUDITED truncate;  REFUSED truncate on projects in production;      projects 0, tasks 0",
            "2; REFUSED unscoped-delete;                 AUDITED unscoped-delete;             caller=dev.dbguard.samples.tasks.AdminController.deleteAllTasks(; projects 3, tasks 0",
            "3; REFUSED unscoped-delete;                 AUDITED unscoped-delete;             sql=\"DELETE FROM tasks WHERE ?=?\";             projects 3, tasks 0",
            "4; REFUSED drop, REFUSED drop;              AUDITED drop, AUDITED drop;          REFUSED drop on projects in production;          projects (no table), tasks (no table)",
            "5; REFUSED drop;                            AUDITED drop;                        in production (Spring property dbguard.env (commandLineArgs)), mode=block, datasource=dataSource, caller=Flyway,; projects (no table), tasks (no table)",
            "6; REFUSED alter-drop;                      AUDITED alter-drop;                  REFUSED alter-drop on tasks, note in production; projects 3, tasks 12",
            "7; REFUSED unscoped-delete;                 REFUSED unscoped-delete;             in production (production URL pattern;           projects 3, tasks 12",
            "8; REFUSED drop;                            AUDITED drop;                        sql=\"DROP TABLE tasks\";                         projects 3, tasks (no table)",
    })
    void eachAccidentIsRefusedInProductionAndAuditedInStaging(int number, String production, String staging,
                                                              String productionLogLine, String stagingRowsAfter) {
        AccidentReport inProduction = report.production().accidents().get(number - 1);
        AccidentReport inStaging = report.staging().accidents().get(number - 1);

        assertThat(outcomes(inProduction)).isEqualTo(expected(production));
        assertThat(inProduction.unchanged()).as("rows and columns after accident %d in production", number).isTrue();
        assertThat(inProduction.before().rowCounts()).isEqualTo("projects 3, tasks 12");
        assertThat(inProduction.logLines()).anySatisfy(line -> assertThat(line)
                .startsWith("WARN  dbguard.audit  REFUSED ").contains(productionLogLine));

        assertThat(outcomes(inStaging)).isEqualTo(expected(staging));
        assertThat(inStaging.before().rowCounts()).isEqualTo("projects 3, tasks 12");
        assertThat(inStaging.after().rowCounts()).isEqualTo(stagingRowsAfter);
    }

    @Test
    void everyRefusalIsOneWarnLineOnTheAuditLogger() {
        for (AccidentReport accident : report.production().accidents()) {
            int refused = accident.attempts().stream().mapToInt(Attempt::flagged).sum();
            assertThat(accident.logLines().stream().filter(line -> line.startsWith("WARN  dbguard.audit  REFUSED ")))
                    .as("refusal lines of accident %d", accident.number())
                    .hasSize(refused);
        }
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
                .startsWith("ERROR dev.dbguard.core.env.ProductionUrlPatterns  dbguard: ")
                .contains("matches production URL pattern '" + hostOf(postgres.jdbcUrl()) + "'")
                .contains("declared development"));
    }

    @Test
    void theApplicationStartsGuardedAndTheEndpointCountsWhatHappened() {
        assertThat(report.production().startupLines()).anySatisfy(line -> assertThat(line).contains(
                "dbguard: guarding data source 'dataSource': environment production (from Spring property"
                        + " dbguard.env (commandLineArgs)), mode block"));
        EndpointReport production = report.production().endpoint();
        assertThat(production.environment()).isEqualTo("production");
        assertThat(production.mode()).isEqualTo("block");
        assertThat(production.counters()).containsEntry("block", flaggedThroughTheApplication(report.production()))
                .containsEntry("block/truncate", 2L).containsEntry("block/alter-drop", 1L);
        EndpointReport staging = report.staging().endpoint();
        assertThat(staging.environment()).isEqualTo("staging");
        assertThat(staging.mode()).isEqualTo("audit");
        assertThat(staging.counters()).containsEntry("audit", flaggedThroughTheApplication(report.staging()))
                .doesNotContainKey("block");
    }

    @Test
    void productionHeldAndTheOutputReadsWithoutStackTraces() {
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

    /** Statements flagged through the application's data source: all but the developer's own pool (accident 7). */
    private static long flaggedThroughTheApplication(PassReport pass) {
        return pass.accidents().stream().filter(accident -> accident.number() != 7)
                .flatMap(accident -> accident.attempts().stream()).mapToLong(Attempt::flagged).sum();
    }

    private static String hostOf(String jdbcUrl) {
        return new PostgresDatabase(jdbcUrl, null, null, "").host();
    }
}
