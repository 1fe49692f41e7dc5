package dev.dbguard.core.internal;

import dev.dbguard.core.sql.SqlAction;
import dev.dbguard.core.sql.WhereScope;
import static dev.dbguard.core.Dialect.MYSQL;
import static dev.dbguard.core.Dialect.POSTGRESQL;
import static dev.dbguard.core.Dialect.UNKNOWN;
import static dev.dbguard.core.sql.WhereScope.UNRESTRICTED;
import static dev.dbguard.core.sql.WhereScope.MISSING;
import static dev.dbguard.core.sql.WhereScope.SCOPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.dbguard.core.Dialect;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JSqlParserClassifierTest {

    /** Generous safety net for inputs that would run for seconds or minutes without the nesting bound. */
    private static final Duration SAFETY_BOUND = Duration.ofSeconds(5);

    @ParameterizedTest(name = "[{0}] {1}")
    @MethodSource("statements")
    void classifiesStatement(Dialect dialect, String sql, Optional<List<SqlAction>> expected) {
        // each row is read the way its server reads it: JSqlParser's tree is trusted only where it agrees
        assertThat(JSqlParserClassifier.classify(sql, LexicalRules.defaultFor(dialect))).isEqualTo(expected);
    }

    static Stream<Arguments> statements() {
        return Stream.of(
                // ---- DROP, every object kind JSqlParser 5.3 reads ----
                parsed(POSTGRESQL, "DROP TABLE t", drop("TABLE", "t")),
                parsed(POSTGRESQL, "DROP TABLE IF EXISTS public.orders CASCADE", drop("TABLE", "public.orders")),
                parsed(POSTGRESQL, "DROP TABLE \"Quoted\".\"Tbl\"", drop("TABLE", "Quoted.Tbl")),
                parsed(POSTGRESQL, "DROP TABLE db.sch.t", drop("TABLE", "db.sch.t")),
                parsed(POSTGRESQL, "drop table t restrict", drop("TABLE", "t")),
                parsed(POSTGRESQL, "DROP VIEW v", drop("VIEW", "v")),
                parsed(POSTGRESQL, "DROP VIEW IF EXISTS v CASCADE", drop("VIEW", "v")),
                parsed(POSTGRESQL, "DROP MATERIALIZED VIEW mv", drop("MATERIALIZED VIEW", "mv")),
                parsed(POSTGRESQL, "DROP MATERIALIZED VIEW IF EXISTS mv", drop("MATERIALIZED VIEW", "mv")),
                parsed(POSTGRESQL, "DROP INDEX idx", drop("INDEX", "idx")),
                parsed(POSTGRESQL, "DROP INDEX CONCURRENTLY idx", drop("INDEX", "idx")),
                parsed(POSTGRESQL, "DROP INDEX IF EXISTS idx", drop("INDEX", "idx")),
                parsed(POSTGRESQL, "DROP SEQUENCE s", drop("SEQUENCE", "s")),
                parsed(POSTGRESQL, "DROP SCHEMA s CASCADE", drop("SCHEMA", "s")),
                parsed(POSTGRESQL, "DROP SCHEMA IF EXISTS s RESTRICT", drop("SCHEMA", "s")),
                parsed(POSTGRESQL, "DROP FUNCTION f(int)", drop("FUNCTION", "f")),
                parsed(POSTGRESQL, "DROP FUNCTION IF EXISTS f(int, text)", drop("FUNCTION", "f")),
                parsed(POSTGRESQL, "DROP EXTENSION e", drop("EXTENSION", "e")),
                parsed(POSTGRESQL, "DROP ROLE r", drop("ROLE", "r")),
                parsed(POSTGRESQL, "DROP POLICY p ON t", drop("POLICY", "p")),
                parsed(MYSQL, "DROP TABLE `my`.`tbl`", drop("TABLE", "my.tbl")),
                parsed(MYSQL, "DROP INDEX idx ON t", drop("INDEX", "idx")),
                // JSqlParser reads DROP EVENT TRIGGER x (PostgreSQL) with the object named TRIGGER: the scanner decides
                unparsed(MYSQL, "DROP EVENT e"),
                unparsed(POSTGRESQL, "DROP EVENT TRIGGER x"),
                unparsed(POSTGRESQL, "DROP OWNED BY app_user"),
                unparsed(POSTGRESQL, "DROP ACCESS METHOD heap2"),
                parsed(MYSQL, "DROP TEMPORARY TABLE t"),
                parsed(MYSQL, "DROP TEMPORARY TABLE IF EXISTS t"),
                unparsed(POSTGRESQL, "DROP TABLE a, b"),
                unparsed(POSTGRESQL, "DROP VIEW IF EXISTS a, b"),
                unparsed(POSTGRESQL, "DROP DATABASE db"),
                unparsed(POSTGRESQL, "DROP PROCEDURE p"),
                unparsed(POSTGRESQL, "DROP TYPE ty"),
                unparsed(POSTGRESQL, "DROP DOMAIN d"),
                unparsed(POSTGRESQL, "DROP TRIGGER tr ON t"),
                unparsed(MYSQL, "DROP USER u"),
                unparsed(POSTGRESQL, "DROP INDEX CONCURRENTLY IF EXISTS idx"),

                // ---- TRUNCATE ----
                parsed(POSTGRESQL, "TRUNCATE t", truncate("t")),
                parsed(POSTGRESQL, "TRUNCATE TABLE t", truncate("t")),
                parsed(POSTGRESQL, "TRUNCATE ONLY t", truncate("t")),
                parsed(POSTGRESQL, "TRUNCATE TABLE a, b CASCADE", truncate("a", "b")),
                parsed(POSTGRESQL, "TRUNCATE \"S\".\"T\"", truncate("S.T")),
                parsed(MYSQL, "TRUNCATE TABLE `db`.`t`", truncate("db.t")),
                unparsed(POSTGRESQL, "TRUNCATE t RESTART IDENTITY"),
                unparsed(POSTGRESQL, "TRUNCATE TABLE t CONTINUE IDENTITY"),
                unparsed(POSTGRESQL, "TRUNCATE TABLE ONLY a, b"),

                // ---- DELETE ----
                parsed(POSTGRESQL, "DELETE FROM t", delete(MISSING, "t")),
                parsed(POSTGRESQL, "DELETE FROM t WHERE id = 1", delete(SCOPED, "t")),
                parsed(POSTGRESQL, "DELETE FROM public.orders WHERE id = $1", delete(SCOPED, "public.orders")),
                parsed(POSTGRESQL, "DELETE FROM t WHERE id = ?", delete(SCOPED, "t")),
                parsed(POSTGRESQL, "DELETE FROM t WHERE id = :id", delete(SCOPED, "t")),
                parsed(POSTGRESQL, "DELETE FROM t WHERE 1=1", delete(UNRESTRICTED, "t")),
                parsed(POSTGRESQL, "DELETE FROM t WHERE true", delete(UNRESTRICTED, "t")),
                parsed(POSTGRESQL, "DELETE FROM t WHERE id = 5 OR 1=1", delete(UNRESTRICTED, "t")),
                parsed(POSTGRESQL, "DELETE FROM t WHERE 1=0", delete(UNRESTRICTED, "t")), // no column of t
                parsed(POSTGRESQL, "DELETE FROM t WHERE id = id", delete(SCOPED, "t")),
                parsed(POSTGRESQL, "DELETE FROM t WHERE EXISTS (SELECT 1)", delete(UNRESTRICTED, "t")),
                parsed(POSTGRESQL, "DELETE FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.t_id = t.id)", delete(SCOPED, "t")),
                parsed(POSTGRESQL, "DELETE FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.t_id = id)",
                        delete(UNRESTRICTED, "t")),
                parsed(POSTGRESQL, "DELETE FROM t WHERE coalesce(true)", delete(UNRESTRICTED, "t")),
                parsed(POSTGRESQL, "DELETE FROM t WHERE (SELECT true)", delete(UNRESTRICTED, "t")),
                parsed(POSTGRESQL, "DELETE FROM t WHERE 1 = ANY(ARRAY[1])", delete(UNRESTRICTED, "t")),
                parsed(POSTGRESQL, "DELETE FROM t WHERE CASE WHEN true THEN true END", delete(UNRESTRICTED, "t")),
                parsed(POSTGRESQL, "DELETE FROM t WHERE now() IS NOT NULL", delete(UNRESTRICTED, "t")),
                parsed(POSTGRESQL, "DELETE FROM t WHERE (? IS NULL OR id = ?)", delete(UNRESTRICTED, "t")),
                parsed(POSTGRESQL, "DELETE FROM t WHERE id = ? AND (? IS NULL OR kind = ?)", delete(SCOPED, "t")),
                parsed(POSTGRESQL, "DELETE FROM t USING u WHERE u.id = 1", delete(UNRESTRICTED, "t")),
                parsed(POSTGRESQL, "DELETE FROM t USING u WHERE t.uid = u.id AND u.x = 1", delete(SCOPED, "t")),
                parsed(POSTGRESQL, "DELETE FROM t WHERE id IN (SELECT id FROM u)", delete(SCOPED, "t")),
                parsed(POSTGRESQL, "DELETE FROM \"S\".\"T\" WHERE 1=1", delete(UNRESTRICTED, "S.T")),
                parsed(POSTGRESQL, "DELETE FROM t AS x WHERE x.id = 1", delete(SCOPED, "t")),
                parsed(POSTGRESQL, "DELETE FROM t USING u WHERE t.id = u.id", delete(SCOPED, "t")),
                parsed(POSTGRESQL, "DELETE FROM t USING u", delete(MISSING, "t")),
                parsed(POSTGRESQL, "DELETE FROM t RETURNING *", delete(MISSING, "t")),
                parsed(POSTGRESQL, "DELETE FROM t WHERE created < now() - interval '30 days'", delete(SCOPED, "t")),
                parsed(POSTGRESQL, "DELETE FROM t WHERE a = $$x$$", delete(SCOPED, "t")),
                parsed(POSTGRESQL, "DELETE FROM t WHERE $$x$$ = $$x$$", delete(UNRESTRICTED, "t")),
                parsed(POSTGRESQL, "DELETE FROM t /* keep */ WHERE id = 1", delete(SCOPED, "t")),
                parsed(POSTGRESQL, "DELETE FROM t WHERE id = 1 -- only one", delete(SCOPED, "t")),
                parsed(POSTGRESQL, "DELETE FROM t WHERE a = E'x'", delete(SCOPED, "t")),
                parsed(POSTGRESQL, "DELETE FROM t WHERE a = 'x\\y'", delete(SCOPED, "t")),
                unparsed(POSTGRESQL, "DELETE FROM ONLY t WHERE id = 1"),
                unparsed(POSTGRESQL, "DELETE FROM t WHERE CURRENT OF c"),
                unparsed(POSTGRESQL, "DELETE FROM t WHERE a = $a$ OR 1=1 $a$"),
                parsed(MYSQL, "DELETE t1 FROM t1 JOIN t2 ON t1.id = t2.id", delete(MISSING, "t1")),
                parsed(MYSQL, "DELETE t1 FROM t1 JOIN t2 ON t1.id = t2.id WHERE t2.x = 1", delete(SCOPED, "t1")),
                parsed(MYSQL, "DELETE t1, t2 FROM t1 JOIN t2 ON t1.id = t2.id", delete(MISSING, "t1", "t2")),
                parsed(MYSQL, "DELETE x FROM orders AS x", delete(MISSING, "orders")),
                parsed(MYSQL, "DELETE FROM t LIMIT 10", delete(MISSING, "t")),
                parsed(MYSQL, "DELETE FROM t ORDER BY id LIMIT 10", delete(MISSING, "t")),
                parsed(MYSQL, "DELETE LOW_PRIORITY QUICK IGNORE FROM t WHERE id = 1", delete(SCOPED, "t")),
                parsed(MYSQL, "DELETE FROM t WHERE 1", delete(UNRESTRICTED, "t")),
                parsed(MYSQL, "DELETE FROM `db`.`t` WHERE 'a' = 'A'", delete(UNRESTRICTED, "db.t")),
                unparsed(MYSQL, "DELETE FROM t1, t2 USING t1 JOIN t2 ON t1.id = t2.id"),

                // ---- where PostgreSQL and MySQL read the same text differently ----
                unparsed(MYSQL, "DELETE FROM t WHERE id = 5 || true"), // MySQL: OR
                // PostgreSQL concatenates with ||, as JSqlParser does: the tree is the server's reading
                parsed(POSTGRESQL, "DELETE FROM t WHERE name = 'a' || 'b'", delete(SCOPED, "t")),
                unparsed(MYSQL, "DELETE FROM t WHERE id = 1 --1 OR 1=1"), // MySQL: 1 - -1 OR 1=1
                unparsed(MYSQL, "DELETE FROM t WHERE id = 1 # only one"),
                unparsed(MYSQL, "DELETE FROM t WHERE id = 5 /*! OR 1=1 */"),
                unparsed(MYSQL, "DELETE FROM t WHERE a = '\\'' OR 1=1 -- '"),
                // both parses (with and without backslash escapes) deparse to text read both ways, and one reading
                // sees a string: the parser path never invents a refusal, and the scanner's reading refuses it
                // PostgreSQL reads '\\' as a one-character string, so OR 1=1 is code: the parser is not trusted with it
                unparsed(POSTGRESQL, "DELETE FROM t WHERE a = '\\' OR 1=1 -- '"),
                unparsed(POSTGRESQL, "DELETE FROM t WHERE a = E'\\'' OR 1=1"),
                unparsed(POSTGRESQL, "DELETE FROM t WHERE a = U&'x' OR b = 1"),
                unparsed(POSTGRESQL, "DELETE FROM t /* /* */ WHERE id = 1 -- */"), // PostgreSQL: all one comment
                parsed(POSTGRESQL, "DELETE FROM t WHERE 1=1 --x", delete(UNRESTRICTED, "t")),

                // ---- UPDATE ----
                parsed(POSTGRESQL, "UPDATE t SET a = 1", update(MISSING, "t")),
                parsed(POSTGRESQL, "UPDATE t SET a = 1 WHERE id = ?", update(SCOPED, "t")),
                parsed(POSTGRESQL, "UPDATE t SET a = 1 WHERE 1=1 AND true", update(UNRESTRICTED, "t")),
                parsed(POSTGRESQL, "UPDATE t SET a = 1 WHERE NOT false", update(UNRESTRICTED, "t")),
                parsed(POSTGRESQL, "UPDATE t SET a = 1 WHERE 2 > 1", update(UNRESTRICTED, "t")),
                parsed(POSTGRESQL, "UPDATE \"S\".\"T\" SET a = 1", update(MISSING, "S.T")),
                parsed(POSTGRESQL, "UPDATE t AS x SET a = 1", update(MISSING, "t")),
                parsed(POSTGRESQL, "UPDATE t SET a = u.b FROM u WHERE t.id = u.id", update(SCOPED, "t")),
                parsed(POSTGRESQL, "UPDATE t SET a = u.b FROM u", update(MISSING, "t")),
                parsed(POSTGRESQL, "UPDATE t SET c = NULL FROM u WHERE u.id = 1", update(UNRESTRICTED, "t")),
                parsed(POSTGRESQL, "UPDATE t SET c = NULL FROM u WHERE id = 1", update(UNRESTRICTED, "t")),
                parsed(POSTGRESQL, "UPDATE public.t SET a = 1 WHERE public.t.id = 1", update(SCOPED, "public.t")),
                parsed(POSTGRESQL, "UPDATE t SET (a, b) = (SELECT 1, 2) WHERE id = 3", update(SCOPED, "t")),
                parsed(POSTGRESQL, "UPDATE t SET a = (SELECT max(b) FROM u WHERE u.id = t.id)", update(MISSING, "t")),
                parsed(POSTGRESQL, "UPDATE t SET a = 1 WHERE id = 1 AND f(x IS NOT NULL)", update(SCOPED, "t")),
                unparsed(POSTGRESQL, "UPDATE t SET a = 1 WHERE CURRENT OF c"),
                unparsed(POSTGRESQL, "UPDATE ONLY t SET a = 1"),
                parsed(MYSQL, "UPDATE t1 JOIN t2 ON t1.id = t2.id SET t1.a = t2.b", update(MISSING, "t1")),
                parsed(MYSQL, "UPDATE t1, t2 SET t1.a = t2.b WHERE t1.id = t2.id", update(SCOPED, "t1")),
                parsed(MYSQL, "UPDATE t, u SET t.c = NULL WHERE u.id = 1", update(UNRESTRICTED, "t")),
                parsed(MYSQL, "UPDATE t JOIN u ON u.t_id = t.id SET t.c = NULL WHERE u.id = 1", update(SCOPED, "t")),
                parsed(MYSQL, "DELETE t FROM t JOIN u ON u.y = 1 WHERE u.x = 1", delete(UNRESTRICTED, "t")),
                parsed(MYSQL, "UPDATE t1 AS x JOIN t2 AS y ON x.id = y.id SET x.a = 1, y.b = 2",
                        update(MISSING, "t1", "t2")),
                parsed(MYSQL, "UPDATE t1 JOIN t2 ON t1.id = t2.id SET a = 1", update(MISSING, "t1", "t2")),
                parsed(MYSQL, "UPDATE LOW_PRIORITY IGNORE t SET a = 1 ORDER BY id LIMIT 3", update(MISSING, "t")),
                parsed(MYSQL, "UPDATE t SET a = IF(b > 1, 1, 2) WHERE id = 1", update(SCOPED, "t")),
                parsed(MYSQL, "UPDATE t SET a = 1 WHERE 1 <=> 1", update(UNRESTRICTED, "t")),

                // ---- data-modifying WITH items ----
                parsed(POSTGRESQL, "WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d", delete(MISSING, "t")),
                parsed(POSTGRESQL, "WITH d AS (DELETE FROM t WHERE id = 1 RETURNING *) SELECT * FROM d",
                        delete(SCOPED, "t")),
                parsed(POSTGRESQL, "WITH d AS (DELETE FROM t WHERE 1=1 RETURNING id) SELECT count(*) FROM d",
                        delete(UNRESTRICTED, "t")),
                parsed(POSTGRESQL, "WITH u AS (UPDATE t SET a = 1 RETURNING *) SELECT * FROM u", update(MISSING, "t")),
                parsed(POSTGRESQL, "WITH x AS (SELECT 1) DELETE FROM t", delete(MISSING, "t")),
                parsed(POSTGRESQL, "WITH x(a) AS (SELECT 1) UPDATE t SET a = 1 WHERE id IN (SELECT a FROM x)",
                        update(SCOPED, "t")),
                parsed(POSTGRESQL, "WITH d AS (DELETE FROM t RETURNING *) INSERT INTO arch SELECT * FROM d",
                        delete(MISSING, "t")),
                parsed(POSTGRESQL, "WITH d AS (DELETE FROM t RETURNING *) DELETE FROM u WHERE id = 1",
                        delete(MISSING, "t"), delete(SCOPED, "u")),
                parsed(POSTGRESQL, "WITH d AS (DELETE FROM t RETURNING *), "
                                + "u AS (UPDATE t2 SET a = 1 WHERE id = 2 RETURNING *) SELECT 1",
                        delete(MISSING, "t"), update(SCOPED, "t2")),
                parsed(POSTGRESQL, "WITH d AS MATERIALIZED (DELETE FROM t RETURNING *) SELECT 1", delete(MISSING, "t")),
                parsed(POSTGRESQL, "(WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d)", delete(MISSING, "t")),
                parsed(POSTGRESQL, "WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d UNION SELECT 1",
                        delete(MISSING, "t")),
                parsed(POSTGRESQL, "CREATE TABLE x AS WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d",
                        delete(MISSING, "t")),
                parsed(POSTGRESQL, "WITH i AS (INSERT INTO t VALUES (1) RETURNING *) SELECT * FROM i"),
                parsed(POSTGRESQL, "WITH RECURSIVE r AS (SELECT 1 UNION ALL SELECT 1 FROM r) SELECT * FROM r"),

                // ---- ALTER TABLE ----
                parsed(POSTGRESQL, "ALTER TABLE t DROP COLUMN c", alterDrop("COLUMN", "t", "c")),
                parsed(POSTGRESQL, "ALTER TABLE t DROP c", alterDrop("COLUMN", "t", "c")),
                parsed(POSTGRESQL, "ALTER TABLE t DROP COLUMN IF EXISTS c CASCADE", alterDrop("COLUMN", "t", "c")),
                parsed(POSTGRESQL, "ALTER TABLE t DROP CONSTRAINT k", alterDrop("CONSTRAINT", "t", "k")),
                parsed(POSTGRESQL, "ALTER TABLE t DROP CONSTRAINT IF EXISTS k CASCADE", alterDrop("CONSTRAINT", "t", "k")),
                parsed(POSTGRESQL, "ALTER TABLE \"S\".\"T\" DROP COLUMN \"Col\"", alterDrop("COLUMN", "S.T", "Col")),
                parsed(POSTGRESQL, "ALTER TABLE ONLY t DROP COLUMN c", alterDrop("COLUMN", "t", "c")),
                parsed(POSTGRESQL, "ALTER TABLE IF EXISTS t DROP COLUMN c", alterDrop("COLUMN", "t", "c")),
                parsed(POSTGRESQL, "ALTER TABLE t ADD COLUMN c int, DROP COLUMN d", alterDrop("COLUMN", "t", "d")),
                parsed(POSTGRESQL, "ALTER TABLE t DROP COLUMN c, DROP CONSTRAINT k",
                        alterDrop("COLUMN", "t", "c"), alterDrop("CONSTRAINT", "t", "k")),
                parsed(POSTGRESQL, "ALTER TABLE t ALTER COLUMN c DROP DEFAULT"),
                parsed(POSTGRESQL, "ALTER TABLE t ALTER COLUMN c DROP NOT NULL"),
                parsed(POSTGRESQL, "ALTER TABLE t ALTER COLUMN c DROP IDENTITY"),
                parsed(POSTGRESQL, "ALTER TABLE t ALTER COLUMN c SET DEFAULT 1"),
                parsed(POSTGRESQL, "ALTER TABLE t ADD COLUMN c int"),
                parsed(POSTGRESQL, "ALTER TABLE t RENAME COLUMN a TO b",
                        SqlAction.rename("COLUMN", List.of("t", "a", "b"))),
                unparsed(POSTGRESQL, "ALTER TABLE t DROP COLUMN a, b"),
                unparsed(POSTGRESQL, "ALTER TABLE t ALTER COLUMN c DROP IDENTITY IF EXISTS"),
                unparsed(POSTGRESQL, "ALTER TABLE t DETACH PARTITION p"),
                unparsed(POSTGRESQL, "ALTER INDEX i RENAME TO j"),
                parsed(MYSQL, "ALTER TABLE t DROP PRIMARY KEY", alterDrop("CONSTRAINT", "t", "PRIMARY KEY")),
                parsed(MYSQL, "ALTER TABLE t DROP INDEX i", alterDrop("INDEX", "t", "i")),
                parsed(MYSQL, "ALTER TABLE t DROP KEY k", alterDrop("INDEX", "t", "k")),
                parsed(MYSQL, "ALTER TABLE `db`.`t` DROP COLUMN `c`", alterDrop("COLUMN", "db.t", "c")),
                parsed(MYSQL, "ALTER TABLE t ALTER c DROP DEFAULT"),
                parsed(MYSQL, "ALTER TABLE t MODIFY c int", SqlAction.alterType("t", "c", "int", null)),
                parsed(MYSQL, "ALTER TABLE t DROP PARTITION p1", alterDrop("PARTITION", "t", "p1")),
                parsed(MYSQL, "ALTER TABLE t TRUNCATE PARTITION p", truncate("t")),
                parsed(UNKNOWN, "ALTER TABLE t DROP (a, b)",
                        alterDrop("COLUMN", "t", "a"), alterDrop("COLUMN", "t", "b")),
                unparsed(MYSQL, "ALTER TABLE t DROP FOREIGN KEY fk"),
                unparsed(MYSQL, "ALTER TABLE t DROP CHECK ck"),
                parsed(MYSQL, "ALTER TABLE t DISCARD TABLESPACE", truncate("t")),
                parsed(MYSQL, "ALTER TABLE t DISCARD PARTITION p0 TABLESPACE", truncate("t")),
                parsed(MYSQL, "ALTER TABLE t ENGINE = BLACKHOLE", truncate("t")),
                parsed(MYSQL, "ALTER TABLE t ENGINE = InnoDB"),
                unparsed(MYSQL, "ALTER TABLE t ADD COLUMN c int DEFAULT 0 --1, DROP COLUMN d"),

                // ---- EXPLAIN ----
                parsed(POSTGRESQL, "EXPLAIN SELECT 1"),
                parsed(POSTGRESQL, "EXPLAIN ANALYZE SELECT 1"),
                parsed(POSTGRESQL, "EXPLAIN WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d"),
                parsed(POSTGRESQL, "EXPLAIN ANALYZE WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d",
                        delete(MISSING, "t")),
                unparsed(POSTGRESQL, "EXPLAIN DELETE FROM t"),
                unparsed(POSTGRESQL, "EXPLAIN ANALYZE DELETE FROM t"),
                unparsed(POSTGRESQL, "EXPLAIN (ANALYZE) DELETE FROM t"),

                // ---- reads, and destructive words in literals and comments ----
                parsed(MYSQL, "SELECT TRUNCATE(1.234, 2)"),
                parsed(POSTGRESQL, "SELECT 'DROP TABLE x'"),
                parsed(POSTGRESQL, "SELECT 1 -- DROP TABLE t"),
                parsed(POSTGRESQL, "/* DELETE FROM t */ SELECT 1"),
                parsed(POSTGRESQL, "SELECT * FROM t WHERE note = 'DELETE FROM t'"),
                parsed(POSTGRESQL, "SELECT delete_user(1)"),
                parsed(POSTGRESQL, "SELECT * FROM updates WHERE id = 1 FOR UPDATE"),
                parsed(POSTGRESQL, "(SELECT 1)"),
                parsed(POSTGRESQL, "SELECT 1 UNION SELECT 2"),
                parsed(POSTGRESQL, "VALUES (1), (2)"),
                parsed(POSTGRESQL, "TABLE t"),
                parsed(POSTGRESQL, "SELECT * INTO new_t FROM t"),
                parsed(POSTGRESQL, "SELECT $$DROP TABLE t$$"),
                parsed(MYSQL, "SELECT IF(a = 1, 'x', 'y') FROM t"),
                unparsed(POSTGRESQL, "SELECT 1; DROP TABLE t"),
                unparsed(POSTGRESQL, "DELETE FROM t WHERE a = 1 garbage here"),
                unparsed(POSTGRESQL, "   "),

                // ---- statement types known to be harmless ----
                parsed(POSTGRESQL, "INSERT INTO t VALUES (1)"),
                parsed(POSTGRESQL, "INSERT INTO t SELECT * FROM u"),
                parsed(POSTGRESQL, "INSERT INTO t (a) SELECT a FROM u ON CONFLICT DO NOTHING"),
                parsed(MYSQL, "INSERT INTO t VALUES (1) ON DUPLICATE KEY UPDATE a = 2"),
                parsed(MYSQL, "REPLACE INTO t VALUES (1)"),
                parsed(POSTGRESQL, "MERGE INTO t USING s ON (t.id = s.id) WHEN MATCHED THEN DELETE", delete(SCOPED, "t")),
                parsed(POSTGRESQL, "MERGE INTO t USING (SELECT 1) s ON true WHEN MATCHED THEN DELETE",
                        delete(UNRESTRICTED, "t")),
                parsed(POSTGRESQL, "MERGE INTO t AS a USING src s ON a.id = s.id WHEN MATCHED AND s.x = 1 THEN DELETE "
                        + "WHEN MATCHED THEN UPDATE SET v = s.v WHEN NOT MATCHED THEN INSERT (id) VALUES (s.id)",
                        delete(SCOPED, "t"), update(SCOPED, "t")),
                parsed(POSTGRESQL, "MERGE INTO t USING s ON true WHEN MATCHED AND t.gone THEN DELETE", delete(SCOPED, "t")),
                parsed(POSTGRESQL, "MERGE INTO t USING s ON s.id = 1 WHEN MATCHED THEN UPDATE SET a = 1",
                        update(UNRESTRICTED, "t")),
                parsed(POSTGRESQL, "MERGE INTO t USING s ON t.id = s.id WHEN NOT MATCHED THEN INSERT (id) VALUES (s.id)"),
                unparsed(POSTGRESQL, "MERGE INTO t USING s ON t.id = s.id WHEN NOT MATCHED BY SOURCE THEN DELETE"),
                unparsed(POSTGRESQL, "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DO NOTHING"),
                parsed(POSTGRESQL, "CREATE TABLE t (id int)"),
                parsed(POSTGRESQL, "CREATE TEMPORARY TABLE t (a int)"),
                parsed(POSTGRESQL, "CREATE INDEX i ON t (a)"),
                parsed(POSTGRESQL, "CREATE VIEW v AS SELECT 1"),
                parsed(POSTGRESQL, "CREATE SCHEMA s"),
                parsed(POSTGRESQL, "CREATE SEQUENCE s"),
                parsed(POSTGRESQL, "CREATE OR REPLACE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql"),
                parsed(POSTGRESQL, "ALTER VIEW v AS SELECT 1"),
                parsed(POSTGRESQL, "ALTER SEQUENCE s RESTART"),
                parsed(POSTGRESQL, "GRANT SELECT ON t TO u"),
                parsed(POSTGRESQL, "SET search_path = x"),
                parsed(POSTGRESQL, "SHOW search_path"),
                parsed(MYSQL, "SHOW TABLES"),
                parsed(POSTGRESQL, "COMMIT"),
                parsed(POSTGRESQL, "ROLLBACK"),
                parsed(POSTGRESQL, "SAVEPOINT s"),
                parsed(POSTGRESQL, "ROLLBACK TO SAVEPOINT s"),
                parsed(POSTGRESQL, "COMMENT ON TABLE t IS 'DROP me'"),
                parsed(MYSQL, "USE db"),
                parsed(MYSQL, "DESCRIBE t"),
                parsed(MYSQL, "RENAME TABLE a TO b", SqlAction.rename("TABLE", List.of("a", "b"))),
                parsed(POSTGRESQL, "ANALYZE t"),
                parsed(POSTGRESQL, "REFRESH MATERIALIZED VIEW mv"),

                // ---- statement types JSqlParser does not read, or this class does not classify ----
                unparsed(POSTGRESQL, "DO $$ BEGIN DROP TABLE t; END $$"),
                unparsed(POSTGRESQL, "PREPARE p AS DELETE FROM t"),
                unparsed(POSTGRESQL, "EXECUTE p"),
                unparsed(POSTGRESQL, "CALL p()"),
                unparsed(POSTGRESQL, "COPY t FROM stdin"),
                unparsed(POSTGRESQL, "VACUUM t"),
                unparsed(POSTGRESQL, "LOCK TABLE t"),
                unparsed(POSTGRESQL, "BEGIN"),
                unparsed(MYSQL, "START TRANSACTION"),
                unparsed(UNKNOWN, "PURGE TABLE t"),
                unparsed(POSTGRESQL, "FOO BAR"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "UPDATE t SET a = IF(b > 1, 1, 2) WHERE id = 1",
            "UPDATE t SET a = 1 WHERE id = 1 AND f(x IS NOT NULL)",
            "SELECT IF(a = 1, 'x', 'y') FROM t",
            "SELECT coalesce(a = 1, false) FROM t",
            "SELECT sum(a > 1) FROM t"})
    void functionArgumentsWithConditionsNeedTheComplexRetry(String sql) {
        assertThat(JSqlParserClassifier.parseOnce(sql, false, false)).isEmpty();
        assertThat(JSqlParserClassifier.parse(sql, false)).isPresent();
    }

    @Test
    void complexRetryIsSkippedForLongOrDeepStatements() {
        String deep = "UPDATE t SET a = f(((((b > 1))))) WHERE id = 1";
        String longStatement = "UPDATE t SET a = IF(b > 1, 1, 2) WHERE id IN (" + "1, ".repeat(400) + "1)";

        assertThat(JSqlParserClassifier.worthComplexRetry(deep)).isFalse();
        assertThat(JSqlParserClassifier.worthComplexRetry(longStatement)).isFalse();
        assertThat(JSqlParserClassifier.classify(deep)).isEmpty();
        assertThat(JSqlParserClassifier.classify(longStatement)).isEmpty();
    }

    /** Prints how many statements of the table parse only thanks to the complex-parsing retry. */
    @Test
    void measuresWhatTheComplexRetryBuys() {
        List<String> table = statements().map(arguments -> (String) arguments.get()[1]).toList();
        long simple = table.stream().filter(sql -> JSqlParserClassifier.parseOnce(sql, false, false).isPresent())
                .count();
        List<String> onlyWithRetry = table.stream()
                .filter(sql -> JSqlParserClassifier.parseOnce(sql, false, false).isEmpty())
                .filter(sql -> JSqlParserClassifier.parse(sql, false).isPresent())
                .toList();
        System.out.printf("complex-parsing retry: %d of %d table statements parse simply, %d more with the retry: %s%n",
                simple, table.size(), onlyWithRetry.size(), onlyWithRetry);

        assertThat(onlyWithRetry).containsExactlyInAnyOrder(
                "UPDATE t SET a = 1 WHERE id = 1 AND f(x IS NOT NULL)",
                "UPDATE t SET a = IF(b > 1, 1, 2) WHERE id = 1",
                "SELECT IF(a = 1, 'x', 'y') FROM t");
    }

    @Test
    void threeThousandNestedParenthesesGiveNoAnswerAndNoStackOverflow() {
        String sql = "SELECT " + "(".repeat(3_000) + "1" + ")".repeat(3_000);

        assertTimeoutPreemptively(SAFETY_BOUND, () -> {
            assertThat(JSqlParserClassifier.classify(sql)).isEmpty();
            // The parser itself overflows its stack on this input; that too must come back as "not parsed".
            assertThat(JSqlParserClassifier.parseOnce(sql, false, false)).isEmpty();
            assertThat(JSqlParserClassifier.parseOnce("DELETE FROM t WHERE a = " + "f(".repeat(3_000) + "1"
                    + ")".repeat(3_000), false, false)).isEmpty();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("costlyToParse")
    void statementsCostlyToParseFinishWithinTheSafetyBound(String shape, String sql) {
        Optional<List<SqlAction>> result = assertTimeoutPreemptively(SAFETY_BOUND,
                () -> JSqlParserClassifier.classify(sql));

        assertThat(result).as("too deep to parse in bounded time: left to the scanner").isEmpty();
    }

    static Stream<Arguments> costlyToParse() {
        return Stream.of(
                // Unbounded, each takes from a second to minutes in JSqlParser 5.3, even with complex parsing off.
                Arguments.of("20 nested IN subqueries", "DELETE FROM t WHERE a IN "
                        + "(SELECT b FROM u WHERE c IN ".repeat(20) + "(1)" + ")".repeat(20)),
                Arguments.of("20 nested scalar subqueries", "SELECT " + "(SELECT ".repeat(20) + "1"
                        + ")".repeat(20)),
                Arguments.of("400 nested parentheses in a select list", "SELECT " + "(".repeat(400) + "1"
                        + ")".repeat(400)),
                Arguments.of("400 nested EXISTS", "DELETE FROM t WHERE "
                        + "EXISTS (SELECT 1 FROM u WHERE ".repeat(400) + "a = 1" + ")".repeat(400)),
                Arguments.of("30 wide chains of 8 nested subqueries", "SELECT 1 FROM t WHERE "
                        + String.join(" AND ", Collections.nCopies(30,
                        "x IN " + "(SELECT b FROM u WHERE c IN ".repeat(8) + "(1)" + ")".repeat(8)))),
                Arguments.of("RETURNING inside function calls", "UPDATE t SET doc = "
                        + "JSON_ARRAY(JSON_ARRAY('[1]' RETURNING text)) WHERE id = 1"),
                Arguments.of("400 IN predicates", "DELETE FROM t WHERE "
                        + String.join(" AND ", Collections.nCopies(400, "a IN (1, 2)"))),
                Arguments.of("nesting beyond the hard limit", "DELETE FROM t WHERE a = "
                        + "(".repeat(100_000)));
    }

    @Test
    void moderatelyNestedStatementsAreStillParsed() {
        // One subquery holding an IN list: JSqlParser 5.3's time doubles with each level of nesting, and a second
        // level takes it to about a millisecond on a busy 2-core machine, beyond the parse budget.
        String sql = "DELETE FROM t WHERE a IN (SELECT b FROM u WHERE c IN (1, 2, 3))";

        assertThat(JSqlParserClassifier.classify(sql)).contains(List.of(SqlAction.delete(List.of("t"), SCOPED)));
    }

    @Test
    void unquoteRemovesOneLevelOfEachQuoteStyle() {
        assertThat(JSqlParserClassifier.unquote("\"a\"\"b\"")).isEqualTo("a\"b");
        assertThat(JSqlParserClassifier.unquote("`a``b`")).isEqualTo("a`b");
        assertThat(JSqlParserClassifier.unquote("[a b]")).isEqualTo("a b");
        assertThat(JSqlParserClassifier.unquote("plain")).isEqualTo("plain");
        assertThat(JSqlParserClassifier.unquote("\"")).isEqualTo("\"");
    }

    // ---- table helpers ----

    /** A row JSqlParser reads, checked with its dialect's reading ({@code UNKNOWN}: another server's syntax). */
    private static Arguments parsed(Dialect dialect, String sql, SqlAction... actions) {
        return Arguments.of(dialect, sql, Optional.of(List.of(actions)));
    }

    private static Arguments unparsed(Dialect dialect, String sql) {
        return Arguments.of(dialect, sql, Optional.empty());
    }

    private static SqlAction drop(String objectType, String... names) {
        return SqlAction.drop(objectType, List.of(names));
    }

    private static SqlAction truncate(String... tables) {
        return SqlAction.truncate(List.of(tables));
    }

    private static SqlAction delete(WhereScope scope, String... tables) {
        return SqlAction.delete(List.of(tables), scope);
    }

    private static SqlAction update(WhereScope scope, String... tables) {
        return SqlAction.update(List.of(tables), scope);
    }

    private static SqlAction alterDrop(String objectType, String table, String dropped) {
        return SqlAction.alterDrop(objectType, table, dropped);
    }
}
