package dev.dbguard.pgproxy;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * psycopg 3 (Debian's {@code python3-psycopg} for {@code /usr/bin/python3}, on libpq) through a production route:
 * extended protocol with and without parameters, libpq's pipeline mode with a refusal in the middle, the simple
 * protocol, refusals, a transaction around a refusal, the connection used afterwards.
 */
class PsycopgThroughProxyTest extends ClientScriptThroughProxyTest {

    /** Debian's interpreter, where {@code apt-get install python3-psycopg} puts the package (not a pyenv one). */
    private static final String PYTHON = "/usr/bin/python3";

    @Override
    ClientProcess.Run runScript(ProxiedPostgres pg) throws Exception {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            throw new AssertionError(PYTHON + " IS NOT INSTALLED: the psycopg test cannot run; install it"
                    + " (apt-get install -y python3 python3-psycopg), as .ci/run does");
        }
        ClientProcess.Run probe = ClientProcess.of(PYTHON, "-c", "import psycopg").run();
        assertThat(probe.exitCode()).as("psycopg 3 IS NOT INSTALLED for %s: the psycopg test cannot run; install it"
                + " (apt-get install -y python3-psycopg), as .ci/run does. %s", PYTHON, probe.stderr()).isZero();
        return ClientProcess.of(PYTHON, "through_proxy.py").throughProxy(pg).in(Path.of("src/test/python")).run();
    }

    @Override
    String applicationName() {
        return "psycopg";
    }

    @Test
    void queriesWithAndWithoutParametersRunAsUsual() {
        assertThat(run.step("count")).containsExactly("ok SELECT 1 1 [(5,)]");
        assertThat(run.step("parameterised-select")).containsExactly("ok SELECT 1 1 [('item 2',)]");
        assertThat(run.step("parameterised-insert")).containsExactly("ok INSERT 0 1 1 []");
        assertThat(run.step("after-count")).containsExactly("ok SELECT 1 1 [(6,)]");
        assertThat(run.step("after-scoped-delete")).containsExactly("ok DELETE 1 1 []");
        assertThat(run.step("final-count")).containsExactly("ok SELECT 1 1 [(5,)]");
    }

    @Test
    void aRefusalInAPipelineRollsBackWhatWentBeforeItUpToTheSync() {
        // one implicit transaction up to the Sync: the INSERT before the refusal is rolled back, the one after skipped
        assertThat(run.block("pipeline")).startsWith("pipeline: error 42501 ERROR\n")
                .contains("  message: dbguard: refused DELETE FROM items without WHERE (rule unscoped-delete)");
        assertThat(run.step("after-count")).containsExactly("ok SELECT 1 1 [(6,)]");
    }

    @Test
    void theSimpleQueryProtocolIsJudgedToo() {
        assertThat(run.block("refused-delete-simple")).startsWith("refused-delete-simple: error 42501 ERROR\n")
                .contains("(rule unscoped-delete)");
    }

    @Test
    void anUncaughtRefusalIsPsycopgsInsufficientPrivilege() {
        assertThat(run.stderr()).contains("psycopg.errors.InsufficientPrivilege: dbguard: refused DROP TABLE items"
                + " (rule drop)").contains("HINT:  To allow it deliberately: add dbguard.allow=drop:items");
    }
}
