package dev.dbguard.pgproxy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client library's script ({@code src/test/node/through-proxy.js}, {@code src/test/python/through_proxy.py}) run
 * once as a process through a production route against table {@code items}: what every client must show is checked
 * here, what is the client's own in its subclass. Each script prints one line per step
 * ({@code <step>: ok ...} or {@code <step>: error <SQLSTATE> <severity>} with message, detail and hint lines), ends by
 * deleting the one row it inserted, and leaves the table as it found it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
@ExtendWith(NoLeaks.class)
abstract class ClientScriptThroughProxyTest {

    ProxiedPostgres pg;
    ClientProcess.Run run;

    /** Checks the client is installed (failing, naming what to install, when not), then runs its script. */
    abstract ClientProcess.Run runScript(ProxiedPostgres pg) throws Exception;

    /** The {@code application_name} the script connects with. */
    abstract String applicationName();

    @BeforeAll
    void runTheScript() throws Exception {
        pg = new ProxiedPostgres("proxy_" + applicationName().replace('-', '_'));
        ItemsTable.create(pg);
        run = runScript(pg);
    }

    @AfterAll
    void stop() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void theScriptRanToTheEndAndLeftEveryRowInPlace() throws Exception {
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("final-count: ok ");
        assertThat(ItemsTable.rows(pg)).isEqualTo(ItemsTable.FIVE_ROWS);
    }

    @Test
    void eachDestructiveStatementIsRefusedWithTheMessageAndTheHint() {
        assertThat(run.block("refused-drop")).startsWith("refused-drop: error 42501 ERROR\n")
                .contains("  message: dbguard: refused DROP TABLE items (rule drop) on data source 'test-route"
                        + " (client 127.0.0.1:")
                .contains(" application " + applicationName() + ")' in production (from test, mode block).")
                .contains("  detail: The statement was not sent to the server.")
                .contains("  hint: To allow it deliberately: add dbguard.allow=drop:items, or set"
                        + " dbguard.modes.production=audit.");
        assertThat(run.block("refused-truncate")).startsWith("refused-truncate: error 42501 ERROR\n")
                .contains("refused TRUNCATE items (rule truncate)");
        assertThat(run.block("refused-delete")).startsWith("refused-delete: error 42501 ERROR\n")
                .contains("refused DELETE FROM items without WHERE (rule unscoped-delete)")
                .contains("  hint: To allow it deliberately: add dbguard.allow=unscoped-delete:items");
        assertThat(run.block("refused-update-parameterised"))
                .startsWith("refused-update-parameterised: error 42501 ERROR\n").contains("(rule unscoped-update)");
    }

    @Test
    void aRefusalInsideATransactionFailsTheBlockAsPostgresDoes() {
        assertThat(run.step("tx-insert")).singleElement().asString().startsWith("ok INSERT");
        assertThat(run.block("tx-refused")).startsWith("tx-refused: error 42501 ERROR\n");
        assertThat(run.block("tx-after-refusal")).startsWith("tx-after-refusal: error 25P02 ERROR\n")
                .contains("current transaction is aborted");
        assertThat(run.step("tx-rollback")).singleElement().asString().startsWith("ok ROLLBACK");
    }
}
