package dev.dbguard.core.internal;

import dev.dbguard.core.sql.AnalyzedStatement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SqlAnalyzerTest {

    /** Every statement that is not pre-filtered goes to the scanner alone. */
    private final SqlAnalyzer scannerOnly = new SqlAnalyzer(0);
    private final SqlAnalyzer analyzer = new SqlAnalyzer(10_000);

    @ParameterizedTest
    @ValueSource(strings = {"DROP TABLE t", "drop table t", "select 1; delete from t", "TRUNCATE t",
            "UPDATE t SET a = 1", "SELECT 'DROP'", "SELECT 1 -- delete later", "x.delete", "(update)", "\"UPDATE\"",
            "DeLeTe", "SELECT truncate(1.5)", "SELECT E'\\x44ROP TABLE t'", "/*!50000DROP TABLE t*/",
            "/*M!100100 TRUNCATE t */", "select*from t;drop table t", "`drop`", "a=drop",
            "CREATE OR REPLACE TABLE t (id int)", "EXECUTE $q$DROP TABLE u$q$", "SELECT $$TRUNCATE t$$",
            "SET sql_mode = 'ANSI'", "SELECT dblink_exec('c', $$x$$)", "RESET ALL"})
    void mightBeDestructive(String sql) {
        assertThat(SqlAnalyzer.mightBeDestructive(sql)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"SELECT * FROM t", "SELECT updated_at FROM t", "SELECT dropped, deleted FROM t",
            "SELECT * FROM undelete", "INSERT INTO t VALUES (1)", "SELECT 1 FROM drops", "SELECT update_count",
            "SELECT $1drop", "SELECT _update", "SELECT update2", "SELECT xdrop", "SELECT dropé", "UPDATEX",
            "SELECT truncated FROM t", "SELECT xdrop$ FROM t", "/* plain comment */ SELECT 1"})
    void cannotBeDestructive(String sql) {
        assertThat(SqlAnalyzer.mightBeDestructive(sql)).isFalse();
    }

    /** The skipping search agrees with a plain regular-expression word search on every input. */
    @Test
    void preFilterAgreesWithAPlainWordSearch() {
        // '$' next to a keyword is a boundary: it may end a dollar-quote tag ($q$DROP TABLE u$q$)
        Pattern words = Pattern.compile("(?<![A-Za-z0-9_\\x{80}-\\x{FFFF}])(drop|delete|update|truncate|replace)"
                + "(?![A-Za-z0-9_\\x{80}-\\x{FFFF}])", Pattern.CASE_INSENSITIVE);
        String[] pieces = {"drop", "DELETE", "upDate", "truncate", "Replace", "dro", "x", "_", "$", "1", " ", ".",
                "'", "é", "(", "/*", "!", "M", "-", "e", "p", "u", "r", "t", "d"};
        Random random = new Random(42);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder sql = new StringBuilder();
            int count = random.nextInt(12);
            for (int k = 0; k < count; k++) {
                sql.append(pieces[random.nextInt(pieces.length)]);
            }
            String text = sql.toString();
            boolean expected = words.matcher(text).find() || text.contains("/*!") || text.contains("/*M");
            assertThat(SqlAnalyzer.mightBeDestructive(text)).as(text).isEqualTo(expected);
        }
    }

    /** The pre-filter may never say "no" when the scanner finds something to judge. */
    @ParameterizedTest
    @MethodSource("scannerRowsWithActions")
    void preFilterLetsThroughEveryStatementWithActions(String sql) {
        assertThat(StatementScanner.scan(sql).actions()).as("the scanner's actions").isNotEmpty();
        assertThat(SqlAnalyzer.mightBeDestructive(sql)).as("pre-filter").isTrue();
    }

    /** Every row of the scanner's tables whose expected actions (its fourth column) are not empty. */
    static Stream<String> scannerRowsWithActions() {
        return scannerRows().filter(row -> !((String) row.get()[3]).isEmpty()).map(row -> (String) row.get()[0]);
    }

    /** The statement of every row of the scanner's tables, with actions or without. */
    static Stream<String> scannerTable() {
        return scannerRows().map(row -> (String) row.get()[0]);
    }

    private static Stream<Arguments> scannerRows() {
        return Stream.of(StatementScannerTest.drops(), StatementScannerTest.truncates(),
                        StatementScannerTest.deletes(), StatementScannerTest.unrestrictedConditions(),
                        StatementScannerTest.scopedConditions(), StatementScannerTest.updates(),
                        StatementScannerTest.merges(), StatementScannerTest.alters(),
                        StatementScannerTest.wrappers(), StatementScannerTest.doBlocks(),
                        StatementScannerTest.nonDestructive(), StatementScannerTest.readsAndWrites())
                .flatMap(s -> s);
    }

    static Stream<Arguments> pathsWithoutParser() {
        return Stream.of(
                arguments("SELECT 1; SELECT 2", "SELECT PREFILTERED false [] | SELECT PREFILTERED false []"),
                arguments("SELECT 1; DROP TABLE t", "SELECT PREFILTERED false [] | DROP SCANNED true [DROP TABLE [t]]"),
                arguments("SELECT 'DROP TABLE x'", "SELECT PREFILTERED false []"),
                arguments("SELECT \"delete\" FROM t -- drop it", "SELECT PREFILTERED false []"),
                arguments("SELECT $$; DROP TABLE t; $$", "SELECT PREFILTERED false []"),
                arguments("INSERT INTO t VALUES (1)", "INSERT PREFILTERED true []"),
                arguments("SELECT * FROM t FOR UPDATE", "SELECT PREFILTERED false []"),
                arguments("GRANT DELETE ON t TO app", "GRANT SCANNED true []"),
                arguments("UPDATE t SET a = 1 WHERE id = 1; SELECT updated_at FROM t",
                        "UPDATE PREFILTERED true [UPDATE TABLE [t] SCOPED] | SELECT PREFILTERED false []"),
                arguments("BEGIN; DELETE FROM t; COMMIT",
                        "BEGIN PREFILTERED false [] | DELETE SCANNED true [DELETE TABLE [t] MISSING] "
                                + "| COMMIT PREFILTERED false []"),
                arguments("WITH d AS (DELETE FROM t) SELECT 1", "SELECT SCANNED true [DELETE TABLE [t] MISSING]"),
                // PostgreSQL reads /*! as a comment; MySQL runs it (verdicts/dialects.txt)
                arguments("SELECT 1 /*! ; DROP TABLE t */", "SELECT PREFILTERED false []"));
    }

    @ParameterizedTest
    @MethodSource
    void pathsWithoutParser(String sql, String expected) {
        assertThat(render(scannerOnly.analyze(sql))).isEqualTo(expected);
    }

    /** What the scanner shows to be harmless is not parsed: parsing would add tens of microseconds and nothing else. */
    static Stream<Arguments> pathsWithParser() {
        return Stream.of(
                arguments("DROP TABLE t", "DROP PARSED true [DROP TABLE [t]]"),
                arguments("SELECT 1; DELETE FROM t WHERE id = 1",
                        "SELECT PREFILTERED false [] | DELETE PREFILTERED true [DELETE TABLE [t] SCOPED]"),
                arguments("UPDATE t SET a = 1", "UPDATE PARSED true [UPDATE TABLE [t] MISSING]"),
                arguments("DELETE FROM t WHERE 1 = 1", "DELETE PARSED true [DELETE TABLE [t] UNRESTRICTED]"),
                arguments("TRUNCATE TABLE t", "TRUNCATE PARSED true [TRUNCATE TABLE [t]]"),
                arguments("ALTER TABLE t DROP COLUMN c", "ALTER PARSED true [ALTER_DROP COLUMN [t, c]]"),
                arguments("SELECT * FROM t FOR UPDATE", "SELECT PREFILTERED false []"),
                arguments("WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d",
                        "SELECT PARSED true [DELETE TABLE [t] MISSING]"),
                // JSqlParser reads this as id IN ((1, 2) OR 1 = 1), but its deparse prints the text as written, which
                // RowScope reads right; were it wrong, the parser could still never clear the scanner's finding
                arguments("DELETE FROM t WHERE id IN (1, 2) OR 1 = 1",
                        "DELETE PARSED true [DELETE TABLE [t] UNRESTRICTED]"));
    }

    @ParameterizedTest
    @MethodSource
    void pathsWithParser(String sql, String expected) {
        assertThat(render(analyzer.analyze(sql))).isEqualTo(expected);
    }

    /** Statements whose destructive part JSqlParser cannot see, or would misread, are always the scanner's. */
    static Stream<Arguments> alwaysScanned() {
        return Stream.of(
                arguments("DO $$ BEGIN DELETE FROM t; END $$", "DO SCANNED true [DELETE TABLE [t] MISSING]"),
                arguments("DO $$ BEGIN RAISE NOTICE 'hi'; END $$", "DO SCANNED true []"),
                arguments("PREPARE s FROM 'DROP TABLE t'", "PREPARE SCANNED true [DROP TABLE [t]]"),
                arguments("DELETE FROM t WHERE 1=1 /* /* */ AND id = 5 /* */ -- */\nAND true",
                        "DELETE SCANNED true [DELETE TABLE [t] UNRESTRICTED]"),
                arguments("DELETE FROM t WHERE /* /* */ id = 5 OR */ 1=1",
                        "DELETE SCANNED true [DELETE TABLE [t] UNRESTRICTED]"),
                // PostgreSQL reads /*! as a comment; MySQL runs it (verdicts/dialects.txt)
                arguments("DELETE FROM t WHERE id = 5 /*! OR 1=1 */",
                        "DELETE PREFILTERED true [DELETE TABLE [t] SCOPED]"),
                arguments("DELETE FROM t WHERE id = 5 // 5 AND 1=1",
                        "DELETE PREFILTERED true [DELETE TABLE [t] SCOPED]"),
                arguments("CREATE OR REPLACE TABLE t (id int)", "CREATE SCANNED true [DROP TABLE [t]]"),
                arguments("DELETE FROM ONLY t", "DELETE SCANNED true [DELETE TABLE [t] MISSING]"),
                arguments("TRUNCATE a, b RESTART IDENTITY", "TRUNCATE SCANNED true [TRUNCATE TABLE [a, b]]"),
                arguments("EXPLAIN ANALYZE DELETE FROM t", "EXPLAIN SCANNED true [DELETE TABLE [t] MISSING]"));
    }

    @ParameterizedTest
    @MethodSource
    void alwaysScanned(String sql, String expected) {
        assertThat(render(analyzer.analyze(sql))).isEqualTo(expected);
    }

    @Test
    void statementsLongerThanTheParseBoundAreScanned() {
        String longDelete = "DELETE FROM t WHERE id IN (" + "1, ".repeat(12) + "2) OR 1 = 1";
        List<AnalyzedStatement> statements = new SqlAnalyzer(50).analyze(longDelete);
        assertThat(render(statements)).isEqualTo("DELETE SCANNED true [DELETE TABLE [t] UNRESTRICTED]");
        assertThat(render(analyzer.analyze(longDelete))).isEqualTo("DELETE PARSED true [DELETE TABLE [t] UNRESTRICTED]");
    }

    @Test
    void statementTextIsTheStatementAlone() {
        List<AnalyzedStatement> statements = scannerOnly.analyze(
                "  -- first\n SELECT 1 ;\n/* second */ DELETE FROM t WHERE id = 1 -- trailing\n;;");
        assertThat(statements).extracting(AnalyzedStatement::text)
                .containsExactly("SELECT 1", "DELETE FROM t WHERE id = 1");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "-- nothing", "/* nothing /* nested */ */", ";;;"})
    void nothingToAnalyse(String sql) {
        assertThat(analyzer.analyze(sql)).isEmpty();
    }

    @Test
    void resultIsImmutable() {
        List<AnalyzedStatement> statements = analyzer.analyze("SELECT 1");
        assertThatThrownBy(() -> statements.add(statements.get(0))).isInstanceOf(UnsupportedOperationException.class);
    }

    static String render(List<AnalyzedStatement> statements) {
        return statements.stream()
                .map(s -> s.command() + " " + s.path() + " " + s.writes() + " ["
                        + StatementScannerTest.describe(s.actions()) + "]")
                .collect(Collectors.joining(" | "));
    }
}
