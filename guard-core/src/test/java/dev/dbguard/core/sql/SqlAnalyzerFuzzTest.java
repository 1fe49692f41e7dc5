package dev.dbguard.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mutated real statements, random characters and pathological shapes: analysis never throws, the pre-filter never
 * hides a statement the scanner would judge, and nothing takes long (a generous safety bound, not a benchmark).
 */
class SqlAnalyzerFuzzTest {

    private static final String[] FRAGMENTS = {"'", "\"", "`", "$", "$$", "$a$", "/*", "*/", "--", "\n", "(", ")", ";",
            "E'", "\\", "U&'", "/*!", "::", "?", " ", "DROP ", "DELETE FROM t ", "WHERE ", " OR 1=1", "BEGIN ATOMIC ",
            " END", "DO $$ ", "EXECUTE '", "||", "WITH x AS (", "CASE ", "IF ", "LOOP ", "$1", ":x", "NOT ", "-",
            "\u0000", "\uD800", "\uDFFF", "é", "\u00A0", "'DROP TABLE t'", "format('%I', x)", ",", ".", "*"};

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

    static Stream<Supplier<String>> pathological() {
        return Stream.of(
                () -> "(".repeat(100_000),
                () -> ")".repeat(100_000) + "; DROP TABLE t",
                () -> "/*".repeat(50_000),
                () -> "/* */".repeat(20_000) + "DROP TABLE t",
                () -> "$a$".repeat(30_000),
                () -> "$".repeat(100_000),
                () -> "'".repeat(100_001),
                () -> "E'\\".repeat(30_000),
                () -> "WITH a AS (".repeat(9_000) + "DELETE FROM t" + ")".repeat(9_000) + " SELECT 1",
                () -> "DELETE FROM t WHERE " + "(".repeat(50_000) + "1=1" + ")".repeat(50_000),
                () -> "DELETE FROM t WHERE " + "NOT ".repeat(25_000) + "true",
                () -> "DELETE FROM t WHERE " + "- ".repeat(50_000) + "1 = 1",
                () -> "DELETE FROM t WHERE " + "id = 1 OR ".repeat(10_000) + "1 = 1",
                () -> "DELETE FROM t WHERE " + "f(".repeat(30_000) + "x" + ")".repeat(30_000) + " OR 1=1",
                () -> "DELETE FROM t WHERE x IN (" + "1, ".repeat(30_000) + "1)",
                () -> "DROP TABLE " + "a, ".repeat(30_000) + "b",
                () -> "ALTER TABLE t " + "DROP COLUMN c, ".repeat(10_000) + "DROP COLUMN d",
                () -> "SELECT 1;".repeat(12_000),
                () -> "/*/**/*/;x;".repeat(9_000),
                () -> "DO $$ BEGIN " + "IF x THEN ".repeat(10_000) + "DELETE FROM t; END $$",
                () -> "DO $$ BEGIN " + "EXECUTE 'DELETE FROM t'; ".repeat(5_000) + "END $$",
                () -> "DO $$ BEGIN EXECUTE " + "(".repeat(30_000) + "'DROP TABLE t'" + ")".repeat(30_000) + "; END $$",
                () -> nestedDo(30),
                () -> "CREATE FUNCTION f() BEGIN ATOMIC " + "CASE ".repeat(20_000),
                () -> "EXPLAIN ANALYZE ".repeat(10_000) + "DELETE FROM t",
                () -> "PREPARE p AS ".repeat(10_000) + "DELETE FROM t",
                () -> "UPDATE t SET a = 1 WHERE " + "CASE WHEN ".repeat(20_000),
                () -> "DELETE FROM t WHERE x::" + "int::".repeat(20_000) + "int = 1");
    }

    @ParameterizedTest
    @MethodSource
    void pathological(Supplier<String> input) {
        String sql = input.get();
        long started = System.nanoTime();
        check(sql);
        long millis = (System.nanoTime() - started) / 1_000_000L;
        assertThat(millis).as("pathological input of %d chars, safety bound", sql.length()).isLessThan(2_000);
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
