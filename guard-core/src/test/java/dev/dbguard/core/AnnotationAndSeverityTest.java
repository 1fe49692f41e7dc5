package dev.dbguard.core;

import dev.dbguard.core.audit.AuditEvent;
import dev.dbguard.core.audit.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the runtime does with {@code dbguard:allow} annotations and rule severities, configured by the
 * {@code dbguard.*} keys: statement, settings, then the decision, the audit outcome, the rule and the reason.
 * (Statement-level verdicts of the default configuration are in verdicts/annotations.txt, rename.txt, alter-type.txt.)
 */
class AnnotationAndSeverityTest {

    private static final String RETIRED = "-- dbguard:allow alter-drop reason=\"OPS-1234 note column retired\"\n"
            + "ALTER TABLE orders DROP COLUMN note";

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            // sql                                            | settings                              | decision | outcome    | rule       | reason
            "RETIRED                                          | null                                  | AUDIT | OVERRIDDEN | alter-drop | OPS-1234 note column retired",
            "RETIRED                                          | dbguard.annotations.enabled=false     | BLOCK | REFUSED    | alter-drop | null",
            "ALTER TABLE orders DROP COLUMN note              | null                                  | BLOCK | REFUSED    | alter-drop | null",
            "ALTER TABLE orders RENAME TO orders_old          | null                                  | AUDIT | AUDITED    | rename     | null",
            "ALTER TABLE orders RENAME TO orders_old          | dbguard.rules.rename.severity=refuse  | BLOCK | REFUSED    | rename     | null",
            "ALTER TABLE orders RENAME TO orders_old          | dbguard.rules.rename.severity=REFUSE  | BLOCK | REFUSED    | rename     | null",
            "ALTER TABLE orders RENAME TO orders_old          | dbguard.rules.rename.enabled=false    | ALLOW | null       | null       | null",
            "ALTER TABLE orders ALTER COLUMN d TYPE date       | null                                  | BLOCK | REFUSED    | alter-type | null",
            "ALTER TABLE orders ALTER COLUMN d TYPE date       | dbguard.rules.alter-type.severity=warn | AUDIT | AUDITED   | alter-type | null",
            "ALTER TABLE orders ALTER COLUMN d TYPE text       | dbguard.rules.alter-type.severity=refuse | BLOCK | REFUSED | alter-type | null",
            "DROP TABLE orders                                | dbguard.rules.drop.severity=warn      | AUDIT | AUDITED    | drop       | null",
            "DROP TABLE orders                                | dbguard.modes.production=audit        | AUDIT | AUDITED    | drop       | null",
            "MALFORMED                                        | null                                  | BLOCK | REFUSED    | dbguard-allow | null",
            "MALFORMED                                        | dbguard.annotations.enabled=false     | ALLOW | null       | null       | null",
            "MALFORMED                                        | dbguard.modes.production=audit        | AUDIT | AUDITED    | dbguard-allow | null",
    })
    void annotationsAndSeverities(String sql, String settings, Decision decision, Outcome outcome, String rule,
                                  String reason) {
        String statement = switch (sql) {
            case "RETIRED" -> RETIRED;
            case "MALFORMED" -> "-- dbguard:allow drop\nSELECT * FROM orders WHERE id = 1";
            default -> sql;
        };
        List<AuditEvent> events = new ArrayList<>();
        GuardConfig.Builder builder = GuardConfig.builder().environment("production").auditSink(events::add);
        if (settings != null) {
            int equals = settings.indexOf('=');
            builder.properties(Map.of(settings.substring(0, equals), settings.substring(equals + 1)), "test");
        }
        StatementGuard guard = new StatementGuard(builder.build());
        Target target = guard.target("orders", null);

        Decision actual;
        try {
            actual = guard.enforce(statement, target).decision();
        } catch (BlockedStatementException e) {
            actual = Decision.BLOCK;
            assertThat(e.ruleId()).isEqualTo(rule);
        }

        assertThat(actual).isEqualTo(decision);
        if (outcome == null) {
            assertThat(events).isEmpty();
        } else {
            assertThat(events).singleElement().satisfies(event -> {
                assertThat(event.outcome()).isEqualTo(outcome);
                assertThat(event.ruleId()).isEqualTo(rule);
                assertThat(event.reason()).isEqualTo(reason);
            });
        }
    }

    @Test
    void aMalformedAnnotationIsRefusedWithAMessageSayingWhatIsWrong() {
        StatementGuard guard = new StatementGuard(GuardConfig.builder().environment("production")
                .auditSink(event -> { }).build());
        assertThatThrownBy(() -> guard.enforce("-- dbguard:allow alter-dorp reason=\"typo\"\n"
                + "ALTER TABLE orders DROP COLUMN note", guard.target("orders", null)))
                .isInstanceOf(BlockedStatementException.class)
                .hasMessageStartingWith("dbguard: refused a statement on data source 'orders' in production (rule "
                        + "dbguard-allow): the dbguard:allow annotation names unknown rule 'alter-dorp'")
                .hasMessageContaining("fix or remove the annotation")
                .hasMessageNotContaining("\n");
    }

    @Test
    void theVerdictCacheKeepsAnnotatedAndPlainTextsApart() throws Exception {
        StatementGuard guard = new StatementGuard(GuardConfig.builder().environment("production")
                .auditSink(event -> { }).build());
        Target target = guard.target("orders", null);
        String plain = "ALTER TABLE orders DROP COLUMN note";
        for (int round = 0; round < 3; round++) {
            assertThat(guard.enforce(RETIRED, target).decision()).isEqualTo(Decision.AUDIT);
            assertThatThrownBy(() -> guard.enforce(plain, target)).isInstanceOf(BlockedStatementException.class);
            assertThatThrownBy(() -> guard.enforce(RETIRED.replace("alter-drop", "drop"), target))
                    .isInstanceOf(BlockedStatementException.class);
        }
        assertThat(guard.cachedStatements()).isEqualTo(3);
    }

    @Test
    void anUnknownSeverityNamesTheAcceptedValues() {
        assertThatThrownBy(() -> GuardConfig.builder()
                .properties(Map.of("dbguard.rules.rename.severity", "loud"), "test"))
                .hasMessageContaining("dbguard.rules.rename.severity=loud").hasMessageContaining("refuse or warn");
        assertThatThrownBy(() -> GuardConfig.builder()
                .properties(Map.of("dbguard.rules.renames.severity", "warn"), "test"))
                .hasMessageContaining("Unknown dbguard rule 'renames'");
    }
}
