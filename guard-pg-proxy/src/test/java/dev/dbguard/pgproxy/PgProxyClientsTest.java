package dev.dbguard.pgproxy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real non-JVM clients through the proxy: psql (the accidents of the incident drill) and pgbench's initialisation,
 * which drops its tables first. A client missing from this machine is reported at WARN and its test skipped; the
 * PgJDBC and protocol tests never skip.
 */
@Timeout(120)
@ExtendWith(NoLeaks.class)
class PgProxyClientsTest {

    private static final Logger LOG = LoggerFactory.getLogger(PgProxyClientsTest.class);

    private static ProxiedPostgres pg;

    @BeforeAll
    static void start() throws Exception {
        pg = new ProxiedPostgres("proxy_clients");
    }

    @AfterAll
    static void stop() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @BeforeEach
    void table() throws Exception {
        pg.direct("DROP TABLE IF EXISTS items", "CREATE TABLE items (id int PRIMARY KEY, name text)",
                "INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 5) g");
    }

    @Test
    void psqlShowsTheRefusalAndTheTableSurvives() throws Exception {
        Run run = run(tool("psql"), "-X", "-v", "ON_ERROR_STOP=0", "-c", "DROP TABLE items",
                "-c", "SELECT count(*) AS left_over FROM items");
        assertThat(run.stderr).contains("ERROR:  dbguard: refused DROP TABLE items (rule drop) on data source"
                        + " 'test-route (client 127.0.0.1:")
                .contains("application psql)' in production (from test, mode block).")
                .contains("DETAIL:  The statement was not sent to the server.")
                .contains("HINT:  To allow it deliberately: add dbguard.allow=drop:items, or set"
                        + " dbguard.modes.production=audit.");
        assertThat(run.stdout).contains("left_over", " 5");
        assertThat(pg.count("items")).isEqualTo(5);
    }

    @Test
    void psqlScriptOfTheDrillIsRefusedStatementByStatement() throws Exception {
        Path script = Files.createTempFile("dbguard-drill", ".sql");
        try {
            Files.writeString(script, String.join("\n",
                    "BEGIN;",
                    "DELETE FROM items;",
                    "ROLLBACK;",
                    "TRUNCATE items;",
                    "UPDATE items SET name = 'gone';",
                    "DELETE FROM items WHERE id = 1;",
                    "SELECT count(*) AS left_over FROM items;", ""));
            Run run = run(tool("psql"), "-X", "-v", "ON_ERROR_STOP=0", "-f", script.toString());
            assertThat(run.stderr).contains("ERROR:  dbguard: refused DELETE FROM items without WHERE",
                    "ERROR:  dbguard: refused TRUNCATE items (rule truncate)",
                    "ERROR:  dbguard: refused UPDATE items without WHERE");
            assertThat(run.stdout).contains("BEGIN", "ROLLBACK", "DELETE 1", "left_over", " 4");
        } finally {
            Files.deleteIfExists(script);
        }
        assertThat(pg.count("items")).isEqualTo(4);
    }

    @Test
    void pgbenchInitialisationIsRefusedAtItsDropTable() throws Exception {
        Run run = run(tool("pgbench"), "-i", "-s", "1");
        assertThat(run.exitCode).isNotZero();
        assertThat(run.stderr).contains("dbguard: refused DROP TABLE");
        assertThat(pg.exists("pgbench_accounts")).isFalse();
        assertThat(pg.exists("items")).isTrue();
    }

    @Test
    void pgbenchWorkloadsRunThroughTheProxyWithoutARefusal() throws Exception {
        String pgbench = tool("pgbench");
        try {
            // initialised directly (its DROP TABLE is what a production route refuses), in the test schema
            Run init = run(pg.upstream.getHostString(), pg.upstream.getPort(), pgbench, "-i", "-q", "-s", "1");
            assertThat(init.exitCode).as(init.stderr).isZero();
            pg.events.clear();
            for (List<String> workload : List.of(List.of("-M", "simple"), List.of("-M", "prepared"),
                    List.of("-S", "-M", "simple"), List.of("-S", "-M", "prepared"))) {
                List<String> arguments = new ArrayList<>(List.of("-n", "-c", "4", "-j", "2", "-t", "50"));
                arguments.addAll(workload);
                Run run = run(pgbench, arguments.toArray(String[]::new));
                assertThat(run.exitCode).as(run.stderr).isZero();
                assertThat(run.stdout).contains("number of transactions actually processed: 200/200");
                assertThat(run.stderr).doesNotContain("dbguard");
            }
            assertThat(pg.events).isEmpty();
            assertThat(pg.count("pgbench_history")).isEqualTo(400);
        } finally {
            // the refusal test expects no pgbench tables, whichever order the tests run in
            pg.direct("DROP TABLE IF EXISTS pgbench_accounts, pgbench_branches, pgbench_history, pgbench_tellers");
        }
    }

    private static String tool(String name) {
        for (String directory : List.of("/usr/bin", "/usr/local/bin", "/usr/lib/postgresql/15/bin")) {
            if (Files.isExecutable(Path.of(directory, name))) {
                return Path.of(directory, name).toString();
            }
        }
        for (String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, name))) {
                return Path.of(directory, name).toString();
            }
        }
        LOG.warn("dbguard-pg-proxy tests: {} IS NOT INSTALLED: its test through the proxy is SKIPPED (install the"
                + " PostgreSQL client package, e.g. apt-get install postgresql-client)", name);
        assumeTrue(false, name + " is not installed");
        return name;
    }

    private static Run run(String executable, String... arguments) throws IOException, InterruptedException {
        return run("127.0.0.1", pg.port(), executable, arguments);
    }

    private static Run run(String host, int port, String executable, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(executable);
        command.addAll(List.of("-h", host, "-p", String.valueOf(port), "-U", pg.database.user(),
                "-d", pg.databaseName));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        // nothing of the machine's libpq settings may change what the test sees
        environment.keySet().removeIf(name -> name.startsWith("PG"));
        environment.put("PGCONNECT_TIMEOUT", "10");
        environment.put("PGOPTIONS", "-c search_path=" + pg.schema);
        // libpq's default: asks for TLS first, which the proxy declines, then continues in plain text
        environment.put("PGSSLMODE", "prefer");
        if (!pg.database.password().isEmpty()) {
            environment.put("PGPASSWORD", pg.database.password());
        }
        Path out = Files.createTempFile("dbguard-client", ".out");
        Path err = Files.createTempFile("dbguard-client", ".err");
        try {
            Process process = builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(command + " did not finish within 60 s");
            }
            Run run = new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            LOG.info("{} exited {}\nstdout:\n{}\nstderr:\n{}", command, run.exitCode, run.stdout, run.stderr);
            return run;
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private record Run(int exitCode, String stdout, String stderr) {
    }
}
