package dev.dbguard.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConstantConditionTest {

    @ParameterizedTest(name = "WHERE {0}")
    @ValueSource(strings = {
            // the forms the rules promise to catch
            "1=1", "true", "TRUE", "'a'='a'", "2>1", "1<>2", "1 != 2", "NOT false", "NOT (1=0)", "!(1=0)",
            "1 IS NOT NULL", "'a' IS NOT NULL", "1 NOTNULL", "NULL IS NULL",
            "1 BETWEEN 0 AND 2", "1 NOT BETWEEN 3 AND 4", "1 IN (1, 2)", "1 NOT IN (3, 4)",
            "(1=1)", "((1=1))", "id = 5 OR 1=1", "1=1 AND true", "id = 5 OR (1=1 AND 2=2)", "1 = 1 OR random() < 2",
            "NOT (id = 5 AND 1=0)", "(1=1) = true",
            // exact numbers
            "-1 < 0", "+1 > 0", "1.5 > 1", "1e3 > 1", "1 = 1.0", "0.1 + 0.2 = 0.3", "1 + 1 = 2", "2 * 3 = 6",
            "5 - 3 = 2", "99999999999999999999 > 1", "1 >= 1", "1 <= 2",
            // casts of constants
            "'t'::boolean", "CAST('t' AS boolean)", "'yes'::bool", "CAST(1 AS int) = 1", "'1'::int = 1",
            "1::text = '1'", "CAST(' 2 ' AS numeric) = 2", "1::boolean",
            // IS tests
            "1 IS DISTINCT FROM 2", "1 IS NOT DISTINCT FROM 1", "NULL IS NOT DISTINCT FROM NULL",
            "true IS TRUE", "false IS NOT TRUE", "false IS FALSE", "1 IS DISTINCT FROM NULL",
            // strings
            "'abc' = 'abc'", "N'a' = 'a'", "'it''s' = 'it''s'", "$$x$$ = $$x$$", "$q$x$q$ = 'x'", "'x\\y' = 'x\\y'",
            "1 = '1'", "'a' <> 'b'", "'a' <> 'A'", "'t'",
            // MySQL readings
            "1", "2", "'1'", "'1abc'", "'a' = 'A'", "1 <=> 1", "NULL <=> NULL", "1 XOR 0", "1 && 1", "'abc' = 0",
            "TRUE = 1", "_utf8'a' = 'a'"})
    void alwaysTrue(String condition) {
        assertThat(ConstantCondition.isAlwaysTrue(where(condition))).isTrue();
    }

    @ParameterizedTest(name = "WHERE {0}")
    @ValueSource(strings = {
            // references to rows, parameters, unknown functions
            "id = 5", "id = id", "id = ?", "id = :id", "id = $1", "active", "t.active", "\"true\"", "`true`",
            "random() < 2", "EXISTS (SELECT 1)", "1 IN (SELECT 1)", "1 = 1 AND id = 5", "id = 5 OR 1=0",
            "id IS NOT NULL", "CASE WHEN true THEN true END", "CURRENT_DATE = CURRENT_DATE", "ROW(1) = ROW(1)",
            // always false, or NULL: deletes nothing
            "1=0", "false", "NULL", "NULL = NULL", "NOT true", "NOT (1=1)", "1 IS NULL", "NULL IS NOT NULL",
            "'a' = 'b'", "'a' <> 'a'", "1 BETWEEN 2 AND 3", "1 IN (2, 3)", "1 NOT IN (1, 2)", "1 NOT IN (2, NULL)",
            "1 XOR 1", "0", "'x'", "'abc'", "'f'", "'0'", "1 = NULL", "1 IS DISTINCT FROM 1", "true IS FALSE",
            // constant, but not evaluated: unknown is never taken for true
            "'a' < 'b'", "'a' LIKE '%'", "1 / 1 = 1", "1.5::int = 2", "'x'::boolean", "X'41' = 'A'",
            "DATE '2020-01-01' = DATE '2020-01-01'", "(1, 2) = (1, 2)", "id = 5 || true", "'a' = 'a '",
            "'a' = 'á'", "'x\\y' = 'x\\\\y'", "B'01' = B'01'", "1 = 1 COLLATE utf8mb4_bin", "'1'::date = '1'",
            // numbers too large to evaluate cheaply (1e999999999 + 1 would build a billion-digit number)
            "1e999999999 + 1 > 0", "1e999999999 * 1e999999999 > 0", "'1e999999999' = 1"})
    void notAlwaysTrue(String condition) {
        assertThat(ConstantCondition.isAlwaysTrue(where(condition))).isFalse();
    }

    @Test
    void longChainsAreEvaluatedWithoutOverflowingTheStack() {
        // JSqlParser nests a chain of 20,000 ORs 20,000 levels deep.
        String chain = String.join(" OR ", Collections.nCopies(20_000, "a = 1"));

        assertThat(ConstantCondition.isAlwaysTrue(where(chain + " OR 1=1"))).isTrue();
        assertThat(ConstantCondition.isAlwaysTrue(where(chain))).isFalse();
    }

    @Test
    void noConditionIsNotAlwaysTrue() {
        assertThat(ConstantCondition.isAlwaysTrue(null)).isFalse();
    }

    private static Expression where(String condition) {
        Statement statement = JSqlParserClassifier.parse("DELETE FROM t WHERE " + condition, false)
                .orElseThrow(() -> new AssertionError("JSqlParser 5.3 does not parse WHERE " + condition));
        return ((Delete) statement).getWhere();
    }
}
