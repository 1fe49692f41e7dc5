package dev.dbguard.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scanner on statements inside statements: every position that executes is judged like a statement of its own
 * (compound statements, EXPLAIN ANALYZE, CREATE ... AS, subqueries headed by WITH), and positions that do not execute
 * (plain EXPLAIN, routine bodies) are not. Expected actions as in {@link StatementScannerTest}.
 */
class NestedStatementTest {

    private static Arguments row(String sql, String command, boolean writes, String actions) {
        return arguments(sql, command, writes, actions);
    }

    static Stream<Arguments> postgresql() {
        return Stream.of(
                row("EXPLAIN ANALYZE CREATE TABLE x AS WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d",
                        "EXPLAIN", true, "DELETE TABLE [t] MISSING"),
                row("EXPLAIN CREATE TABLE x AS WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d",
                        "EXPLAIN", false, ""),
                row("CREATE TABLE x AS WITH d AS (UPDATE t SET a = 1 RETURNING *) SELECT * FROM d", "CREATE", true,
                        "UPDATE TABLE [t] MISSING"),
                row("CREATE MATERIALIZED VIEW mv AS WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d", "CREATE",
                        true, "DELETE TABLE [t] MISSING"),
                row("SELECT * FROM (WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d) s", "SELECT", true,
                        "DELETE TABLE [t] MISSING"),
                row("SELECT * FROM (WITH d AS (SELECT 1) SELECT * FROM d) s", "SELECT", false, ""),
                row("SELECT (WITH a AS (DELETE FROM t RETURNING 1) SELECT 1), (WITH b AS (DELETE FROM u WHERE id = 2 "
                        + "RETURNING 1) SELECT 1)", "SELECT", true, "DELETE TABLE [t] MISSING; DELETE TABLE [u] SCOPED"),
                row("INSERT INTO a WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d", "INSERT", true,
                        "DELETE TABLE [t] MISSING"),
                row("DECLARE c CURSOR FOR WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d", "DECLARE", true,
                        "DELETE TABLE [t] MISSING"),
                row("DECLARE c CURSOR WITH HOLD FOR SELECT * FROM t", "DECLARE", false, ""),
                row("VALUES ((WITH d AS (DELETE FROM t RETURNING 1) SELECT 1))", "VALUES", true,
                        "DELETE TABLE [t] MISSING"),
                row("DELETE FROM t WHERE id IN (WITH d AS (DELETE FROM u RETURNING id) SELECT id FROM d)", "DELETE", true,
                        "DELETE TABLE [t] SCOPED; DELETE TABLE [u] MISSING"),
                row("WITH a (x, y) AS MATERIALIZED (SELECT 1, 2), b AS (SELECT * FROM (WITH c AS (DELETE FROM t "
                        + "RETURNING 1) SELECT 1) s) SELECT * FROM a", "SELECT", true, "DELETE TABLE [t] MISSING"),
                row("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC WITH d AS (DELETE FROM t RETURNING 1) "
                        + "SELECT 1; END", "CREATE", true, ""),
                row("CREATE TABLE x (a int) WITH (fillfactor = 70)", "CREATE", true, ""),
                row("CREATE OR REPLACE DATABASE shop", "CREATE", true, "DROP DATABASE [shop]"),
                row("CREATE OR REPLACE SCHEMA IF NOT EXISTS shop", "CREATE", true, ""),
                row("CREATE OR REPLACE SEQUENCE s", "CREATE", true, "DROP SEQUENCE [s]"),
                row("CREATE OR REPLACE TEMPORARY SEQUENCE s", "CREATE", true, ""),
                row("CREATE OR REPLACE TABLE `shop`.`orders` LIKE staging", "CREATE", true,
                        "DROP TABLE [shop.orders]"),
                row("CREATE OR REPLACE MATERIALIZED VIEW mv AS SELECT 1", "CREATE", true, ""),
                row("CREATE OR REPLACE TRIGGER trg AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION f()", "CREATE", true,
                        ""));
    }

    static Stream<Arguments> mariadb() {
        return Stream.of(
                row("BEGIN NOT ATOMIC DELETE FROM t; UPDATE u SET a = 1 WHERE id = 2; END", "BEGIN", true,
                        "DELETE TABLE [t] MISSING; UPDATE TABLE [u] SCOPED"),
                row("BEGIN NOT ATOMIC SELECT 1; SELECT begin, end FROM t; END", "BEGIN", false, ""),
                row("lbl: BEGIN NOT ATOMIC DROP TABLE t; END lbl", "BEGIN", true, "DROP TABLE [t]"),
                row("lbl:LOOP TRUNCATE t; LEAVE lbl; END LOOP lbl", "LOOP", true, "TRUNCATE TABLE [t]"),
                row("IF (SELECT COUNT(*) FROM t) > 0 THEN DROP TABLE t; ELSEIF 1 THEN DROP TABLE u; "
                        + "ELSE DROP TABLE v; END IF", "IF", true, "DROP TABLE [t]; DROP TABLE [u]; DROP TABLE [v]"),
                row("IF CASE WHEN a THEN 1 END = 1 THEN DELETE FROM t; END IF", "IF", true, "DELETE TABLE [t] MISSING"),
                row("CASE x WHEN 1 THEN DELETE FROM a; WHEN 2 THEN DELETE FROM b; ELSE DELETE FROM c; END CASE", "CASE",
                        true, "DELETE TABLE [a] MISSING; DELETE TABLE [b] MISSING; DELETE TABLE [c] MISSING"),
                row("WHILE i < 3 DO UPDATE t SET a = 1; SET i = i + 1; END WHILE", "WHILE", true,
                        "UPDATE TABLE [t] MISSING"),
                row("REPEAT DELETE FROM t LIMIT 10; UNTIL ROW_COUNT() = 0 END REPEAT", "REPEAT", true,
                        "DELETE TABLE [t] MISSING"),
                row("FOR r IN (SELECT id FROM t) DO DELETE FROM u WHERE id = r.id; END FOR", "FOR", true,
                        "DELETE TABLE [u] SCOPED"),
                row("FOR i IN 1 .. 3 DO SELECT i; END FOR", "FOR", false, ""),
                row("BEGIN NOT ATOMIC DECLARE x INT DEFAULT (SELECT 1); DECLARE c CURSOR FOR SELECT * FROM t; "
                        + "DECLARE EXIT HANDLER FOR SQLSTATE VALUE '23000', NOT FOUND BEGIN DELETE FROM log; END; "
                        + "DECLARE CONTINUE HANDLER FOR SQLWARNING SET x = 1; OPEN c; FETCH c INTO x; CLOSE c; END",
                        "BEGIN", true, "DELETE TABLE [log] MISSING"),
                row("BEGIN NOT ATOMIC PREPARE s FROM 'DROP TABLE t'; EXECUTE s; DEALLOCATE PREPARE s; END", "BEGIN",
                        true, "DROP TABLE [t]"),
                row("BEGIN NOT ATOMIC BEGIN NOT ATOMIC BEGIN NOT ATOMIC DROP TABLE deep; END; END; END", "BEGIN", true,
                        "DROP TABLE [deep]"),
                row("BEGIN", "BEGIN", false, ""),
                row("BEGIN WORK", "BEGIN", false, ""),
                row("CREATE PROCEDURE p() BEGIN DELETE FROM t; END", "CREATE", true, ""),
                row("CREATE DEFINER=root@localhost TRIGGER trg AFTER INSERT ON t FOR EACH ROW BEGIN DELETE FROM u; END",
                        "CREATE", true, ""),
                row("CREATE OR REPLACE TABLE t (id INT)", "CREATE", true, "DROP TABLE [t]"),
                row("CREATE OR REPLACE DATABASE d", "CREATE", true, "DROP DATABASE [d]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void postgresql(String sql, String command, boolean writes, String actions) {
        assertScanned(StatementScanner.scan(sql, LexicalRules.POSTGRESQL), command, writes, actions);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void mariadb(String sql, String command, boolean writes, String actions) {
        assertScanned(StatementScanner.scan(sql, LexicalRules.MARIADB), command, writes, actions);
        assertScanned(StatementScanner.scan(sql, LexicalRules.MYSQL), command, writes, actions);
    }

    @Test
    void compoundStatementsAreScannerOnly() {
        assertThat(StatementScanner.scan("BEGIN NOT ATOMIC DELETE FROM t WHERE id = 1; END", LexicalRules.MARIADB)
                .scannerOnly()).isTrue();
        assertThat(StatementScanner.scan("CREATE OR REPLACE SCHEMA s", LexicalRules.MARIADB).scannerOnly()).isTrue();
    }

    @Test
    void deeplyNestedSubqueriesStayBounded() {
        StringBuilder sql = new StringBuilder("SELECT * FROM ");
        for (int i = 0; i < 2_000; i++) {
            sql.append("(WITH a").append(i).append(" (x) AS (SELECT 1) SELECT * FROM ");
        }
        sql.append("(WITH d AS (DELETE FROM t RETURNING 1) SELECT 1) s");
        for (int i = 0; i < 2_000; i++) {
            sql.append(") s").append(i);
        }
        ScannedStatement scanned = StatementScanner.scan(sql.toString(), LexicalRules.POSTGRESQL);
        // beyond MAX_NESTING the scanner stops looking: the statement still counts as a write
        assertThat(scanned.command()).isEqualTo("SELECT");
        assertThat(scanned.writes()).isTrue();
    }

    private static void assertScanned(ScannedStatement scanned, String command, boolean writes, String actions) {
        assertThat(StatementScannerTest.describe(scanned.actions())).as("actions").isEqualTo(actions);
        assertThat(scanned.command()).as("command").isEqualTo(command);
        assertThat(scanned.writes()).as("writes").isEqualTo(writes);
    }
}
