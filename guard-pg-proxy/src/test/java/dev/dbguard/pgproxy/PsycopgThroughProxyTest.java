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
 * psycopg 3 (Debian's {@code python3-psycopg} for {@code /usr/bin/python3}, on libpq) through a production route:
 * extended protocol with and without parameters, libpq's pipeline mode with a refusal in the middle, the simple
 * protocol, refused DROP/TRUNCATE/DELETE/UPDATE with 42501 and the hint, a transaction around a refusal, the
 * connection used afterwards; then the rows are checked on a direct connection.
 */
@Timeout(120)
@ExtendWith(NoLeaks.class)
class PsycopgThroughProxyTest {

    /** Debian's interpreter, where {@code apt-get install python3-psycopg} puts the package (not a pyenv one). */
    private static final String PYTHON = "/usr/bin/python3";

    private static ProxiedPostgres pg;
    private static ClientProcess.Run run;

    @BeforeAll
    static void runTheScript() throws Exception {
        requirePsycopg();
        pg = new ProxiedPostgres("proxy_psycopg");
        ItemsTable.create(pg);
        run = ClientProcess.of(PYTHON, "through_proxy.py").throughProxy(pg).in(Path.of("src/test/python")).run();
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
        assertThat(run.step("final-count")).containsExactly("ok SELECT 1 1 [(5,)]");
        assertThat(ItemsTable.rows(pg)).isEqualTo(ItemsTable.FIVE_ROWS);
    }

    @Test
    void queriesWithAndWithoutParametersRunAsUsual() {
        assertThat(run.step("count")).containsExactly("ok SELECT 1 1 [(5,)]");
        assertThat(run.step("parameterised-select")).containsExactly("ok SELECT 1 1 [('item 2',)]");
        assertThat(run.step("parameterised-insert")).containsExactly("ok INSERT 0 1 1 []");
        assertThat(run.step("after-count")).containsExactly("ok SELECT 1 1 [(6,)]");
        assertThat(run.step("after-scoped-delete")).containsExactly("ok DELETE 1 1 []");
    }

    @Test
    void aRefusalInAPipelineRollsBackWhatWentBeforeItUpToTheSync() {
        // one implicit transaction up to the Sync: the INSERT before the refusal is rolled back, the one after skipped
        assertThat(run.block("pipeline")).startsWith("pipeline: error 42501 ERROR\n")
                .contains("  message: dbguard: refused DELETE FROM items without WHERE (rule unscoped-delete)");
        assertThat(run.step("after-count")).containsExactly("ok SELECT 1 1 [(6,)]");
    }

    @Test
    void eachDestructiveStatementIsRefusedWithTheMessageAndTheHint() {
        assertThat(run.block("refused-drop")).startsWith("refused-drop: error 42501 ERROR\n")
                .contains("  message: dbguard: refused DROP TABLE items (rule drop) on data source 'test-route"
                        + " (client 127.0.0.1:")
                .contains(" application psycopg)' in production (from test, mode block).")
                .contains("  detail: The statement was not sent to the server.")
                .contains("  hint: To allow it deliberately: add dbguard.allow=drop:items, or set"
                        + " dbguard.modes.production=audit.");
        assertThat(run.block("refused-truncate")).startsWith("refused-truncate: error 42501 ERROR\n")
                .contains("refused TRUNCATE items (rule truncate)");
        assertThat(run.block("refused-delete")).startsWith("refused-delete: error 42501 ERROR\n")
                .contains("(rule unscoped-delete)");
        assertThat(run.block("refused-update-parameterised"))
                .startsWith("refused-update-parameterised: error 42501 ERROR\n").contains("(rule unscoped-update)");
        assertThat(run.block("refused-delete-simple")).startsWith("refused-delete-simple: error 42501 ERROR\n")
                .contains("(rule unscoped-delete)");
    }

    @Test
    void aRefusalInsideATransactionFailsTheBlockAsPostgresDoes() {
        assertThat(run.step("tx-begin")).containsExactly("ok BEGIN -1 []");
        assertThat(run.step("tx-insert")).containsExactly("ok INSERT 0 1 1 []");
        assertThat(run.block("tx-refused")).startsWith("tx-refused: error 42501 ERROR\n");
        assertThat(run.block("tx-after-refusal")).startsWith("tx-after-refusal: error 25P02 ERROR\n");
        assertThat(run.step("tx-rollback")).containsExactly("ok ROLLBACK -1 []");
    }

    @Test
    void anUncaughtRefusalIsPsycopgsInsufficientPrivilege() {
        assertThat(run.stderr()).contains("psycopg.errors.InsufficientPrivilege: dbguard: refused DROP TABLE items"
                + " (rule drop)").contains("HINT:  To allow it deliberately: add dbguard.allow=drop:items");
    }

    private static void requirePsycopg() throws Exception {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            throw new AssertionError(PYTHON + " IS NOT INSTALLED: the psycopg test cannot run; install it"
                    + " (apt-get install -y python3 python3-psycopg), as .ci/run does");
        }
        ClientProcess.Run probe = ClientProcess.of(PYTHON, "-c", "import psycopg").run();
        assertThat(probe.exitCode()).as("psycopg 3 IS NOT INSTALLED for %s: the psycopg test cannot run; install it"
                + " (apt-get install -y python3-psycopg), as .ci/run does. %s", PYTHON, probe.stderr()).isZero();
    }
}
