package dev.dbguard.pgproxy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real non-JVM clients through the proxy: psql (the accidents of the incident drill) and pgbench's initialisation,
 * which drops its tables first. A client missing from this machine fails its test, naming what to install.
 */
@Timeout(120)
@ExtendWith(NoLeaks.class)
class PgProxyClientsTest {

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
        ItemsTable.create(pg);
    }

    @Test
    void psqlShowsTheRefusalAndTheTableSurvives() throws Exception {
        ClientProcess.Run run = run(tool("psql"), "-X", "-v", "ON_ERROR_STOP=0", "-c", "DROP TABLE items",
                "-c", "SELECT count(*) AS left_over FROM items");
        assertThat(run.stderr()).contains("ERROR:  dbguard: refused DROP TABLE items (rule drop) on data source"
                        + " 'test-route (client 127.0.0.1:")
                .contains("application psql)' in production (from test, mode block).")
                .contains("DETAIL:  The statement was not sent to the server.")
                .contains("HINT:  To allow it deliberately: add dbguard.allow=drop:items, or set"
                        + " dbguard.modes.production=audit.");
        assertThat(run.stdout()).contains("left_over", " 5");
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
            ClientProcess.Run run = run(tool("psql"), "-X", "-v", "ON_ERROR_STOP=0", "-f", script.toString());
            assertThat(run.stderr()).contains("ERROR:  dbguard: refused DELETE FROM items without WHERE",
                    "ERROR:  dbguard: refused TRUNCATE items (rule truncate)",
                    "ERROR:  dbguard: refused UPDATE items without WHERE");
            assertThat(run.stdout()).contains("BEGIN", "ROLLBACK", "DELETE 1", "left_over", " 4");
        } finally {
            Files.deleteIfExists(script);
        }
        assertThat(pg.count("items")).isEqualTo(4);
    }

    @Test
    void pgbenchInitialisationIsRefusedAtItsDropTable() throws Exception {
        ClientProcess.Run run = run(tool("pgbench"), "-i", "-s", "1");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr()).contains("dbguard: refused DROP TABLE");
        assertThat(pg.exists("pgbench_accounts")).isFalse();
        assertThat(pg.exists("items")).isTrue();
    }

    @Test
    void pgbenchWorkloadsRunThroughTheProxyWithoutARefusal() throws Exception {
        String pgbench = tool("pgbench");
        try {
            // initialised directly (its DROP TABLE is what a production route refuses), in the test schema
            ClientProcess.Run init = run(pg.upstream.getHostString(), pg.upstream.getPort(), pgbench, "-i", "-q", "-s", "1");
            assertThat(init.exitCode()).as(init.stderr()).isZero();
            pg.events.clear();
            for (List<String> workload : List.of(List.of("-M", "simple"), List.of("-M", "prepared"),
                    List.of("-S", "-M", "simple"), List.of("-S", "-M", "prepared"))) {
                List<String> arguments = new ArrayList<>(List.of("-n", "-c", "4", "-j", "2", "-t", "50"));
                arguments.addAll(workload);
                ClientProcess.Run run = run(pgbench, arguments.toArray(String[]::new));
                assertThat(run.exitCode()).as(run.stderr()).isZero();
                assertThat(run.stdout()).contains("number of transactions actually processed: 200/200");
                assertThat(run.stderr()).doesNotContain("dbguard");
            }
            assertThat(pg.events).isEmpty();
            assertThat(pg.count("pgbench_history")).isEqualTo(400);
        } finally {
            // the refusal test expects no pgbench tables, whichever order the tests run in
            pg.direct("DROP TABLE IF EXISTS pgbench_accounts, pgbench_branches, pgbench_history, pgbench_tellers");
        }
    }

    private static String tool(String name) {
        return ClientProcess.tool(name, "apt-get install -y postgresql-client");
    }

    private static ClientProcess.Run run(String executable, String... arguments) throws Exception {
        return ClientProcess.of(executable, arguments).throughProxy(pg).run();
    }

    private static ClientProcess.Run run(String host, int port, String executable, String... arguments)
            throws Exception {
        return ClientProcess.of(executable, arguments).to(pg, host, port).run();
    }
}
