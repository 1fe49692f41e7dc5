package dev.dbguard.core;

import dev.dbguard.core.audit.AuditSink;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The statement table: every row of {@code production-verdicts.txt} is a statement and the verdict it must get in
 * production, with the rule that fires; the same statements are audited in staging and run silently in development.
 */
class ProductionVerdictTableTest {

    private static final StatementGuard PRODUCTION = guard("production");
    private static final StatementGuard STAGING = guard("staging");
    private static final StatementGuard DEVELOPMENT = guard("development");

    static List<Arguments> rows() {
        List<Arguments> rows = new ArrayList<>();
        try (InputStream in = ProductionVerdictTableTest.class.getResourceAsStream("production-verdicts.txt");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(" \\| ", 3);
                String sql = parts.length > 2 ? parts[2].replace("\\n", "\n") : "";
                Decision decision = Decision.valueOf(parts[0].trim());
                String rule = parts[1].trim().equals("-") ? null : parts[1].trim();
                String name = sql.isBlank() ? "(blank)" : sql.replace("\n", "⏎");
                rows.add(Arguments.of(Named.of(name, sql), decision, rule));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    @ParameterizedTest(name = "{1} {2}: {0}")
    @MethodSource("rows")
    void productionVerdict(String sql, Decision decision, String rule) {
        Verdict verdict = PRODUCTION.check(sql, PRODUCTION.target("orders", null));

        assertThat(verdict.decision()).as("decision").isEqualTo(decision);
        assertThat(verdict.ruleId()).as("rule").isEqualTo(rule);
        if (decision == Decision.BLOCK) {
            assertThat(verdict.message()).startsWith("dbguard: refused").contains("(rule " + rule + ")");
            assertThatThrownBy(() -> PRODUCTION.enforce(sql, PRODUCTION.target("orders", null)))
                    .isInstanceOfSatisfying(BlockedStatementException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("42501");
                        assertThat(e.ruleId()).isEqualTo(rule);
                    });
        }
    }

    @ParameterizedTest(name = "{1} {2}: {0}")
    @MethodSource("rows")
    void stagingAuditsWhatProductionRefuses(String sql, Decision decision, String rule) throws Exception {
        Verdict verdict = STAGING.enforce(sql, STAGING.target("orders", null));

        assertThat(verdict.decision()).isEqualTo(decision == Decision.ALLOW ? Decision.ALLOW : Decision.AUDIT);
        assertThat(verdict.ruleId()).isEqualTo(rule);
    }

    @ParameterizedTest(name = "{1} {2}: {0}")
    @MethodSource("rows")
    void developmentRunsEverything(String sql, Decision decision, String rule) throws Exception {
        assertThat(DEVELOPMENT.enforce(sql, DEVELOPMENT.target("orders", null)).decision()).isEqualTo(Decision.ALLOW);
    }

    private static StatementGuard guard(String environment) {
        return new StatementGuard(GuardConfig.builder().environment(environment).auditSink(AuditSink.NONE).build());
    }
}
