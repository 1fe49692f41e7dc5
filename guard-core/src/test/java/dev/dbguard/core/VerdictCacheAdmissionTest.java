package dev.dbguard.core;

import dev.dbguard.core.audit.AuditSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the verdict cache admits: what the scanner alone decided only when the text comes back, what needed JSqlParser
 * at once; and whatever it admits, the verdict is the one a guard without cache gives.
 */
class VerdictCacheAdmissionTest {

    private static final GuardConfig PRODUCTION = GuardConfig.builder().environment("production")
            .auditSink(AuditSink.NONE).build();

    private final StatementGuard guard = new StatementGuard(PRODUCTION);
    private final Target target = guard.target("orders", "jdbc:postgresql://db/orders");

    @Test
    void aStatementTheScannerSettlesIsCachedOnItsSecondSight() {
        guard.check("UPDATE orders SET status = 'paid' WHERE id = 1234", target);

        assertThat(guard.cachedStatements()).isZero();

        guard.check("UPDATE orders SET status = 'paid' WHERE id = 1234", target);

        assertThat(guard.cachedStatements()).isOne();
    }

    @Test
    void statementsWithInlinedLiteralsThatNeverRepeatAreNotCached() {
        for (int id = 0; id < 1_000; id++) {
            guard.check("UPDATE orders SET status = 'paid' WHERE id = " + id, target);
            guard.check("DELETE FROM order_lines WHERE order_id = " + id, target);
        }

        assertThat(guard.cachedStatements()).isZero();
    }

    @Test
    void aStatementJSqlParserJudgedIsCachedAtOnce() {
        guard.check("DELETE FROM orders", target);

        assertThat(guard.cachedStatements()).isOne();
    }

    @Test
    void aLongStatementWithoutDestructiveWordsIsCachedOnItsSecondSight() {
        String insert = "INSERT INTO orders (id, status, note) VALUES (1, 'new', '" + "x".repeat(200) + "')";

        guard.check(insert, target);
        assertThat(guard.cachedStatements()).isZero();

        guard.check(insert, target);
        assertThat(guard.cachedStatements()).isOne();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "UPDATE orders SET status = 'paid' WHERE id = 1234",
            "DELETE FROM orders",
            "DELETE FROM orders WHERE 1 = 1",
            "UPDATE orders SET a[3:] = '{1}'",
            "SELECT * FROM orders WHERE id = 1 FOR UPDATE",
            "DROP TABLE orders; SELECT 1",
            "SET standard_conforming_strings = off; SELECT 'a\\'; DROP TABLE orders; --'",
            "CREATE TEMP TABLE tmp_x AS SELECT 1; DROP TABLE tmp_x"})
    void theVerdictIsTheSameOnEverySightAndWithoutCache(String sql) {
        StatementGuard uncached = new StatementGuard(PRODUCTION.toBuilder().cacheSize(0).build());
        Verdict expected = uncached.check(sql, uncached.target("orders", "jdbc:postgresql://db/orders"));

        for (int sight = 1; sight <= 3; sight++) {
            Verdict verdict = guard.check(sql, target);

            assertThat(verdict.decision()).as("sight %d", sight).isEqualTo(expected.decision());
            assertThat(verdict.ruleId()).as("sight %d", sight).isEqualTo(expected.ruleId());
            assertThat(verdict.classification()).as("sight %d", sight).isEqualTo(expected.classification());
            assertThat(verdict.sessionChanges()).as("sight %d", sight).isEqualTo(expected.sessionChanges());
            assertThat(findingsOf(verdict)).as("sight %d", sight).isEqualTo(findingsOf(expected));
        }
    }

    @Test
    void readOnlyModeStillSeesTheWritesOfACachedText() {
        StatementGuard readOnly = new StatementGuard(PRODUCTION.toBuilder().mode("production", Mode.READ_ONLY).build());
        Target reports = readOnly.target("reports", "jdbc:postgresql://db/reports");
        String insert = "INSERT INTO orders (id, status, note) VALUES (1, 'new', '" + "x".repeat(200) + "')";

        for (int sight = 1; sight <= 3; sight++) {
            assertThat(readOnly.check(insert, reports).decision()).as("sight %d", sight).isEqualTo(Decision.BLOCK);
        }
    }

    private static List<String> findingsOf(Verdict verdict) {
        return verdict.findings().stream().map(f -> f.ruleId() + ": " + f.description()).toList();
    }
}
