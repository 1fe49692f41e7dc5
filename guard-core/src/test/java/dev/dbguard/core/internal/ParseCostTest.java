package dev.dbguard.core.internal;

import dev.dbguard.core.sql.SqlAction;
import dev.dbguard.core.sql.WhereScope;
import net.sf.jsqlparser.parser.ParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Collections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The parse-cost bound: what {@link JSqlParserClassifier.Nesting} lets JSqlParser read, what it leaves to the scanner,
 * when the complex-parsing retry is tried, and that a failed parse fails without building its error report.
 */
class ParseCostTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "DELETE FROM orders",
            "UPDATE orders SET status = 'paid', paid_at = now(), version = version + 1",
            "DELETE FROM orders WHERE id IN (SELECT order_id FROM refunds WHERE state IN ('done', 'void'))",
            "WITH gone AS (DELETE FROM holds WHERE until < now() RETURNING id) SELECT count(*) FROM gone",
            "ALTER TABLE orders DROP COLUMN note, DROP COLUMN legacy_flag",
            "DROP TABLE IF EXISTS archive.orders CASCADE",
            "UPDATE t SET a = IF(b > 1, 1, 2)"})
    void everydayStatementsAreWithinTheBudget(String sql) {
        assertThat(JSqlParserClassifier.Nesting.of(sql).parseable()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 200, 400})
    void longExpressionListsAreLeftToTheScanner(int items) {
        String set = "UPDATE t SET " + String.join(", ", Collections.nCopies(items, "c = 1"));
        String in = "UPDATE t SET a = 1 WHERE b IN (" + String.join(", ", Collections.nCopies(items, "7")) + ")";

        assertThat(JSqlParserClassifier.Nesting.of(set).parseable()).isFalse();
        assertThat(JSqlParserClassifier.Nesting.of(in).parseable()).isFalse();
    }

    @Test
    void theCostGrowsWithEveryTokenAndDoublesWithEachLevelOfNestedSubqueries() {
        String oneLevel = "DELETE FROM t WHERE a IN (SELECT b FROM u WHERE c = 1)";
        String twoLevels = "DELETE FROM t WHERE a IN (SELECT b FROM u WHERE c IN (SELECT d FROM v WHERE e = 1))";
        String threeLevels = "DELETE FROM t WHERE a IN (SELECT b FROM u WHERE c IN (SELECT d FROM v WHERE e IN"
                + " (SELECT f FROM w WHERE g = 1)))";

        assertThat(cost("DELETE FROM t WHERE a = 1 AND b = 2")).isGreaterThan(cost("DELETE FROM t WHERE a = 1"));
        assertThat(cost(threeLevels) - cost(twoLevels)).isGreaterThan(cost(twoLevels) - cost(oneLevel));
        assertThat(JSqlParserClassifier.Nesting.of(oneLevel).parseable()).isTrue();
        assertThat(JSqlParserClassifier.Nesting.of(threeLevels).parseable()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {20, 88, 200})
    void deepNestingSaturatesTheCostInsteadOfOverflowing(int depth) {
        String in = "DELETE FROM t WHERE a IN " + "(SELECT b FROM u WHERE c IN ".repeat(depth) + "(1)"
                + ")".repeat(depth);
        String scalar = "UPDATE t SET a = " + "(SELECT ".repeat(depth) + "1" + ")".repeat(depth) + " || '\\'";

        assertThat(cost(in)).isGreaterThan(JSqlParserClassifier.Nesting.BUDGET);
        assertThat(cost(scalar)).isGreaterThan(JSqlParserClassifier.Nesting.BUDGET);
    }

    @Test
    void aBackslashDoublesTheCostBecauseBothReadingsAreParsed() {
        assertThat(cost("UPDATE t SET a = 'x\\\\'")).isEqualTo(2 * cost("UPDATE t SET a = 'xx'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "UPDATE t SET a = IF(b > 1, 1, 2) WHERE id = 1",
            "UPDATE t SET a = 1 WHERE id = 1 AND f(x IS NOT NULL)",
            "SELECT coalesce(a = 1, false) FROM t",
            "DELETE FROM t WHERE (a = 1) = true"})
    void aConditionInsideParenthesesIsWorthTheComplexRetry(String sql) {
        assertThat(JSqlParserClassifier.Nesting.of(sql).conditionInParentheses()).isTrue();
        assertThat(JSqlParserClassifier.worthComplexRetry(sql)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "UPDATE arrtest_s SET a[3:] = '{23, 24, 25}', b[2:][2:] = '{{25,26}, {28,29}}'",
            "DELETE FROM t WHERE id IN (SELECT id FROM u WHERE u.a = 1)",
            "UPDATE t SET j = j->'a'->>'b' WHERE k #>> '{a}' = 'x'",
            "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE"})
    void withoutAConditionInsideValueParenthesesComplexParsingCannotHelp(String sql) {
        assertThat(JSqlParserClassifier.worthComplexRetry(sql)).isFalse();
    }

    @Test
    void theComplexRetryMustFitTheBudgetWithTheFailedParse() {
        String sql = "UPDATE t SET a = IF(b > 1, 1, 2) + " + String.join(" + ", Collections.nCopies(10, "c"));

        assertThat(JSqlParserClassifier.Nesting.of(sql).parseable()).isTrue();
        assertThat(JSqlParserClassifier.worthComplexRetry(sql)).isFalse();
    }

    @Test
    void aFailedParseFailsWithoutMessageOrStack() {
        FailFastParser parser = new FailFastParser("UPDATE arrtest_s SET a[3:] = '{23, 24, 25}'");

        assertThatThrownBy(parser::Statement).isInstanceOf(ParseException.class)
                .satisfies(failure -> assertThat(failure.getStackTrace()).isEmpty());
        assertThat(JSqlParserClassifier.parseOnce("UPDATE arrtest_s SET a[3:] = '{23, 24, 25}'", false, false))
                .isEmpty();
    }

    @Test
    void whatParsesStillParses() throws ParseException {
        assertThat(new FailFastParser("UPDATE t SET a[1:2] = '{1,2}' WHERE id = 1").Statement()).isNotNull();
        assertThat(JSqlParserClassifier.classify("DELETE FROM t WHERE a IN (SELECT b FROM u)"))
                .contains(java.util.List.of(SqlAction.delete(java.util.List.of("t"), WhereScope.SCOPED)));
    }

    private static long cost(String sql) {
        return JSqlParserClassifier.Nesting.of(sql).cost();
    }
}
