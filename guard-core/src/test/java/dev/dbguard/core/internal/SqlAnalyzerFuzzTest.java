package dev.dbguard.core.internal;

import dev.dbguard.core.sql.AnalyzedStatement;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dbguard.core.Decision;
import dev.dbguard.core.Dialect;
import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.StatementGuard;
import dev.dbguard.core.Verdict;
import dev.dbguard.core.audit.AuditSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mutated real statements, random characters and pathological shapes: analysis never throws, the pre-filter never
 * hides a statement the scanner would judge, and nothing takes long (a generous safety bound, not a benchmark); each
 * pathological shape also gets the verdict it must, in both readings.
 */
class SqlAnalyzerFuzzTest {

    private static final String[] FRAGMENTS = {"'", "\"", "`", "$", "$$", "$a$", "/*", "*/", "--", "\n", "(", ")", ";",
            "E'", "\\", "U&'", "/*!", "::", "?", " ", "DROP ", "DELETE FROM t ", "WHERE ", " OR 1=1", "BEGIN ATOMIC ",
            " END", "DO $$ ", "EXECUTE '", "||", "WITH x AS (", "CASE ", "IF ", "LOOP ", "$1", ":x", "NOT ", "-",
            "\u0000", "\uD800", "\uDFFF", "é", "\u00A0", "'DROP TABLE t'", "format('%I', x)", ",", ".", "*"};

    /** What {@link #productionRule} gives for a statement production runs (rule ids are lower case). */
    private static final String ALLOW = Decision.ALLOW.name();
    private static final StatementGuard PRODUCTION = new StatementGuard(
            GuardConfig.builder().environment("production").auditSink(AuditSink.NONE).build());

    private final SqlAnalyzer scannerOnly = new SqlAnalyzer(0);
    private final SqlAnalyzer analyzer = new SqlAnalyzer(10_000);

    @Test
    void mutatedAndRandomInputNeverBreakAnything() {
        List<String> seeds = new ArrayList<>();
        SqlAnalyzerTest.scannerTable().forEach(seeds::add);
        seeds.add("SELECT a, b FROM t WHERE c = 'x' AND d IN (1, 2) ORDER BY a LIMIT 10");
        Random random = new Random(0x5eed_2024L);
        long started = System.nanoTime();
        for (int n = 0; n < 4_000; n++) {
            String sql = n % 5 == 4 ? randomText(random) : mutate(seeds.get(random.nextInt(seeds.size())), seeds, random);
            check(sql);
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        assertThat(seconds).as("4000 fuzz cases, safety bound").isLessThan(60);
    }

    /**
     * Each shape with the verdict production gives it: first in PostgreSQL's reading (also {@code UNKNOWN}'s, which
     * refuses what either reading refuses), then in MySQL's and MariaDB's. An allowed shape is harmless text. A
     * statement nested deeper than the scanner's bound is not looked into, and is refused like SQL known only at
     * run time ({@code dynamic-sql}), never allowed.
     */
    static Stream<Arguments> pathological() {
        return Stream.of(
                shape("( x 100000", ALLOW, ALLOW, () -> "(".repeat(100_000)),
                shape(") x 100000; DROP", "drop", "drop", () -> ")".repeat(100_000) + "; DROP TABLE t"),
                shape("/* x 50000", ALLOW, ALLOW, () -> "/*".repeat(50_000)),
                shape("/* */ x 20000 DROP", "drop", "drop", () -> "/* */".repeat(20_000) + "DROP TABLE t"),
                shape("$a$ x 30000", ALLOW, ALLOW, () -> "$a$".repeat(30_000)),
                shape("$ x 100000", ALLOW, ALLOW, () -> "$".repeat(100_000)),
                shape("' x 100001", ALLOW, ALLOW, () -> "'".repeat(100_001)),
                shape("E'\\ x 30000", ALLOW, ALLOW, () -> "E'\\".repeat(30_000)),
                shape("WITH a AS ( x 9000 DELETE", "dynamic-sql", "dynamic-sql",
                        () -> "WITH a AS (".repeat(9_000) + "DELETE FROM t" + ")".repeat(9_000) + " SELECT 1"),
                shape("WHERE ( x 50000 1=1", "unscoped-delete", "unscoped-delete",
                        () -> "DELETE FROM t WHERE " + "(".repeat(50_000) + "1=1" + ")".repeat(50_000)),
                shape("WHERE NOT x 25000 true", "unscoped-delete", "unscoped-delete",
                        () -> "DELETE FROM t WHERE " + "NOT ".repeat(25_000) + "true"),
                shape("WHERE - x 50000 1 = 1", "unscoped-delete", "unscoped-delete",
                        () -> "DELETE FROM t WHERE " + "- ".repeat(50_000) + "1 = 1"),
                shape("WHERE id = 1 OR x 10000 1 = 1", "unscoped-delete", "unscoped-delete",
                        () -> "DELETE FROM t WHERE " + "id = 1 OR ".repeat(10_000) + "1 = 1"),
                shape("WHERE f( x 30000 OR 1=1", "unscoped-delete", "unscoped-delete",
                        () -> "DELETE FROM t WHERE " + "f(".repeat(30_000) + "x" + ")".repeat(30_000) + " OR 1=1"),
                shape("WHERE x IN (30000 values)", ALLOW, ALLOW,
                        () -> "DELETE FROM t WHERE x IN (" + "1, ".repeat(30_000) + "1)"),
                shape("DROP TABLE 30000 names", "drop", "drop", () -> "DROP TABLE " + "a, ".repeat(30_000) + "b"),
                shape("DROP COLUMN x 10000", "alter-drop", "alter-drop",
                        () -> "ALTER TABLE t " + "DROP COLUMN c, ".repeat(10_000) + "DROP COLUMN d"),
                shape("SELECT 1; x 12000", ALLOW, ALLOW, () -> "SELECT 1;".repeat(12_000)),
                shape("/*/**/*/;x; x 9000", ALLOW, ALLOW, () -> "/*/**/*/;x;".repeat(9_000)),
                // MySQL's DO evaluates expressions: $$ is no quote there, and the text is a syntax error
                shape("DO IF x THEN x 10000 DELETE", "unscoped-delete", ALLOW,
                        () -> "DO $$ BEGIN " + "IF x THEN ".repeat(10_000) + "DELETE FROM t; END $$"),
                shape("DO EXECUTE DELETE x 5000", "unscoped-delete", "unscoped-delete",
                        () -> "DO $$ BEGIN " + "EXECUTE 'DELETE FROM t'; ".repeat(5_000) + "END $$"),
                shape("DO EXECUTE ( x 30000 DROP", "dynamic-sql", ALLOW,
                        () -> "DO $$ BEGIN EXECUTE " + "(".repeat(30_000) + "'DROP TABLE t'" + ")".repeat(30_000)
                                + "; END $$"),
                shape("DO nested 30 deep TRUNCATE", "dynamic-sql", ALLOW, () -> nestedDo(30)),
                shape("BEGIN ATOMIC CASE x 20000", ALLOW, ALLOW,
                        () -> "CREATE FUNCTION f() BEGIN ATOMIC " + "CASE ".repeat(20_000)),
                shape("EXPLAIN ANALYZE x 10000 DELETE", "dynamic-sql", "dynamic-sql",
                        () -> "EXPLAIN ANALYZE ".repeat(10_000) + "DELETE FROM t"),
                shape("PREPARE p AS x 10000 DELETE", "dynamic-sql", "dynamic-sql",
                        () -> "PREPARE p AS ".repeat(10_000) + "DELETE FROM t"),
                shape("UPDATE WHERE CASE WHEN x 20000", "unscoped-update", "unscoped-update",
                        () -> "UPDATE t SET a = 1 WHERE " + "CASE WHEN ".repeat(20_000)),
                shape("x::int:: x 20000", ALLOW, ALLOW,
                        () -> "DELETE FROM t WHERE x::" + "int::".repeat(20_000) + "int = 1"));
    }

    @ParameterizedTest(name = "{0}: postgresql {1}, mysql {2}")
    @MethodSource
    void pathological(Supplier<String> input, String postgresqlRule, String mysqlRule) {
        String sql = input.get();
        long started = System.nanoTime();
        check(sql);
        long millis = (System.nanoTime() - started) / 1_000_000L;
        assertThat(millis).as("pathological input of %d chars, safety bound", sql.length()).isLessThan(2_000);

        assertThat(productionRule(sql, Dialect.POSTGRESQL)).as("postgresql").isEqualTo(postgresqlRule);
        assertThat(productionRule(sql, Dialect.MYSQL)).as("mysql").isEqualTo(mysqlRule);
        assertThat(productionRule(sql, Dialect.MARIADB)).as("mariadb").isEqualTo(mysqlRule);
        assertThat(productionRule(sql, Dialect.UNKNOWN)).as("unknown").isEqualTo(postgresqlRule);
    }

    /** The rule refusing {@code sql} in production, else the decision ({@link #ALLOW}). */
    private static String productionRule(String sql, Dialect dialect) {
        Verdict verdict = PRODUCTION.check(sql, PRODUCTION.target("orders", null, dialect));
        return verdict.decision() == Decision.BLOCK ? verdict.ruleId() : verdict.decision().name();
    }

    private static Arguments shape(String name, String postgresqlRule, String mysqlRule, Supplier<String> sql) {
        return Arguments.of(Named.of(name, sql), postgresqlRule, mysqlRule);
    }

    private void check(String sql) {
        List<AnalyzedStatement> scanned = scannerOnly.analyze(sql);
        List<AnalyzedStatement> full = analyzer.analyze(sql);
        assertThat(full).hasSameSizeAs(scanned);
        boolean anyAction = false;
        for (AnalyzedStatement statement : scanned) {
            assertThat(statement.text()).isNotEmpty();
            assertThat(sql).contains(statement.text());
            anyAction |= !statement.actions().isEmpty();
        }
        if (anyAction) {
            assertThat(SqlAnalyzer.mightBeDestructive(sql)).as("pre-filter on %s", abbreviate(sql)).isTrue();
        }
        assertThat(SqlRedactor.redact(sql)).isNotNull();
        assertThat(SqlFingerprint.of(sql)).hasSize(16);
    }

    private static String mutate(String seed, List<String> seeds, Random random) {
        StringBuilder sql = new StringBuilder(seed);
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            int at = sql.length() == 0 ? 0 : random.nextInt(sql.length() + 1);
            switch (random.nextInt(5)) {
                case 0 -> sql.insert(at, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
                case 1 -> {
                    if (sql.length() > 0) {
                        int from = random.nextInt(sql.length());
                        sql.delete(from, Math.min(sql.length(), from + 1 + random.nextInt(8)));
                    }
                }
                case 2 -> {
                    if (sql.length() > 0) {
                        int from = random.nextInt(sql.length());
                        int to = Math.min(sql.length(), from + 1 + random.nextInt(20));
                        sql.insert(at, sql.substring(from, to));
                    }
                }
                case 3 -> sql.insert(at, random.nextBoolean() ? "; " : " ").insert(at, seeds.get(random.nextInt(seeds.size())));
                default -> sql.insert(at, (char) random.nextInt(0x10000));
            }
        }
        return sql.toString();
    }

    private static String randomText(Random random) {
        int length = random.nextInt(200);
        StringBuilder text = new StringBuilder(length);
        for (int k = 0; k < length; k++) {
            text.append(random.nextInt(3) == 0 ? (char) random.nextInt(0x10000) : (char) (32 + random.nextInt(95)));
        }
        return text.toString();
    }

    private static String nestedDo(int depth) {
        String body = "TRUNCATE t";
        for (int d = 0; d < depth; d++) {
            body = "DO $d" + d + "$ BEGIN EXECUTE $e" + d + "$" + body + "$e" + d + "$; END $d" + d + "$";
        }
        return body;
    }

    private static String abbreviate(String sql) {
        return sql.length() > 200 ? sql.substring(0, 200) + "..." : sql;
    }
}
