package dev.dbguard.pgproxy;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * node-postgres (npm package {@code pg}, pinned by {@code src/test/node/package-lock.json}) through a production
 * route: simple and extended protocol, queued queries around a refusal, refusals, a transaction around a refusal, the
 * connection used afterwards. The test installs the package itself ({@code npm ci}) when {@code node_modules} is
 * missing or older than the lock file; node and npm must be installed ({@code apt-get install -y nodejs npm}).
 */
class NodePostgresThroughProxyTest extends ClientScriptThroughProxyTest {

    private static final Path SCRIPTS = Path.of("src/test/node");

    @Override
    ClientProcess.Run runScript(ProxiedPostgres pg) throws Exception {
        String node = ClientProcess.tool("node", "apt-get install -y nodejs npm");
        installPinnedPackages();
        // node-postgres reads PGSSLMODE=prefer as "TLS required": it gives up when a server declines TLS
        return ClientProcess.of(node, "through-proxy.js").throughProxy(pg).with("PGSSLMODE", "disable").in(SCRIPTS)
                .run();
    }

    @Override
    String applicationName() {
        return "node-postgres";
    }

    @Test
    void simpleAndParameterisedQueriesRunAsUsual() {
        assertThat(run.step("simple-count")).containsExactly("ok SELECT 1 [{\"n\":5}]");
        assertThat(run.step("parameterised-select")).containsExactly("ok SELECT 1 [{\"name\":\"item 2\"}]");
        assertThat(run.step("parameterised-insert")).containsExactly("ok INSERT 1 []");
        assertThat(run.step("after-count")).containsExactly("ok SELECT 1 [{\"n\":6}]");
        assertThat(run.step("after-scoped-delete")).containsExactly("ok DELETE 1 []");
        assertThat(run.step("final-count")).containsExactly("ok SELECT 1 [{\"n\":5}]");
    }

    @Test
    void queuedQueriesAroundARefusalGetTheirOwnResults() {
        assertThat(run.step("queued-before")).containsExactly("ok SELECT 1 [{\"n\":1}]");
        assertThat(run.block("queued-refused")).startsWith("queued-refused: error 42501 ERROR\n")
                .contains("  message: dbguard: refused DELETE FROM items without WHERE (rule unscoped-delete)");
        assertThat(run.step("queued-after")).containsExactly("ok SELECT 1 [{\"n\":3}]");
    }

    @Test
    void aRefusalOfANamedPreparedStatementComesAtItsParse() {
        assertThat(run.block("refused-delete-extended")).startsWith("refused-delete-extended: error 42501 ERROR\n")
                .contains("(rule unscoped-delete)");
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
