package dev.dbguard.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StatementSplitterTest {

    /** Texts every reading splits the same way. */
    static Stream<Arguments> statements() {
        return Stream.of(
                arguments("SELECT 1; SELECT 2", List.of("SELECT 1", "SELECT 2")),
                arguments("SELECT 1;;  ; -- c\n ; /* x */", List.of("SELECT 1")),
                arguments("", List.of()),
                arguments("SELECT 'DROP TABLE x; x'; SELECT 2", List.of("SELECT 'DROP TABLE x; x'", "SELECT 2")),
                arguments("SELECT 1\n\n\nSELECT 2", List.of("SELECT 1\n\n\nSELECT 2")),
                arguments("CREATE RULE r AS ON DELETE TO t DO ALSO (DELETE FROM a; DELETE FROM b); SELECT 1",
                        List.of("CREATE RULE r AS ON DELETE TO t DO ALSO (DELETE FROM a; DELETE FROM b)", "SELECT 1")),
                arguments("CREATE TABLE t (a int); BEGIN; DELETE FROM t; COMMIT",
                        List.of("CREATE TABLE t (a int)", "BEGIN", "DELETE FROM t", "COMMIT")),
                arguments("BEGIN WORK; DELETE FROM t; COMMIT", List.of("BEGIN WORK", "DELETE FROM t", "COMMIT")),
                arguments("SELECT 1); DROP TABLE t", List.of("SELECT 1)", "DROP TABLE t")),
                arguments("SELECT (1; DROP TABLE t", List.of("SELECT (1; DROP TABLE t")),
                arguments("'unterminated; DROP TABLE t", List.of("'unterminated; DROP TABLE t")),
                arguments("  SELECT 1  -- trailing\n", List.of("SELECT 1")),
                // words that are routine keywords elsewhere, as identifiers
                arguments("CREATE VIEW vw AS SELECT x.event, x.begin FROM (SELECT 1 AS event, 2 AS begin) x; "
                                + "DROP TABLE u",
                        List.of("CREATE VIEW vw AS SELECT x.event, x.begin FROM (SELECT 1 AS event, 2 AS begin) x",
                                "DROP TABLE u")),
                arguments("CREATE VIEW function_calls AS SELECT begin, end FROM procedure; DROP TABLE u",
                        List.of("CREATE VIEW function_calls AS SELECT begin, end FROM procedure", "DROP TABLE u")),
                arguments("CREATE TABLE event (id int, begin timestamp, end timestamp, trigger text); DROP TABLE u",
                        List.of("CREATE TABLE event (id int, begin timestamp, end timestamp, trigger text)",
                                "DROP TABLE u")),
                arguments("CREATE TABLE trigger_log AS SELECT event, begin, atomic FROM log; DROP TABLE u",
                        List.of("CREATE TABLE trigger_log AS SELECT event, begin, atomic FROM log", "DROP TABLE u")),
                arguments("CREATE INDEX procedure_begin ON event (begin); DROP TABLE u",
                        List.of("CREATE INDEX procedure_begin ON event (begin)", "DROP TABLE u")),
                arguments("SELECT begin, end, if, loop, repeat FROM function; DROP TABLE u",
                        List.of("SELECT begin, end, if, loop, repeat FROM function", "DROP TABLE u")),
                arguments("UPDATE event SET begin = now(), end = now() WHERE id = 1; DROP TABLE u",
                        List.of("UPDATE event SET begin = now(), end = now() WHERE id = 1", "DROP TABLE u")),
                arguments("INSERT INTO trigger (event, begin, end) VALUES (1, 2, 3); DROP TABLE u",
                        List.of("INSERT INTO trigger (event, begin, end) VALUES (1, 2, 3)", "DROP TABLE u")),
                arguments("CREATE VIEW v AS SELECT CASE WHEN begin THEN 1 END AS end FROM function; DROP TABLE u",
                        List.of("CREATE VIEW v AS SELECT CASE WHEN begin THEN 1 END AS end FROM function",
                                "DROP TABLE u")),
                arguments("CREATE FUNCTION begin() RETURNS int AS 'select 1' LANGUAGE sql; DROP TABLE u",
                        List.of("CREATE FUNCTION begin() RETURNS int AS 'select 1' LANGUAGE sql", "DROP TABLE u")),
                arguments("CREATE FUNCTION f(begin int) RETURNS int LANGUAGE sql RETURN begin + 1; DROP TABLE u",
                        List.of("CREATE FUNCTION f(begin int) RETURNS int LANGUAGE sql RETURN begin + 1",
                                "DROP TABLE u")),
                arguments("CREATE TRIGGER begin AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION f(); DROP TABLE u",
                        List.of("CREATE TRIGGER begin AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION f()",
                                "DROP TABLE u")),
                arguments("CREATE EVENT TRIGGER et ON ddl_command_start EXECUTE FUNCTION f(); DROP TABLE u",
                        List.of("CREATE EVENT TRIGGER et ON ddl_command_start EXECUTE FUNCTION f()", "DROP TABLE u")),
                arguments("ALTER TABLE event ADD COLUMN begin int; DROP TABLE u",
                        List.of("ALTER TABLE event ADD COLUMN begin int", "DROP TABLE u")));
    }

    /** PostgreSQL: only BEGIN ATOMIC bodies hold semicolons. */
    static Stream<Arguments> postgresql() {
        return Stream.of(
                arguments("-- only a comment\n/* and /* a nested */ one */", List.of()),
                arguments("SELECT $$; DROP TABLE t; $$", List.of("SELECT $$; DROP TABLE t; $$")),
                arguments("SELECT $x$ ; $$ ; $x$; SELECT 2", List.of("SELECT $x$ ; $$ ; $x$", "SELECT 2")),
                arguments("SELECT E'\\';' ; SELECT 2", List.of("SELECT E'\\';'", "SELECT 2")),
                arguments("SELECT 1 /* ; /* ; */ ; */; SELECT 2", List.of("SELECT 1", "SELECT 2")),
                arguments("SELECT \"a;b\"; SELECT 2", List.of("SELECT \"a;b\"", "SELECT 2")),
                arguments("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; "
                                + "SELECT CASE WHEN true THEN 1 END; END; SELECT 2",
                        List.of("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; "
                                + "SELECT CASE WHEN true THEN 1 END; END", "SELECT 2")),
                arguments("CREATE OR REPLACE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC DELETE FROM t WHERE a; END;"
                                + " DROP TABLE x",
                        List.of("CREATE OR REPLACE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC DELETE FROM t WHERE a; END",
                                "DROP TABLE x")),
                arguments("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1 AS end; "
                                + "SELECT x.end FROM t x; END; DROP TABLE u",
                        List.of("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1 AS end; "
                                + "SELECT x.end FROM t x; END", "DROP TABLE u")),
                arguments("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC END; DROP TABLE u",
                        List.of("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC END", "DROP TABLE u")),
                arguments("CREATE FUNCTION f(a int) RETURNS TABLE (begin int, end int) LANGUAGE sql STABLE "
                                + "BEGIN ATOMIC SELECT a, a; END; DROP TABLE u",
                        List.of("CREATE FUNCTION f(a int) RETURNS TABLE (begin int, end int) LANGUAGE sql STABLE "
                                + "BEGIN ATOMIC SELECT a, a; END", "DROP TABLE u")),
                // MySQL's BEGIN ... END bodies are not PostgreSQL's: split (a PostgreSQL server rejects them anyway)
                arguments("CREATE PROCEDURE p() BEGIN SELECT 1; END; DROP TABLE x",
                        List.of("CREATE PROCEDURE p() BEGIN SELECT 1", "END", "DROP TABLE x")),
                arguments("BEGIN NOT ATOMIC SELECT 1; END", List.of("BEGIN NOT ATOMIC SELECT 1", "END")),
                arguments("IF 1 THEN DROP TABLE t; END IF", List.of("IF 1 THEN DROP TABLE t", "END IF")),
                // never closed: no body, split at every semicolon
                arguments("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; DROP TABLE u",
                        List.of("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1",
                                "DROP TABLE u")),
                arguments("CREATE FUNCTION f() BEGIN ATOMIC SELECT 1; SELECT 2 AS end; DROP TABLE u; "
                                + "CREATE FUNCTION g() BEGIN ATOMIC SELECT 3; DROP TABLE v",
                        List.of("CREATE FUNCTION f() BEGIN ATOMIC SELECT 1", "SELECT 2 AS end", "DROP TABLE u",
                                "CREATE FUNCTION g() BEGIN ATOMIC SELECT 3", "DROP TABLE v")),
                arguments("DO $$ BEGIN DELETE FROM t; END $$; DROP TABLE u",
                        List.of("DO $$ BEGIN DELETE FROM t; END $$", "DROP TABLE u")));
    }

    /** MySQL and MariaDB: routine bodies and top-level compound statements. */
    static Stream<Arguments> mysql() {
        return Stream.of(
                arguments("SELECT 1 /*! ; DROP TABLE t */", List.of("SELECT 1", "DROP TABLE t")),
                arguments("SELECT `c;d`; SELECT 2", List.of("SELECT `c;d`", "SELECT 2")),
                arguments("SELECT 1 -- ;\n; SELECT 2", List.of("SELECT 1", "SELECT 2")),
                arguments("CREATE PROCEDURE p() BEGIN IF a THEN DELETE FROM t; END IF; SELECT REPEAT('a', 2); "
                                + "lbl: LOOP LEAVE lbl; END LOOP; END; DROP TABLE x",
                        List.of("CREATE PROCEDURE p() BEGIN IF a THEN DELETE FROM t; END IF; SELECT REPEAT('a', 2); "
                                + "lbl: LOOP LEAVE lbl; END LOOP; END", "DROP TABLE x")),
                arguments("CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; END; SELECT 1",
                        List.of("CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; END",
                                "SELECT 1")),
                arguments("CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW SET NEW.begin = 1; DROP TABLE u",
                        List.of("CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW SET NEW.begin = 1",
                                "DROP TABLE u")),
                arguments("CREATE TRIGGER trg AFTER INSERT ON t FOR EACH ROW INSERT INTO log SELECT begin FROM x; "
                                + "DROP TABLE u",
                        List.of("CREATE TRIGGER trg AFTER INSERT ON t FOR EACH ROW INSERT INTO log SELECT begin FROM x",
                                "DROP TABLE u")),
                arguments("CREATE DEFINER=`root`@`%` TRIGGER begin BEFORE UPDATE ON begin FOR EACH ROW "
                                + "FOLLOWS other BEGIN IF NEW.end IS NULL THEN SET NEW.end = NOW(); END IF; END; "
                                + "DROP TABLE u",
                        List.of("CREATE DEFINER=`root`@`%` TRIGGER begin BEFORE UPDATE ON begin FOR EACH ROW "
                                + "FOLLOWS other BEGIN IF NEW.end IS NULL THEN SET NEW.end = NOW(); END IF; END",
                                "DROP TABLE u")),
                arguments("CREATE DEFINER=root@localhost PROCEDURE p(IN a INT) COMMENT 'x' NOT DETERMINISTIC "
                                + "MODIFIES SQL DATA SQL SECURITY INVOKER BEGIN INSERT INTO t VALUES (a); END; "
                                + "DROP TABLE u",
                        List.of("CREATE DEFINER=root@localhost PROCEDURE p(IN a INT) COMMENT 'x' NOT DETERMINISTIC "
                                + "MODIFIES SQL DATA SQL SECURITY INVOKER BEGIN INSERT INTO t VALUES (a); END",
                                "DROP TABLE u")),
                arguments("CREATE DEFINER = 'app'@'10.0.0.1' FUNCTION f(a INT) RETURNS VARCHAR(10) CHARSET utf8mb4 "
                                + "DETERMINISTIC BEGIN DECLARE r VARCHAR(10); SET r = IF(a > 0, 'p', 'n'); "
                                + "RETURN r; END; DROP TABLE u",
                        List.of("CREATE DEFINER = 'app'@'10.0.0.1' FUNCTION f(a INT) RETURNS VARCHAR(10) CHARSET "
                                + "utf8mb4 DETERMINISTIC BEGIN DECLARE r VARCHAR(10); SET r = IF(a > 0, 'p', 'n'); "
                                + "RETURN r; END", "DROP TABLE u")),
                arguments("CREATE DEFINER=root@127.0.0.1 PROCEDURE p() BEGIN SELECT 1; END; DROP TABLE u",
                        List.of("CREATE DEFINER=root@127.0.0.1 PROCEDURE p() BEGIN SELECT 1; END", "DROP TABLE u")),
                arguments("CREATE DEFINER=CURRENT_USER() PROCEDURE p() BEGIN SELECT 1; END; DROP TABLE u",
                        List.of("CREATE DEFINER=CURRENT_USER() PROCEDURE p() BEGIN SELECT 1; END", "DROP TABLE u")),
                // simple bodies: a function's RETURN IF(...) and a procedure's single statement open no block
                arguments("CREATE FUNCTION f(a INT) RETURNS INT DETERMINISTIC RETURN IF(a > 0, 1, 2); DROP TABLE u",
                        List.of("CREATE FUNCTION f(a INT) RETURNS INT DETERMINISTIC RETURN IF(a > 0, 1, 2)",
                                "DROP TABLE u")),
                arguments("CREATE PROCEDURE p() SELECT begin, end FROM event; DROP TABLE u",
                        List.of("CREATE PROCEDURE p() SELECT begin, end FROM event", "DROP TABLE u")),
                arguments("CREATE FUNCTION f RETURNS STRING SONAME 'udf.so'; DROP TABLE u",
                        List.of("CREATE FUNCTION f RETURNS STRING SONAME 'udf.so'", "DROP TABLE u")),
                arguments("CREATE FUNCTION f() RETURNS INT UNSIGNED NO SQL BEGIN RETURN 1; END; DROP TABLE u",
                        List.of("CREATE FUNCTION f() RETURNS INT UNSIGNED NO SQL BEGIN RETURN 1; END",
                                "DROP TABLE u")),
                arguments("CREATE OR REPLACE AGGREGATE FUNCTION f(x INT) RETURNS INT BEGIN DECLARE s INT DEFAULT 0; "
                                + "DECLARE CONTINUE HANDLER FOR NOT FOUND RETURN s; LOOP FETCH GROUP NEXT ROW; "
                                + "SET s = s + x; END LOOP; END; DROP TABLE u",
                        List.of("CREATE OR REPLACE AGGREGATE FUNCTION f(x INT) RETURNS INT BEGIN DECLARE s INT "
                                + "DEFAULT 0; DECLARE CONTINUE HANDLER FOR NOT FOUND RETURN s; LOOP FETCH GROUP NEXT "
                                + "ROW; SET s = s + x; END LOOP; END", "DROP TABLE u")),
                // nested blocks, handlers, CASE statements and expressions, REPEAT ... UNTIL, labels
                arguments("CREATE PROCEDURE p() BEGIN DECLARE EXIT HANDLER FOR SQLSTATE '23000', SQLEXCEPTION "
                                + "BEGIN ROLLBACK; RESIGNAL; END; CASE x WHEN 1 THEN SELECT CASE WHEN y THEN 1 ELSE 2 "
                                + "END AS end; ELSE BEGIN END; END CASE; REPEAT SET i = i + 1; UNTIL CASE WHEN i > 3 "
                                + "THEN 1 END END REPEAT; outer_loop: WHILE i < 10 DO SET i = i + 1; END WHILE "
                                + "outer_loop; END; DROP TABLE u",
                        List.of("CREATE PROCEDURE p() BEGIN DECLARE EXIT HANDLER FOR SQLSTATE '23000', SQLEXCEPTION "
                                + "BEGIN ROLLBACK; RESIGNAL; END; CASE x WHEN 1 THEN SELECT CASE WHEN y THEN 1 ELSE 2 "
                                + "END AS end; ELSE BEGIN END; END CASE; REPEAT SET i = i + 1; UNTIL CASE WHEN i > 3 "
                                + "THEN 1 END END REPEAT; outer_loop: WHILE i < 10 DO SET i = i + 1; END WHILE "
                                + "outer_loop; END", "DROP TABLE u")),
                arguments("CREATE PROCEDURE p() lbl:BEGIN SELECT t.begin, t.end FROM t; IF (SELECT 1) THEN LEAVE lbl; "
                                + "ELSEIF 2 THEN SELECT 2; ELSE SELECT 3; END IF; END lbl; DROP TABLE u",
                        List.of("CREATE PROCEDURE p() lbl:BEGIN SELECT t.begin, t.end FROM t; IF (SELECT 1) THEN "
                                + "LEAVE lbl; ELSEIF 2 THEN SELECT 2; ELSE SELECT 3; END IF; END lbl", "DROP TABLE u")),
                arguments("CREATE EVENT e ON SCHEDULE EVERY 1 DAY STARTS '2024-01-01' DO BEGIN DELETE FROM log "
                                + "WHERE ts < NOW(); END; DROP TABLE u",
                        List.of("CREATE EVENT e ON SCHEDULE EVERY 1 DAY STARTS '2024-01-01' DO BEGIN DELETE FROM log "
                                + "WHERE ts < NOW(); END", "DROP TABLE u")),
                arguments("CREATE EVENT e ON SCHEDULE AT NOW() DO DELETE FROM log WHERE begin < 1; DROP TABLE u",
                        List.of("CREATE EVENT e ON SCHEDULE AT NOW() DO DELETE FROM log WHERE begin < 1",
                                "DROP TABLE u")),
                arguments("ALTER DEFINER=root@localhost EVENT e DO BEGIN SELECT 1; END; DROP TABLE u",
                        List.of("ALTER DEFINER=root@localhost EVENT e DO BEGIN SELECT 1; END", "DROP TABLE u")),
                arguments("ALTER EVENT e ENABLE; DROP TABLE u", List.of("ALTER EVENT e ENABLE", "DROP TABLE u")),
                arguments("CREATE PROCEDURE p() FOR i IN 1 .. 3 DO SELECT i; END FOR; DROP TABLE u",
                        List.of("CREATE PROCEDURE p() FOR i IN 1 .. 3 DO SELECT i; END FOR", "DROP TABLE u")),
                // top-level compound statements (MariaDB runs them outside routines)
                arguments("BEGIN NOT ATOMIC DELETE FROM t; SELECT 1; END; SELECT 2",
                        List.of("BEGIN NOT ATOMIC DELETE FROM t; SELECT 1; END", "SELECT 2")),
                arguments("IF (SELECT COUNT(*) FROM t) > 0 THEN DROP TABLE t; ELSE SELECT 1; END IF; SELECT 2",
                        List.of("IF (SELECT COUNT(*) FROM t) > 0 THEN DROP TABLE t; ELSE SELECT 1; END IF",
                                "SELECT 2")),
                arguments("lbl: LOOP DELETE FROM t LIMIT 10; LEAVE lbl; END LOOP lbl; SELECT 2",
                        List.of("lbl: LOOP DELETE FROM t LIMIT 10; LEAVE lbl; END LOOP lbl", "SELECT 2")),
                arguments("WHILE 1 DO DELETE FROM t; END WHILE; SELECT 2",
                        List.of("WHILE 1 DO DELETE FROM t; END WHILE", "SELECT 2")),
                arguments("REPEAT DELETE FROM t; UNTIL 1 END REPEAT; SELECT 2",
                        List.of("REPEAT DELETE FROM t; UNTIL 1 END REPEAT", "SELECT 2")),
                arguments("CASE WHEN 1 THEN DROP TABLE t; END CASE; SELECT 2",
                        List.of("CASE WHEN 1 THEN DROP TABLE t; END CASE", "SELECT 2")),
                arguments("FOR r IN (SELECT id FROM t) DO DELETE FROM u WHERE id = r.id; END FOR; SELECT 2",
                        List.of("FOR r IN (SELECT id FROM t) DO DELETE FROM u WHERE id = r.id; END FOR", "SELECT 2")),
                arguments("BEGIN NOT ATOMIC BEGIN DROP TABLE a; END; IF 1 THEN DROP TABLE b; END IF; END; "
                                + "DROP TABLE c",
                        List.of("BEGIN NOT ATOMIC BEGIN DROP TABLE a; END; IF 1 THEN DROP TABLE b; END IF; END",
                                "DROP TABLE c")),
                arguments("BEGIN; SELECT 1; END", List.of("BEGIN", "SELECT 1", "END")),
                // never closed: split at every semicolon
                arguments("BEGIN NOT ATOMIC SELECT 1; DROP TABLE t", List.of("BEGIN NOT ATOMIC SELECT 1", "DROP TABLE t")),
                arguments("CREATE PROCEDURE p() BEGIN SET x = IF(a, 1, 2); DROP TABLE u",
                        List.of("CREATE PROCEDURE p() BEGIN SET x = IF(a, 1, 2)", "DROP TABLE u")),
                // PostgreSQL's BEGIN ATOMIC read the MySQL way still ends at its END
                arguments("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END; DROP TABLE u",
                        List.of("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END",
                                "DROP TABLE u")));
    }

    @ParameterizedTest
    @MethodSource("statements")
    void postgresqlReading(String sql, List<String> expected) {
        assertThat(pieces(sql, LexicalRules.POSTGRESQL)).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("statements")
    void mysqlReading(String sql, List<String> expected) {
        assertThat(pieces(sql, LexicalRules.MYSQL)).isEqualTo(expected);
        assertThat(pieces(sql, LexicalRules.MARIADB)).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource
    void postgresql(String sql, List<String> expected) {
        assertThat(pieces(sql, LexicalRules.POSTGRESQL)).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource
    void mysql(String sql, List<String> expected) {
        assertThat(pieces(sql, LexicalRules.MARIADB)).isEqualTo(expected);
        assertThat(pieces(sql, LexicalRules.MYSQL)).isEqualTo(expected);
    }

    @Test
    void manyUnclosedBodiesAreSplitInLinearTime() {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            sql.append("CREATE PROCEDURE p() BEGIN SELECT 1; ");
        }
        sql.append("DROP TABLE u");
        for (LexicalRules rules : List.of(LexicalRules.MARIADB, LexicalRules.POSTGRESQL)) {
            List<String> pieces = pieces(sql.toString(), rules);
            assertThat(pieces).last().isEqualTo("DROP TABLE u");
        }
    }

    @Test
    void identifiersNamedLikeKeywordsNeverHideTheNextStatement() {
        String[] words = {"begin", "end", "event", "function", "trigger", "procedure", "atomic", "if", "loop",
                "repeat", "while", "case", "do", "declare", "handler", "returns", "definer"};
        for (String a : words) {
            for (String b : words) {
                List<String> texts = List.of(
                        "CREATE VIEW v AS SELECT x." + a + ", x." + b + " FROM t x",
                        "CREATE TABLE " + a + "_t (" + b + "_c int)",
                        "SELECT " + a + "_c AS " + b + "_d FROM " + a + "_t",
                        "UPDATE " + a + "_t SET " + b + "_c = 1 WHERE " + a + "_c = 2",
                        "CREATE VIEW " + a + " AS SELECT " + b + ", " + a + " FROM " + b,
                        "CREATE TABLE " + a + " (" + b + " int, " + a + " text)",
                        "SELECT " + a + " AS " + b + " FROM " + a + " WHERE " + b + " = 1",
                        "INSERT INTO " + a + " (" + b + ") SELECT " + a + " FROM " + b);
                for (String text : texts) {
                    for (LexicalRules rules : List.of(LexicalRules.POSTGRESQL, LexicalRules.MARIADB)) {
                        assertThat(pieces(text + "; DROP TABLE u", rules)).as(text).containsExactly(text,
                                "DROP TABLE u");
                    }
                }
            }
        }
    }

    private static List<String> pieces(String sql, LexicalRules rules) {
        Tokens tokens = Lexer.lex(sql, rules);
        int[] pieces = StatementSplitter.split(tokens);
        List<String> texts = new ArrayList<>();
        for (int p = 0; p < pieces.length; p += 2) {
            texts.add(sql.substring(tokens.start(pieces[p]), tokens.end(pieces[p + 1] - 1)));
        }
        return texts;
    }
}
