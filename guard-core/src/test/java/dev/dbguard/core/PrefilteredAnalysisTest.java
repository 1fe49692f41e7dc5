package dev.dbguard.core;

import dev.dbguard.core.internal.SqlAnalyzer;
import dev.dbguard.core.rules.Rule;
import dev.dbguard.core.rules.RuleCatalog;
import dev.dbguard.core.sql.ActionKind;
import dev.dbguard.core.sql.AnalysisPath;
import dev.dbguard.core.sql.AnalyzedStatement;
import dev.dbguard.core.sql.SqlAction;
import dev.dbguard.core.sql.WhereScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Analysis.of asks no rule about a statement the scanner settled: these tests hold the premise that makes it sound. */
class PrefilteredAnalysisTest {

    @Test
    void noRuleMatchesAScopedDeleteOrUpdate() {
        for (Rule rule : RuleCatalog.all()) {
            assertThat(rule.matches(SqlAction.delete(List.of("t"), WhereScope.SCOPED))).as(rule.id()).isFalse();
            assertThat(rule.matches(SqlAction.update(List.of("t"), WhereScope.SCOPED))).as(rule.id()).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"DELETE FROM t WHERE id = 1", "UPDATE t SET a = 1 WHERE id = ? AND version = 3",
            "SELECT * FROM t FOR UPDATE", "DELETE FROM t USING u WHERE u.id = t.id",
            "WITH d AS (DELETE FROM t WHERE id = 1 RETURNING id) SELECT * FROM d",
            "UPDATE t SET a = (SELECT max(b) FROM u) WHERE t.id = 3", "SELECT 1", "INSERT INTO t VALUES (1)"})
    void aPrefilteredStatementOnlyHoldsScopedDeletesAndUpdates(String sql) {
        for (AnalyzedStatement statement : new SqlAnalyzer(10_000).analyze(sql)) {
            if (statement.path() != AnalysisPath.PREFILTERED) {
                continue;
            }
            for (SqlAction action : statement.actions()) {
                assertThat(action.scope()).as(sql).isEqualTo(WhereScope.SCOPED);
                assertThat(action.kind()).as(sql).isIn(ActionKind.DELETE, ActionKind.UPDATE);
            }
        }
    }

    @Test
    void aScriptOfScopedStatementsEndingInADropFindsTheDrop() {
        String script = "DELETE FROM t WHERE id = 1; ".repeat(1_000) + "DROP TABLE t";
        Analysis analysis = Analysis.of(new SqlAnalyzer(10_000).analyze(script), RuleCatalog.all());

        assertThat(analysis.statements()).hasSize(1_001);
        assertThat(analysis.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.ruleId()).isEqualTo("drop");
            assertThat(finding.statement()).isSameAs(analysis.statements().get(1_000));
        });
        assertThat(analysis.firstWrite()).isSameAs(analysis.statements().get(0));
    }
}
