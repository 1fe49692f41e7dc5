package dev.dbguard.core.internal;

import dev.dbguard.core.sql.SqlAction;
import dev.dbguard.core.sql.WhereScope;
import static dev.dbguard.core.sql.WhereScope.MISSING;
import static dev.dbguard.core.sql.WhereScope.SCOPED;
import static dev.dbguard.core.sql.WhereScope.UNRESTRICTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one definition of "scoped" (see {@link RowScope}), read through both analysis paths: the scanner on the
 * statement's tokens, JSqlParserClassifier on its parse tree's deparsed conditions.
 */
class RowScopeTest {

    private static final LexicalRules PG = LexicalRules.POSTGRESQL;
    private static final LexicalRules MY = LexicalRules.MYSQL;

    /** Rows both paths must read alike; the parser may decline a statement (then only the scanner is checked). */
    static Stream<Arguments> bothPaths() {
        return Stream.of(
                row(PG, SCOPED, "DELETE FROM t WHERE id = ?"),
                row(PG, SCOPED, "DELETE FROM t WHERE t.id = ?"),
                row(PG, SCOPED, "DELETE FROM public.t WHERE t.id = ?"),
                row(PG, SCOPED, "DELETE FROM t WHERE public.t.id = ?"),
                row(PG, UNRESTRICTED, "DELETE FROM public.t WHERE other.t.id = ?"),
                row(PG, SCOPED, "DELETE FROM t AS a WHERE a.id = ?"),
                row(PG, UNRESTRICTED, "DELETE FROM t AS a WHERE b.id = ?"),
                row(PG, SCOPED, "DELETE FROM \"T\" WHERE \"T\".\"Id\" = ?"),
                row(PG, MISSING, "DELETE FROM t"),
                row(PG, MISSING, "DELETE FROM t USING u"),
                // OR needs the target in every branch, AND in one; NOT swaps the two
                row(PG, SCOPED, "DELETE FROM t WHERE id = 1 OR id = 2"),
                row(PG, UNRESTRICTED, "DELETE FROM t WHERE id = 1 OR 1 = 1"),
                row(PG, SCOPED, "DELETE FROM t WHERE 1 = 1 AND id = 1"),
                row(PG, SCOPED, "DELETE FROM t WHERE NOT (id = 1 OR x = 2)"),
                row(PG, UNRESTRICTED, "DELETE FROM t WHERE NOT (id = 1 AND false)"),
                row(PG, SCOPED, "DELETE FROM t WHERE NOT (id = 1 AND x = 2)"),
                row(PG, SCOPED, "DELETE FROM t WHERE NOT (id = 1 OR true)"), // never true: nothing to delete
                row(PG, UNRESTRICTED, "DELETE FROM t WHERE (id = 1 OR true) IS TRUE"),
                row(PG, UNRESTRICTED, "DELETE FROM t WHERE (id = 1 AND true) IS NOT TRUE"),
                row(PG, SCOPED, "DELETE FROM t WHERE (id = 1 AND x = 2) IS NOT TRUE"),
                row(PG, SCOPED, "DELETE FROM t WHERE id BETWEEN 1 AND 2"),
                row(PG, SCOPED, "DELETE FROM t WHERE NOT id BETWEEN 1 AND 2"),
                row(PG, UNRESTRICTED, "DELETE FROM t WHERE 1 BETWEEN 0 AND 2 OR id = 1"),
                // what is not a column: functions, keywords, types, literals, parameters
                row(PG, UNRESTRICTED, "DELETE FROM t WHERE coalesce(true)"),
                row(PG, UNRESTRICTED, "DELETE FROM t WHERE now() > current_timestamp - interval '1 day'"),
                row(PG, UNRESTRICTED, "DELETE FROM t WHERE '1'::int = 1"),
                row(PG, UNRESTRICTED, "DELETE FROM t WHERE CAST('1' AS double precision) = 1"),
                row(PG, UNRESTRICTED, "DELETE FROM t WHERE '1'::timestamp with time zone < now()"),
                row(PG, UNRESTRICTED, "DELETE FROM t WHERE DATE '2024-01-01' < now()"),
                row(PG, UNRESTRICTED, "DELETE FROM t WHERE $1 = $2"),
                row(PG, UNRESTRICTED, "DELETE FROM t WHERE :a = :b"),
                row(PG, UNRESTRICTED, "DELETE FROM t WHERE extract(year from now()) > 2000"),
                row(PG, SCOPED, "DELETE FROM t WHERE extract(year from created) > 2000"),
                row(PG, UNRESTRICTED, "DELETE FROM t WHERE now() AT TIME ZONE 'UTC' > '2000-01-01'"),
                row(PG, SCOPED, "DELETE FROM t WHERE created AT TIME ZONE 'UTC' > '2000-01-01'"),
                row(PG, UNRESTRICTED, "DELETE FROM t WHERE 'x' IS NOT NULL"),
                row(PG, SCOPED, "DELETE FROM t WHERE x IS NOT NULL"),
                row(PG, SCOPED, "DELETE FROM t WHERE doc IS JSON"),
                row(PG, UNRESTRICTED, "DELETE FROM t WHERE ARRAY[1] && ARRAY[1]"),
                row(PG, SCOPED, "DELETE FROM t WHERE tags && ARRAY['a']"),
                row(PG, UNRESTRICTED, "DELETE FROM t WHERE CASE WHEN true THEN true ELSE false END"),
                row(PG, SCOPED, "DELETE FROM t WHERE CASE WHEN kind = 'a' THEN true ELSE false END"),
                row(PG, UNRESTRICTED, "DELETE FROM t WHERE CASE WHEN kind = 'a' OR true THEN true END"),
                row(PG, UNRESTRICTED, "DELETE FROM t WHERE user = 'postgres'"), // PostgreSQL's USER is CURRENT_USER
                row(PG, SCOPED, "DELETE FROM t WHERE t.* IS NOT NULL"),
                // subqueries: only a qualified reference to the target counts, unless the subquery declares the name
                row(PG, SCOPED, "DELETE FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.t_id = t.id)"),
                row(PG, UNRESTRICTED, "DELETE FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.t_id = id)"),
                row(PG, UNRESTRICTED, "DELETE FROM t WHERE EXISTS (SELECT 1 FROM t WHERE t.x = 1)"),
                row(PG, UNRESTRICTED, "DELETE FROM t WHERE EXISTS (SELECT 1 FROM u AS t WHERE t.x = 1)"),
                row(PG, SCOPED, "DELETE FROM t WHERE EXISTS (SELECT 1 FROM t AS t2 WHERE t2.k = t.k AND t2.id > t.id)"),
                row(PG, UNRESTRICTED, "DELETE FROM t WHERE EXISTS (SELECT 1 FROM (SELECT 1) t WHERE t.x = 1)"),
                row(PG, UNRESTRICTED, "DELETE FROM t WHERE EXISTS (SELECT 1 FROM generate_series(1, 2) t WHERE t.x = 1)"),
                row(PG, SCOPED, "DELETE FROM t WHERE EXISTS (SELECT 1 FROM u, LATERAL (SELECT 1) x (y) WHERE x.y = t.id)"),
                row(PG, SCOPED, "DELETE FROM t WHERE EXISTS (SELECT 1 FROM u JOIN v ON v.id = t.vid)"),
                row(PG, SCOPED, "DELETE FROM t WHERE EXISTS (SELECT 1 FROM u WHERE EXISTS (SELECT 1 FROM v WHERE v.id = t.id))"),
                row(PG, SCOPED, "DELETE FROM t a WHERE (SELECT count(*) FROM u WHERE u.a_id = a.id) > 0"),
                // other tables in scope
                row(PG, UNRESTRICTED, "UPDATE t SET c = NULL FROM u WHERE u.id = 1"),
                row(PG, SCOPED, "UPDATE t SET c = 1 FROM u WHERE t.id = u.tid"),
                row(PG, UNRESTRICTED, "UPDATE t SET c = 1 FROM u WHERE id = tid"),
                row(PG, SCOPED, "UPDATE t SET c = 1 FROM u WHERE id = u.tid"),
                row(PG, UNRESTRICTED, "UPDATE t SET c = 1 FROM u WHERE u.id = 1 AND flag"),
                row(PG, UNRESTRICTED, "DELETE FROM t USING u WHERE u.id = 1"),
                row(PG, SCOPED, "DELETE FROM t USING u WHERE u.t_id = t.id AND u.x = 1"),
                row(PG, UNRESTRICTED, "DELETE FROM t USING u, v WHERE u.id = tid"),
                row(PG, UNRESTRICTED, "DELETE FROM t USING (SELECT 1 AS id) s WHERE s.id = 1"),
                row(MY, UNRESTRICTED, "UPDATE t, u SET t.c = NULL WHERE u.id = 1"),
                row(MY, SCOPED, "UPDATE t, u SET t.c = NULL WHERE u.t_id = t.id"),
                row(MY, SCOPED, "DELETE t FROM t JOIN u ON u.t_id = t.id WHERE u.x = 1"),
                row(MY, UNRESTRICTED, "DELETE t FROM t JOIN u ON u.x = 2 WHERE u.x = 1"),
                row(MY, UNRESTRICTED, "DELETE t FROM t JOIN u ON u.t_id = t.id OR true WHERE u.x = 1"),
                row(MY, SCOPED, "DELETE t FROM t JOIN u ON u.t_id = t.id JOIN v ON v.u_id = u.id WHERE v.x = 1"),
                row(MY, SCOPED, "DELETE a FROM t AS a JOIN u ON u.t_id = a.id WHERE u.x = 1"),
                row(MY, SCOPED, "UPDATE t LEFT JOIN u ON u.t_id = t.id SET t.orphan = 1 WHERE u.id IS NULL"),
                row(MY, SCOPED, "UPDATE t JOIN u ON u.t_id = t.id SET t.a = 1 WHERE flag = 1"),
                // MySQL's readings
                row(MY, UNRESTRICTED, "DELETE FROM t WHERE 1"),
                row(MY, SCOPED, "DELETE FROM t WHERE id = 1 LIMIT 1"),
                row(MY, UNRESTRICTED, "DELETE FROM t WHERE id = 1 OR 1 ORDER BY id LIMIT 1"),
                row(MY, SCOPED, "DELETE FROM `t` WHERE `t`.`id` = 1"),
                row(MY, UNRESTRICTED, "DELETE FROM t WHERE NOW() > NOW() - INTERVAL 1 DAY"),
                row(MY, SCOPED, "DELETE FROM t WHERE created < NOW() - INTERVAL 1 DAY"),
                row(MY, UNRESTRICTED, "DELETE FROM t WHERE TIMESTAMPDIFF(DAY, NOW(), NOW()) = 0"),
                row(MY, SCOPED, "DELETE FROM t WHERE TIMESTAMPDIFF(DAY, created, NOW()) > 30"),
                row(MY, UNRESTRICTED, "DELETE FROM t WHERE 1 XOR 0"),
                row(MY, SCOPED, "DELETE FROM t WHERE a = 1 XOR b = 2"),
                row(MY, UNRESTRICTED, "DELETE FROM t WHERE a = 1 XOR true"),
                // MERGE: ON and the branch's AND together
                row(PG, UNRESTRICTED, "MERGE INTO t USING (SELECT 1) s ON true WHEN MATCHED THEN DELETE"),
                row(PG, SCOPED, "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE"),
                row(PG, SCOPED, "MERGE INTO t USING s ON true WHEN MATCHED AND t.x = 1 THEN DELETE"),
                row(PG, UNRESTRICTED, "MERGE INTO t USING s ON true WHEN MATCHED AND s.x = 1 THEN DELETE"),
                row(PG, SCOPED, "MERGE INTO t AS a USING s ON a.id = s.id WHEN MATCHED THEN UPDATE SET v = s.v"));
    }

    /** Rows only the scanner reads: JSqlParser 5.3 cannot parse them, or reads their text another way. */
    static Stream<Arguments> scannerOnly() {
        return Stream.of(
                row(PG, SCOPED, "DELETE FROM t WHERE CURRENT OF c"),
                row(PG, SCOPED, "DELETE FROM t WHERE id = 1 || true"),
                row(MY, UNRESTRICTED, "DELETE FROM t WHERE id = 1 || true"),
                row(LexicalRules.mysql(false, false, false, true), SCOPED, "DELETE FROM t WHERE id = 1 || true"),
                row(MY, SCOPED, "DELETE FROM t WHERE id = 1 && x = 2"),
                row(MY, UNRESTRICTED, "DELETE FROM t WHERE !(id = 1 AND false)"),
                row(MY, UNRESTRICTED, "DELETE FROM t WHERE @x IS NULL"),
                row(MY, UNRESTRICTED, "DELETE FROM t WHERE @@session.autocommit = 1"),
                row(MY, UNRESTRICTED, "DELETE FROM t WHERE CONVERT('1', SIGNED) = 1"),
                row(MY, UNRESTRICTED, "DELETE FROM t WHERE 'a' SOUNDS LIKE 'b'"),
                row(MY, SCOPED, "DELETE FROM t WHERE user = 'root'"),
                row(PG, UNRESTRICTED, "DELETE FROM t WHERE 1 OPERATOR(pg_catalog.=) 1"),
                row(PG, SCOPED, "MERGE INTO t USING s ON t.id = s.id WHEN NOT MATCHED BY SOURCE THEN DELETE"),
                row(PG, UNRESTRICTED, "MERGE INTO t USING s ON t.id = s.id AND false WHEN NOT MATCHED BY SOURCE "
                        + "THEN DELETE"),
                row(PG, SCOPED, "MERGE INTO t USING s ON t.id = s.id AND false WHEN NOT MATCHED BY SOURCE "
                        + "AND t.archived THEN DELETE"));
    }

    private static Arguments row(LexicalRules rules, WhereScope scope, String sql) {
        return arguments(rules, scope, sql);
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("bothPaths")
    void bothPathsReadTheScopeTheSameWay(LexicalRules rules, WhereScope expected, String sql) {
        assertThat(scannerScope(sql, rules)).as("scanner").isEqualTo(expected);
        Optional<List<SqlAction>> parsed = JSqlParserClassifier.classify(sql, rules);
        parsed.ifPresent(actions -> assertThat(actions).as("parser").isNotEmpty()
                .allSatisfy(action -> assertThat(action.scope()).as("parser").isEqualTo(expected)));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("scannerOnly")
    void scannerReadsTheScope(LexicalRules rules, WhereScope expected, String sql) {
        assertThat(scannerScope(sql, rules)).isEqualTo(expected);
    }

    @Test
    void theParserReadsTheStatementsOfBothPathsTables() {
        long parsed = bothPaths().filter(row -> JSqlParserClassifier.classify((String) row.get()[2],
                (LexicalRules) row.get()[0]).isPresent()).count();
        assertThat(parsed).as("rows the parser path judged").isGreaterThan(bothPaths().count() * 3 / 4);
    }

    // ---- nesting: every kind is bounded, and beyond the bound the answer is unscoped ---------------------------

    @Test
    void parenthesesNestUpToTheBound() {
        int max = RowScope.MAX_NESTING;
        // JSqlParser is not given text this deep (its parse-cost budget): the scanner's reading is the verdict
        assertThat(scannerScope("DELETE FROM t WHERE " + "(".repeat(max) + "id = 1" + ")".repeat(max), PG))
                .isEqualTo(SCOPED);
        assertThat(scannerScope("DELETE FROM t WHERE " + "(".repeat(max + 1) + "id = 1" + ")".repeat(max + 1), PG))
                .isEqualTo(UNRESTRICTED);
        assertThat(bothPathScopes("DELETE FROM t WHERE (id = 1)"))
                .containsOnly(SCOPED);
    }

    @Test
    void notChainsNestUpToTheBound() {
        int max = RowScope.MAX_NESTING; // an even number of NOTs leaves id = 1 as it is
        assertThat(scannerScope("DELETE FROM t WHERE " + "NOT ".repeat(max) + "id = 1", PG)).isEqualTo(SCOPED);
        assertThat(scannerScope("DELETE FROM t WHERE " + "NOT ".repeat(max + 2) + "id = 1", PG))
                .isEqualTo(UNRESTRICTED);
        assertThat(scannerScope("DELETE FROM t WHERE " + "NOT ".repeat(50) + "true", PG)).isEqualTo(UNRESTRICTED);
    }

    @Test
    void subqueriesNestUpToTheBound() {
        assertThat(scannerScope(nestedExists(RowScope.MAX_NESTING - 1), PG)).isEqualTo(SCOPED);
        assertThat(scannerScope(nestedExists(RowScope.MAX_NESTING + 1), PG)).isEqualTo(UNRESTRICTED);
    }

    @Test
    void caseExpressionsNestUpToTheBound() {
        int max = RowScope.MAX_NESTING;
        assertThat(scannerScope("DELETE FROM t WHERE " + "CASE WHEN ".repeat(max / 2) + "id = 1"
                + " THEN true END".repeat(max / 2), PG)).isEqualTo(SCOPED);
        assertThat(scannerScope("DELETE FROM t WHERE " + "CASE WHEN ".repeat(max + 1) + "id = 1"
                + " THEN true END".repeat(max + 1), PG)).isEqualTo(UNRESTRICTED);
        assertThat(scannerScope("DELETE FROM t WHERE " + "CASE WHEN ".repeat(2_000), PG)).isEqualTo(UNRESTRICTED);
    }

    @Test
    void functionArgumentsNestUpToTheBound() {
        int max = RowScope.MAX_NESTING;
        assertThat(scannerScope("DELETE FROM t WHERE " + "f(".repeat(max - 1) + "id" + ")".repeat(max - 1) + " = 1",
                PG)).isEqualTo(SCOPED);
        assertThat(scannerScope("DELETE FROM t WHERE " + "f(".repeat(max + 1) + "id" + ")".repeat(max + 1) + " = 1",
                PG)).isEqualTo(UNRESTRICTED);
    }

    private static String nestedExists(int levels) {
        StringBuilder sql = new StringBuilder("DELETE FROM t WHERE ");
        for (int i = 0; i < levels; i++) {
            sql.append("EXISTS (SELECT 1 FROM u").append(i).append(" WHERE ");
        }
        sql.append("t.id = 1").append(")".repeat(levels));
        return sql.toString();
    }

    // ---- the class itself --------------------------------------------------------------------------------------

    @Test
    void joinsTieTablesToTheTargetThroughTheirOnConditions() {
        Tokens on = Lexer.lex("u.t_id = a.id", PG);
        Tokens where = Lexer.lex("u.x = 1", PG);
        RowScope scope = new RowScope();
        int t = scope.table("public.t", "a");
        int u = scope.table("u", null);
        List<RowScope.Condition> conditions = List.of(new RowScope.Condition(where, 0, where.size(), false));

        assertThat(scope.scope(List.of(t), conditions)).isEqualTo(UNRESTRICTED);
        scope.join(u, new RowScope.Condition(on, 0, on.size(), false));
        assertThat(scope.scope(List.of(t), conditions)).isEqualTo(SCOPED);
        assertThat(scope.scope(List.of(t), List.of())).isEqualTo(MISSING);
    }

    @Test
    void aUsingJoinTiesTheTablesBeforeIt() {
        Tokens where = Lexer.lex("u.x = 1", PG);
        RowScope scope = new RowScope();
        int t = scope.table("t", null);
        int u = scope.table("u", null);
        scope.usingJoin(u);
        assertThat(scope.scope(List.of(t), List.of(new RowScope.Condition(where, 0, where.size(), false))))
                .isEqualTo(SCOPED);
    }

    @Test
    void namesResolveByAliasFirstThenBySuffix() {
        RowScope scope = new RowScope();
        scope.table("public.orders", "o");
        scope.table("shop.items", null);
        assertThat(scope.resolve("o")).isZero();
        assertThat(scope.resolve("orders")).isZero();
        assertThat(scope.resolve("public.orders")).isZero();
        assertThat(scope.resolve("items")).isEqualTo(1);
        assertThat(scope.resolve("other.items")).isEqualTo(-1);
        assertThat(scope.resolve("nothing")).isEqualTo(-1);
    }

    @Test
    void aNegatedConditionRestrictsWhereItsNegationDoes() {
        Tokens on = Lexer.lex("t.id = s.id AND false", PG);
        RowScope scope = new RowScope();
        int t = scope.table("t", null);
        scope.table("s", null);
        RowScope.Condition matched = new RowScope.Condition(on, 0, on.size(), false);
        assertThat(scope.scope(List.of(t), List.of(matched))).isEqualTo(SCOPED);
        assertThat(scope.scope(List.of(t), List.of(matched.negate()))).isEqualTo(UNRESTRICTED);
    }

    @Test
    void aDeparsedConditionWithABackslashIsLeftToTheScanner() {
        RowScope scope = new RowScope();
        int t = scope.table("t", null);
        assertThat(scope.scope(List.of(t), RowScope.Condition.deparsed("a = '\\' OR 1 = 1"))).isEqualTo(SCOPED);
        assertThat(scope.scope(List.of(t), RowScope.Condition.deparsed("a = 'x' OR 1 = 1")))
                .isEqualTo(UNRESTRICTED);
    }

    @Test
    void everyTargetMustBeRestricted() {
        Tokens where = Lexer.lex("t.id = 1", PG);
        RowScope scope = new RowScope();
        int t = scope.table("t", null);
        int u = scope.table("u", null);
        List<RowScope.Condition> conditions = List.of(new RowScope.Condition(where, 0, where.size(), false));
        assertThat(scope.scope(List.of(t), conditions)).isEqualTo(SCOPED);
        assertThat(scope.scope(List.of(t, u), conditions)).isEqualTo(UNRESTRICTED);
        assertThat(scope.scope(List.of(), conditions)).isEqualTo(UNRESTRICTED);
    }

    private static WhereScope scannerScope(String sql, LexicalRules rules) {
        List<SqlAction> actions = StatementScanner.scan(sql, rules).actions();
        assertThat(actions).as("actions of %s", sql).isNotEmpty();
        assertThat(actions.stream().map(SqlAction::scope).distinct()).as("one scope for %s", sql).hasSize(1);
        return actions.get(0).scope();
    }

    private static List<WhereScope> bothPathScopes(String sql) {
        Optional<List<SqlAction>> parsed = JSqlParserClassifier.classify(sql, PG);
        assertThat(parsed).as("parsed %s", sql).isPresent();
        return Stream.concat(Stream.of(scannerScope(sql, PG)), parsed.get().stream().map(SqlAction::scope)).toList();
    }
}
