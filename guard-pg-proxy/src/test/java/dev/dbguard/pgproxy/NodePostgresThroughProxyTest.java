package dev.dbguard.pgproxy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * node-postgres (npm package {@code pg}, pinned by {@code src/test/node/package-lock.json}) through a production
 * route: simple and extended protocol, queued queries around a refusal, refused DROP/TRUNCATE/DELETE/UPDATE with
 * 42501 and the hint, a transaction around a refusal, the connection used afterwards; then the rows are checked on a
 * direct connection. The test installs the package itself ({@code npm ci}) when {@code node_modules} is missing or
 * older than the lock file; node and npm must be installed ({@code apt-get install -y nodejs npm}).
 */
@Timeout(120)
@ExtendWith(NoLeaks.class)
class NodePostgresThroughProxyTest {

    private static final Path SCRIPTS = Path.of("src/test/node");

    private static ProxiedPostgres pg;
    private static ClientProcess.Run run;

    @BeforeAll
    static void runTheScript() throws Exception {
        String node = ClientProcess.tool("node", "apt-get install -y nodejs npm");
        installPinnedPackages();
        pg = new ProxiedPostgres("proxy_node");
        ItemsTable.create(pg);
        // node-postgres reads PGSSLMODE=prefer as "TLS required": it gives up when a server declines TLS
        run = ClientProcess.of(node, "through-proxy.js").throughProxy(pg).with("PGSSLMODE", "disable").in(SCRIPTS)
                .run();
    }

    @AfterAll
    static void stop() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void theScriptRanToTheEndAndLeftEveryRowInPlace() throws Exception {
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.step("final-count")).containsExactly("ok SELECT 1 [{\"n\":5}]");
        assertThat(ItemsTable.rows(pg)).isEqualTo(ItemsTable.FIVE_ROWS);
        assertThat(pg.exists("items")).isTrue();
    }

    @Test
    void simpleAndParameterisedQueriesRunAsUsual() {
        assertThat(run.step("simple-count")).containsExactly("ok SELECT 1 [{\"n\":5}]");
        assertThat(run.step("parameterised-select")).containsExactly("ok SELECT 1 [{\"name\":\"item 2\"}]");
        assertThat(run.step("parameterised-insert")).containsExactly("ok INSERT 1 []");
        assertThat(run.step("after-count")).containsExactly("ok SELECT 1 [{\"n\":6}]");
        assertThat(run.step("after-scoped-delete")).containsExactly("ok DELETE 1 []");
    }

    @Test
    void queuedQueriesAroundARefusalGetTheirOwnResults() {
        assertThat(run.step("queued-before")).containsExactly("ok SELECT 1 [{\"n\":1}]");
        assertThat(run.block("queued-refused")).startsWith("queued-refused: error 42501 ERROR\n")
                .contains("  message: dbguard: refused DELETE FROM items without WHERE (rule unscoped-delete)");
        assertThat(run.step("queued-after")).containsExactly("ok SELECT 1 [{\"n\":3}]");
    }

    @Test
    void eachDestructiveStatementIsRefusedWithTheMessageAndTheHint() {
        assertThat(run.block("refused-drop")).startsWith("refused-drop: error 42501 ERROR\n")
                .contains("  message: dbguard: refused DROP TABLE items (rule drop) on data source 'test-route"
                        + " (client 127.0.0.1:")
                .contains(" application node-postgres)' in production (from test, mode block).")
                .contains("  detail: The statement was not sent to the server.")
                .contains("  hint: To allow it deliberately: add dbguard.allow=drop:items, or set"
                        + " dbguard.modes.production=audit.");
        assertThat(run.block("refused-truncate")).startsWith("refused-truncate: error 42501 ERROR\n")
                .contains("refused TRUNCATE items (rule truncate)");
        assertThat(run.block("refused-delete")).startsWith("refused-delete: error 42501 ERROR\n")
                .contains("refused DELETE FROM items without WHERE (rule unscoped-delete)")
                .contains("  hint: To allow it deliberately: add dbguard.allow=unscoped-delete:items");
        assertThat(run.block("refused-delete-extended")).startsWith("refused-delete-extended: error 42501 ERROR\n");
        assertThat(run.block("refused-update-parameterised"))
                .startsWith("refused-update-parameterised: error 42501 ERROR\n")
                .contains("(rule unscoped-update)");
    }

    @Test
    void aRefusalInsideATransactionFailsTheBlockAsPostgresDoes() {
        assertThat(run.step("tx-begin")).containsExactly("ok BEGIN null []");
        assertThat(run.step("tx-insert")).containsExactly("ok INSERT 1 []");
        assertThat(run.block("tx-refused")).startsWith("tx-refused: error 42501 ERROR\n");
        assertThat(run.block("tx-after-refusal")).startsWith("tx-after-refusal: error 25P02 ERROR\n")
                .contains("current transaction is aborted");
        assertThat(run.step("tx-rollback")).containsExactly("ok ROLLBACK null []");
    }

    @Test
    void anUncaughtRefusalReadsAsNodePostgresPrintsAnyServerError() {
        assertThat(run.stderr()).contains("error: dbguard: refused DROP TABLE items (rule drop)")
                .contains("code: '42501'")
                .contains("hint: 'To allow it deliberately: add dbguard.allow=drop:items, or set"
                        + " dbguard.modes.production=audit.'");
    }

    /** {@code npm ci} when {@code node_modules} is missing or older than the lock file, as a developer would. */
    private static void installPinnedPackages() throws Exception {
        Path installed = SCRIPTS.resolve("node_modules/.package-lock.json");
        Path lock = SCRIPTS.resolve("package-lock.json");
        if (Files.exists(installed) && !Files.getLastModifiedTime(installed).toInstant()
                .isBefore(Files.getLastModifiedTime(lock).toInstant())) {
            return;
        }
        String npm = ClientProcess.tool("npm", "apt-get install -y nodejs npm");
        ClientProcess.Run install = ClientProcess.of(npm, "ci", "--no-audit", "--no-fund").in(SCRIPTS).run();
        assertThat(install.exitCode()).as("npm ci in %s failed (is the npm registry reachable?): %s",
                SCRIPTS.toAbsolutePath(), install.stderr()).isZero();
    }
}
