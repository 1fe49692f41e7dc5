package dev.dbguard.core.internal;

import dev.dbguard.core.sql.SqlAction;
import dev.dbguard.core.sql.WhereScope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The structural scanner on its own, independent of JSqlParser: it must be as good as the parser on everything
 * the parser cannot read. Expected actions read {@code KIND OBJECT_TYPE [objects] [SCOPE]}, joined by {@code ; }.
 */
class StatementScannerTest {

    private static Arguments row(String sql, String command, boolean writes, String actions) {
        return arguments(sql, command, writes, actions);
    }

    static Stream<Arguments> drops() {
        return Stream.of(
                row("DROP TABLE users", "DROP", true, "DROP TABLE [users]"),
                row("drop table if exists public.orders cascade", "DROP", true, "DROP TABLE [public.orders]"),
                row("DROP TABLE a, b, \"C d\" RESTRICT", "DROP", true, "DROP TABLE [a, b, C d]"),
                row("DROP TABLE `shop`.`orders`, `logs`", "DROP", true, "DROP TABLE [shop.orders, logs]"),
                row("DROP SCHEMA IF EXISTS audit, staging CASCADE", "DROP", true, "DROP SCHEMA [audit, staging]"),
                row("DROP DATABASE prod", "DROP", true, "DROP DATABASE [prod]"),
                row("DROP DATABASE IF EXISTS prod WITH (FORCE)", "DROP", true, "DROP DATABASE [prod]"),
                row("DROP VIEW v1, v2", "DROP", true, "DROP VIEW [v1, v2]"),
                row("DROP MATERIALIZED VIEW IF EXISTS mv", "DROP", true, "DROP MATERIALIZED VIEW [mv]"),
                row("DROP INDEX CONCURRENTLY IF EXISTS idx_a", "DROP", true, "DROP INDEX [idx_a]"),
                row("DROP INDEX idx_a ON users", "DROP", true, "DROP INDEX [idx_a]"),
                row("DROP SEQUENCE s1, s2", "DROP", true, "DROP SEQUENCE [s1, s2]"),
                row("DROP FUNCTION IF EXISTS f(integer, text), g()", "DROP", true, "DROP FUNCTION [f, g]"),
                row("DROP PROCEDURE p(int)", "DROP", true, "DROP PROCEDURE [p]"),
                row("DROP ROUTINE r", "DROP", true, "DROP ROUTINE [r]"),
                row("DROP AGGREGATE myavg(*)", "DROP", true, "DROP AGGREGATE [myavg]"),
                row("DROP TYPE mood", "DROP", true, "DROP TYPE [mood]"),
                row("DROP DOMAIN d CASCADE", "DROP", true, "DROP DOMAIN [d]"),
                row("DROP TRIGGER trg ON users", "DROP", true, "DROP TRIGGER [trg]"),
                row("DROP RULE r ON t", "DROP", true, "DROP RULE [r]"),
                row("DROP POLICY IF EXISTS p ON t", "DROP", true, "DROP POLICY [p]"),
                row("DROP EXTENSION IF EXISTS hstore", "DROP", true, "DROP EXTENSION [hstore]"),
                row("DROP ROLE a, b", "DROP", true, "DROP ROLE [a, b]"),
                row("DROP USER bob", "DROP", true, "DROP USER [bob]"),
                row("DROP OWNED BY bob, alice CASCADE", "DROP", true, "DROP OWNED [bob, alice]"),
                row("DROP TABLESPACE ts", "DROP", true, "DROP TABLESPACE [ts]"),
                row("DROP FOREIGN TABLE ft", "DROP", true, "DROP FOREIGN TABLE [ft]"),
                row("DROP SERVER IF EXISTS s CASCADE", "DROP", true, "DROP SERVER [s]"),
                row("DROP FOREIGN DATA WRAPPER w", "DROP", true, "DROP FOREIGN DATA WRAPPER [w]"),
                row("DROP TEXT SEARCH CONFIGURATION cfg", "DROP", true, "DROP TEXT SEARCH CONFIGURATION [cfg]"),
                row("DROP EVENT TRIGGER et", "DROP", true, "DROP EVENT TRIGGER [et]"),
                row("DROP EVENT nightly", "DROP", true, "DROP EVENT [nightly]"),
                row("DROP OPERATOR === (int, int)", "DROP", true, "DROP OPERATOR [===]"),
                row("DROP OPERATOR CLASS oc USING btree", "DROP", true, "DROP OPERATOR CLASS [oc]"),
                row("DROP CAST (text AS int)", "DROP", true, "DROP CAST [text AS int]"),
                row("DROP PUBLICATION pub", "DROP", true, "DROP PUBLICATION [pub]"),
                row("DROP STATISTICS st", "DROP", true, "DROP STATISTICS [st]"),
                row("DROP COLLATION c", "DROP", true, "DROP COLLATION [c]"),
                row("DROP USER MAPPING FOR bob SERVER s", "DROP", true, "DROP USER MAPPING [bob]"),
                // PostgreSQL reads /*! as a comment (MySQL readings: LexerDialectTest, verdicts/dialects.txt)
                row("/*!50000 SELECT 1 */ DROP TABLE t", "DROP", true, "DROP TABLE [t]"),
                row("-- cleanup\n/* old */ DROP TABLE t", "DROP", true, "DROP TABLE [t]"),
                row("DROP TEMPORARY TABLE tmp", "DROP", true, ""),
                row("DROP TEMPORARY TABLE IF EXISTS tmp", "DROP", true, ""),
                row("DROP PREPARE stmt", "DROP", true, ""),
                row("CREATE OR REPLACE TABLE t (id int)", "CREATE", true, "DROP TABLE [t]"),
                row("CREATE OR REPLACE TABLE IF NOT EXISTS t (id int)", "CREATE", true, ""),
                row("CREATE OR REPLACE VIEW v AS SELECT 1", "CREATE", true, ""));
    }

    static Stream<Arguments> truncates() {
        return Stream.of(
                row("TRUNCATE users", "TRUNCATE", true, "TRUNCATE TABLE [users]"),
                row("TRUNCATE TABLE users", "TRUNCATE", true, "TRUNCATE TABLE [users]"),
                row("TRUNCATE ONLY a, b RESTART IDENTITY CASCADE", "TRUNCATE", true, "TRUNCATE TABLE [a, b]"),
                row("TRUNCATE a *, ONLY b CONTINUE IDENTITY RESTRICT", "TRUNCATE", true, "TRUNCATE TABLE [a, b]"),
                row("truncate table `logs`", "TRUNCATE", true, "TRUNCATE TABLE [logs]"),
                row("TRUNCATE \"Weird Name\"", "TRUNCATE", true, "TRUNCATE TABLE [Weird Name]"),
                row("SELECT TRUNCATE(price, 2) FROM items", "SELECT", false, ""),
                row("SELECT truncate(1.5, 1)", "SELECT", false, ""));
    }

    static Stream<Arguments> deletes() {
        return Stream.of(
                row("DELETE FROM users", "DELETE", true, "DELETE TABLE [users] MISSING"),
                row("DELETE FROM users WHERE id = 42", "DELETE", true, "DELETE TABLE [users] SCOPED"),
                row("DELETE FROM users WHERE id = ?", "DELETE", true, "DELETE TABLE [users] SCOPED"),
                row("DELETE FROM users WHERE id = $1", "DELETE", true, "DELETE TABLE [users] SCOPED"),
                row("DELETE FROM users WHERE id = :id", "DELETE", true, "DELETE TABLE [users] SCOPED"),
                row("DELETE FROM ONLY users", "DELETE", true, "DELETE TABLE [users] MISSING"),
                row("DELETE FROM ONLY public.users * AS u WHERE u.id = 1", "DELETE", true,
                        "DELETE TABLE [public.users] SCOPED"),
                row("DELETE FROM users u USING orders o WHERE u.id = o.user_id", "DELETE", true,
                        "DELETE TABLE [users] SCOPED"),
                row("DELETE FROM users USING orders", "DELETE", true, "DELETE TABLE [users] MISSING"),
                row("DELETE FROM users WHERE CURRENT OF c", "DELETE", true, "DELETE TABLE [users] SCOPED"),
                row("DELETE FROM users RETURNING *", "DELETE", true, "DELETE TABLE [users] MISSING"),
                row("DELETE FROM users WHERE id IN (SELECT user_id FROM bans) RETURNING id", "DELETE", true,
                        "DELETE TABLE [users] SCOPED"),
                row("DELETE FROM users WHERE EXISTS (SELECT 1 FROM bans WHERE bans.id = users.id)", "DELETE", true,
                        "DELETE TABLE [users] SCOPED"),
                // no column of t: the subquery decides for every row at once
                row("DELETE FROM t WHERE (SELECT count(*) FROM x) > 0", "DELETE", true,
                        "DELETE TABLE [t] UNRESTRICTED"),
                row("DELETE FROM t WHERE x IN (SELECT y FROM z WHERE 1 = 1)", "DELETE", true,
                        "DELETE TABLE [t] SCOPED"),
                row("DELETE LOW_PRIORITY QUICK IGNORE FROM t WHERE a = 1 ORDER BY id LIMIT 10", "DELETE", true,
                        "DELETE TABLE [t] SCOPED"),
                row("DELETE FROM t ORDER BY id LIMIT 10", "DELETE", true, "DELETE TABLE [t] MISSING"),
                row("DELETE t1 FROM t1 JOIN t2 ON t1.id = t2.id", "DELETE", true, "DELETE TABLE [t1] MISSING"),
                row("DELETE t1, t2 FROM t1 INNER JOIN t2 WHERE t1.id = t2.id", "DELETE", true,
                        "DELETE TABLE [t1, t2] SCOPED"),
                row("DELETE t1.* FROM t1 JOIN t2 ON t1.id = t2.id WHERE t2.x = 1", "DELETE", true,
                        "DELETE TABLE [t1] SCOPED"),
                row("DELETE FROM t1, t2 USING t1 JOIN t2 ON t1.id = t2.id WHERE t1.x = 0", "DELETE", true,
                        "DELETE TABLE [t1, t2] SCOPED"),
                row("DELETE FROM `shop`.`orders` WHERE 1", "DELETE", true, "DELETE TABLE [shop.orders] UNRESTRICTED"),
                row("DELETE FROM t PARTITION (p1) WHERE a = 1", "DELETE", true, "DELETE TABLE [t] SCOPED"),
                row("delete from t where 'x' = 'x'", "DELETE", true, "DELETE TABLE [t] UNRESTRICTED"),
                row("DELETE FROM t WHERE name = 'a' -- AND id = 5", "DELETE", true, "DELETE TABLE [t] SCOPED"),
                row("DELETE FROM t /* WHERE id = 5 */", "DELETE", true, "DELETE TABLE [t] MISSING"),
                row("DELETE FROM t WHERE note = 'x'' OR 1=1 --'", "DELETE", true, "DELETE TABLE [t] SCOPED"),
                row("DELETE FROM t WHERE note = E'x\\' OR 1=1 --'", "DELETE", true, "DELETE TABLE [t] SCOPED"),
                row("DELETE FROM t WHERE note = 'x\\' OR 1=1 --'", "DELETE", true, "DELETE TABLE [t] UNRESTRICTED"),
                row("DELETE FROM t WHERE 1=1 /* /* */ AND id = 5 /* */ -- */", "DELETE", true,
                        "DELETE TABLE [t] UNRESTRICTED"));
    }

    /**
     * Conditions that reference no column of the target in some branch of an OR (see {@link RowScope}). Under
     * PostgreSQL's reading {@code ||} concatenates ({@code id = 5 || 1 = 1} is scoped there, see RowScopeTest for
     * MySQL's); conditions that are constant but false ({@code 1 = 0}) are unscoped too: scope is about the target's
     * rows, not about what a constant evaluates to.
     */
    static Stream<Arguments> unrestrictedConditions() {
        return Stream.of(
                "1=1", "1 = 1 AND true", "2 > 1", "1 <> 2", "1 != 2", "1 IS NOT NULL", "NULL IS NULL", "true",
                "TRUE::boolean", "'t'::boolean", "'yes'", "NOT false", "NOT (1 = 0)", "((1 = 1))",
                "id = 5 OR 1 = 1", "1 = 1 OR id = 5", "(id = 5 OR 'a' = 'a') AND 2 >= 2", "1 + 1 = 2",
                "-1 < 0", "2 * 3 = 6", "1 BETWEEN 0 AND 2", "1 IN (1, 2, 3)", "1 NOT IN (2, 3)", "'abc' LIKE '%'",
                "'abc' ILIKE 'ABC'", "EXISTS (SELECT 1)", "1 <=> 1", "NULL <=> NULL", "1 = 1 && 2 = 2", "!0",
                "CAST(1 AS boolean)",
                "'1' = 1", "true IS TRUE", "false IS NOT TRUE", "1 = 1 XOR 1 = 0", "NOT NOT true", "5 = 5 -- x",
                "'a' || 'b' = 'ab'", "1 = 1 OR id = any(?)", "x = f(y) OR 1 = 1", "1 = 1 OR (SELECT 2) = 3",
                "CASE WHEN a THEN b END = 1 OR 1 = 1", "id = 5 OR 0 < 1", "1 = 1::int", "0x10 = 16",
                "DATE '2024-01-01' = DATE '2024-01-01'", "1 = 1 OR name ~ 'x'",
                "1 = 0", "false OR id = 5", "NULL = NULL", "id = ? OR 1 = 0", "'a' = 'b'", "1 IN (2, 3)",
                "now() > '2020-01-01'", "'a' = 'A'", "a.id = b.id", "1 / 0 = 1", "1 = 1 AND", "1 BETWEEN 2 AND 3",
                "'a' > 'b'", "EXISTS (SELECT 1 FROM u)", "1 = ANY(?)", "random() < 2", "coalesce(true)",
                "(SELECT true)", "1 = ANY(ARRAY[1])", "CASE WHEN true THEN true END", "now() IS NOT NULL",
                "? = ?", "(? IS NULL OR id = ?)", "(id = 1 OR true) IS TRUE", "NOT (id <> 1 AND false)",
                "EXISTS (SELECT 1 FROM t WHERE t.x = 1)", "EXISTS (SELECT 1 FROM u WHERE u.t_id = id)",
                "current_date > '2020-01-01'", "interval '1 day' > interval '1 hour'")
                .map(condition -> row("DELETE FROM t WHERE " + condition, "DELETE", true,
                        "DELETE TABLE [t] UNRESTRICTED"));
    }

    static Stream<Arguments> scopedConditions() {
        return Stream.of(
                "1 = 1 AND id = 5", "id = 5 AND (1 = 1 OR x = 2)", "id > 0", "deleted_at IS NOT NULL",
                "name LIKE 'a%'", "x = 1 OR y = 2", "id = (SELECT 1)", "NOT (id = id)", "id <> id", "id = id",
                "t.id = t.id", "\"Id\" = \"Id\"", "id IS NOT DISTINCT FROM id", "active", "NOT active",
                "tags || 'x' = 'ax'", "a || b", "id = 1 OR id = 2", "coalesce(a, 1) = 1", "x IS JSON",
                "id = 5 || 1 = 1", "id = 5 || true", "tags || 'x' IS NOT NULL", "t.* IS NOT NULL",
                "EXISTS (SELECT 1 FROM u WHERE u.t_id = t.id)", "id = ? AND (? IS NULL OR status = ?)",
                "created < now() - interval '30 days'", "extract(year from created) = 2024", "lower(name) = ?",
                "CASE WHEN kind = 'a' THEN true ELSE false END")
                .map(condition -> row("DELETE FROM t WHERE " + condition, "DELETE", true,
                        "DELETE TABLE [t] SCOPED"));
    }

    static Stream<Arguments> updates() {
        return Stream.of(
                row("UPDATE users SET active = false", "UPDATE", true, "UPDATE TABLE [users] MISSING"),
                row("UPDATE users SET active = false WHERE id = 1", "UPDATE", true, "UPDATE TABLE [users] SCOPED"),
                row("UPDATE ONLY users SET a = 1 WHERE 1=1", "UPDATE", true, "UPDATE TABLE [users] UNRESTRICTED"),
                row("UPDATE users * AS u SET a = 1 WHERE u.id = 1", "UPDATE", true, "UPDATE TABLE [users] SCOPED"),
                row("UPDATE users u SET a = 1 FROM orders o WHERE u.id = o.uid", "UPDATE", true,
                        "UPDATE TABLE [users] SCOPED"),
                row("UPDATE users SET a = (SELECT max(x) FROM t WHERE t.y = 1)", "UPDATE", true,
                        "UPDATE TABLE [users] MISSING"),
                row("UPDATE users SET a = 1 WHERE id = 1 OR true RETURNING *", "UPDATE", true,
                        "UPDATE TABLE [users] UNRESTRICTED"),
                row("UPDATE users SET (a, b) = (1, 2) WHERE id = 3", "UPDATE", true, "UPDATE TABLE [users] SCOPED"),
                row("UPDATE LOW_PRIORITY IGNORE t SET a = 1 ORDER BY id LIMIT 5", "UPDATE", true,
                        "UPDATE TABLE [t] MISSING"),
                // a multi-table UPDATE changes the tables its SET clause assigns (as JSqlParserClassifier reports)
                row("UPDATE t1, t2 SET t1.a = t2.a WHERE t1.id = t2.id", "UPDATE", true,
                        "UPDATE TABLE [t1] SCOPED"),
                row("UPDATE t1 JOIN t2 ON t1.id = t2.id SET t1.a = 1", "UPDATE", true,
                        "UPDATE TABLE [t1] MISSING"),
                row("UPDATE t1 JOIN t2 ON t1.id = t2.id SET a = 1 WHERE t1.x = 1", "UPDATE", true,
                        "UPDATE TABLE [t1, t2] SCOPED"),
                row("UPDATE t1 AS x JOIN t2 AS y ON x.id = y.id SET x.a = 1, y.b = 2 WHERE y.c = 3", "UPDATE", true,
                        "UPDATE TABLE [t1, t2] SCOPED"),
                // t2 is tied to t1 by the join, so a condition on t2 restricts t1's rows
                row("UPDATE t1 LEFT JOIN t2 ON t1.id = t2.id SET t1.a = 1 WHERE t2.id IS NULL", "UPDATE", true,
                        "UPDATE TABLE [t1] SCOPED"),
                row("UPDATE t1, t2 SET t1.a = 1 WHERE t2.id = 1", "UPDATE", true, "UPDATE TABLE [t1] UNRESTRICTED"),
                row("UPDATE t SET c = NULL FROM u WHERE u.id = 1", "UPDATE", true, "UPDATE TABLE [t] UNRESTRICTED"),
                row("UPDATE t SET c = 1 FROM u WHERE t.id = u.tid", "UPDATE", true, "UPDATE TABLE [t] SCOPED"),
                row("UPDATE t SET c = 1 FROM u WHERE id = 1", "UPDATE", true, "UPDATE TABLE [t] UNRESTRICTED"),
                row("UPDATE t SET flag = a IS DISTINCT FROM b WHERE id = 1", "UPDATE", true,
                        "UPDATE TABLE [t] SCOPED"),
                row("UPDATE t SET a = 1 WHERE CURRENT OF cur", "UPDATE", true, "UPDATE TABLE [t] SCOPED"),
                row("UPDATE `t` SET `a` = 'x' WHERE `id` = 3", "UPDATE", true, "UPDATE TABLE [t] SCOPED"),
                row("UPDATE t SET updated_at = now() WHERE updated_at < now() - interval '1 day'", "UPDATE", true,
                        "UPDATE TABLE [t] SCOPED"),
                row("update t set flag = 1 where flag = flag", "UPDATE", true, "UPDATE TABLE [t] SCOPED"));
    }

    static Stream<Arguments> alters() {
        return Stream.of(
                row("ALTER TABLE users DROP COLUMN email", "ALTER", true, "ALTER_DROP COLUMN [users, email]"),
                row("ALTER TABLE users DROP email", "ALTER", true, "ALTER_DROP COLUMN [users, email]"),
                row("ALTER TABLE IF EXISTS ONLY users DROP COLUMN IF EXISTS email CASCADE", "ALTER", true,
                        "ALTER_DROP COLUMN [users, email]"),
                row("ALTER TABLE users DROP CONSTRAINT users_pkey", "ALTER", true,
                        "ALTER_DROP CONSTRAINT [users, users_pkey]"),
                row("ALTER TABLE users DROP CONSTRAINT IF EXISTS fk", "ALTER", true,
                        "ALTER_DROP CONSTRAINT [users, fk]"),
                row("ALTER TABLE t DROP COLUMN a, DROP COLUMN b", "ALTER", true,
                        "ALTER_DROP COLUMN [t, a]; ALTER_DROP COLUMN [t, b]"),
                row("ALTER TABLE t ADD COLUMN c numeric(10, 2), DROP COLUMN d", "ALTER", true,
                        "ALTER_DROP COLUMN [t, d]"),
                row("ALTER TABLE t ALTER COLUMN c DROP DEFAULT", "ALTER", true, ""),
                row("ALTER TABLE t ALTER COLUMN c DROP NOT NULL", "ALTER", true, ""),
                row("ALTER TABLE t ALTER c DROP IDENTITY IF EXISTS", "ALTER", true, ""),
                row("ALTER TABLE t ALTER COLUMN c DROP EXPRESSION", "ALTER", true, ""),
                row("ALTER TABLE t DROP PRIMARY KEY", "ALTER", true, "ALTER_DROP CONSTRAINT [t, PRIMARY KEY]"),
                row("ALTER TABLE t DROP FOREIGN KEY fk_x", "ALTER", true, "ALTER_DROP CONSTRAINT [t, fk_x]"),
                row("ALTER TABLE t DROP CHECK chk", "ALTER", true, "ALTER_DROP CONSTRAINT [t, chk]"),
                row("ALTER TABLE t DROP INDEX idx", "ALTER", true, "ALTER_DROP INDEX [t, idx]"),
                row("ALTER TABLE t DROP PARTITION p0, p1", "ALTER", true,
                        "ALTER_DROP PARTITION [t, p0]; ALTER_DROP PARTITION [t, p1]"),
                row("ALTER TABLE t TRUNCATE PARTITION p0", "ALTER", true, "TRUNCATE TABLE [t]"),
                row("ALTER TABLE t DETACH PARTITION p", "ALTER", true, ""),
                row("ALTER TABLE t RENAME COLUMN a TO b", "ALTER", true, "RENAME COLUMN [t, a, b]"),
                row("ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES u (id) ON DELETE CASCADE", "ALTER",
                        true, ""),
                row("ALTER FOREIGN TABLE ft DROP COLUMN c", "ALTER", true, "ALTER_DROP COLUMN [ft, c]"),
                row("ALTER INDEX i RENAME TO j", "ALTER", true, ""),
                row("ALTER DOMAIN d DROP CONSTRAINT c", "ALTER", true, ""),
                row("ALTER TABLE \"Users\" DROP COLUMN \"Email\"", "ALTER", true,
                        "ALTER_DROP COLUMN [Users, Email]"),
                row("ALTER ONLINE TABLE `t` DROP `c`", "ALTER", true, "ALTER_DROP COLUMN [t, c]"));
    }

    static Stream<Arguments> wrappers() {
        return Stream.of(
                row("WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d", "SELECT", true,
                        "DELETE TABLE [t] MISSING"),
                row("WITH RECURSIVE r (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT * FROM r", "SELECT",
                        false, ""),
                row("WITH a AS MATERIALIZED (SELECT 1), b AS NOT MATERIALIZED (UPDATE t SET x = 1 WHERE id = 2 "
                        + "RETURNING *) SELECT * FROM a, b", "SELECT", true, "UPDATE TABLE [t] SCOPED"),
                row("WITH x AS (SELECT id FROM t) DELETE FROM t WHERE id IN (SELECT id FROM x)", "DELETE", true,
                        "DELETE TABLE [t] SCOPED"),
                row("WITH x AS (SELECT 1) UPDATE t SET a = 1", "UPDATE", true, "UPDATE TABLE [t] MISSING"),
                row("WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x", "INSERT", true, ""),
                row("WITH RECURSIVE s AS (SELECT 1) SEARCH DEPTH FIRST BY a, b SET o, d AS (DELETE FROM t) "
                        + "SELECT 1", "SELECT", true, "DELETE TABLE [t] MISSING"),
                row("WITH w AS (WITH inner_d AS (DELETE FROM t WHERE true RETURNING 1) SELECT 1) SELECT 1",
                        "SELECT", true, "DELETE TABLE [t] UNRESTRICTED"),
                row("EXPLAIN SELECT * FROM t", "EXPLAIN", false, ""),
                row("EXPLAIN DELETE FROM t", "EXPLAIN", false, ""),
                row("EXPLAIN ANALYZE DELETE FROM t", "EXPLAIN", true, "DELETE TABLE [t] MISSING"),
                row("EXPLAIN ANALYSE VERBOSE UPDATE t SET a = 1 WHERE 1=1", "EXPLAIN", true,
                        "UPDATE TABLE [t] UNRESTRICTED"),
                row("EXPLAIN (ANALYZE, BUFFERS) DELETE FROM t", "EXPLAIN", true, "DELETE TABLE [t] MISSING"),
                row("EXPLAIN (ANALYZE true, FORMAT JSON) DELETE FROM t WHERE id = 1", "EXPLAIN", true,
                        "DELETE TABLE [t] SCOPED"),
                row("EXPLAIN (ANALYZE off) DELETE FROM t", "EXPLAIN", false, ""),
                row("EXPLAIN (FORMAT JSON) DELETE FROM t", "EXPLAIN", false, ""),
                row("EXPLAIN ANALYZE SELECT * FROM t", "EXPLAIN", false, ""),
                row("EXPLAIN FORMAT=JSON DELETE FROM t", "EXPLAIN", false, ""),
                row("EXPLAIN ANALYZE WITH d AS (DELETE FROM t) SELECT 1", "EXPLAIN", true,
                        "DELETE TABLE [t] MISSING"),
                row("PREPARE del (int) AS DELETE FROM t WHERE id = $1", "PREPARE", true, "DELETE TABLE [t] SCOPED"),
                row("PREPARE wipe AS DELETE FROM t", "PREPARE", true, "DELETE TABLE [t] MISSING"),
                row("PREPARE q AS SELECT 1", "PREPARE", false, ""),
                row("PREPARE s FROM 'DROP TABLE t'", "PREPARE", true, "DROP TABLE [t]"),
                row("PREPARE s FROM 'SELECT * FROM t WHERE a = ?'", "PREPARE", false, ""),
                row("PREPARE s FROM @sql", "PREPARE", true, "DYNAMIC_SQL SQL [@sql]"), // text known at run time only
                row("PREPARE TRANSACTION 'tx1'", "PREPARE", false, ""),
                row("(SELECT 1) UNION (SELECT 2)", "SELECT", false, ""),
                row("((SELECT * FROM t))", "SELECT", false, ""),
                row("ANALYZE DELETE FROM t", "ANALYZE", true, "DELETE TABLE [t] MISSING"),
                row("ANALYZE FORMAT=JSON SELECT 1", "ANALYZE", false, ""),
                row("ANALYZE users", "ANALYZE", true, ""),
                row("ANALYZE VERBOSE", "ANALYZE", true, ""),
                row("DESCRIBE users", "DESCRIBE", false, ""),
                row("DESC SELECT * FROM t", "DESC", false, ""),
                row("EXECUTE IMMEDIATE 'TRUNCATE t'", "EXECUTE", true, "TRUNCATE TABLE [t]"),
                row("EXECUTE del(5)", "EXECUTE", true, ""));
    }

    static Stream<Arguments> merges() {
        return Stream.of(
                row("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE", "MERGE", true,
                        "DELETE TABLE [t] SCOPED"),
                row("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET a = s.a", "MERGE", true,
                        "UPDATE TABLE [t] SCOPED"),
                row("MERGE INTO t USING (SELECT 1) s ON true WHEN MATCHED THEN DELETE", "MERGE", true,
                        "DELETE TABLE [t] UNRESTRICTED"),
                row("MERGE t USING s ON s.id = 1 WHEN MATCHED THEN DELETE", "MERGE", true,
                        "DELETE TABLE [t] UNRESTRICTED"),
                row("MERGE INTO public.t AS a USING src s ON a.id = s.id WHEN MATCHED AND s.gone THEN DELETE "
                        + "WHEN MATCHED THEN UPDATE SET v = s.v WHEN NOT MATCHED THEN INSERT (id) VALUES (s.id)",
                        "MERGE", true, "DELETE TABLE [public.t] SCOPED; UPDATE TABLE [public.t] SCOPED"),
                row("MERGE INTO t USING s ON true WHEN MATCHED AND t.x = 1 THEN DELETE", "MERGE", true,
                        "DELETE TABLE [t] SCOPED"),
                row("MERGE INTO t USING s ON id = sid WHEN MATCHED THEN DELETE", "MERGE", true,
                        "DELETE TABLE [t] UNRESTRICTED"),
                row("MERGE INTO t USING s ON id = s.id WHEN MATCHED THEN DELETE", "MERGE", true,
                        "DELETE TABLE [t] SCOPED"),
                row("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED AND CASE WHEN s.a THEN true END THEN "
                        + "UPDATE SET v = CASE WHEN s.b THEN 1 ELSE 2 END", "MERGE", true, "UPDATE TABLE [t] SCOPED"),
                row("MERGE INTO t USING s ON t.id = s.id WHEN NOT MATCHED BY SOURCE THEN DELETE", "MERGE", true,
                        "DELETE TABLE [t] SCOPED"),
                row("MERGE INTO t USING s ON t.id = s.id AND false WHEN NOT MATCHED BY SOURCE THEN DELETE", "MERGE",
                        true, "DELETE TABLE [t] UNRESTRICTED"),
                row("WITH s AS (SELECT 1 AS id) MERGE INTO t USING s ON true WHEN MATCHED THEN UPDATE SET a = 1",
                        "MERGE", true, "UPDATE TABLE [t] UNRESTRICTED"),
                row("MERGE INTO t USING s ON (t.id = s.id) WHEN MATCHED THEN UPDATE SET t.a = 1 WHERE 1 = 1 "
                        + "DELETE WHERE t.c = 3", "MERGE", true, "UPDATE TABLE [t] SCOPED; DELETE TABLE [t] SCOPED"));
    }

    static Stream<Arguments> doBlocks() {
        return Stream.of(
                row("DO $$ BEGIN DELETE FROM t; END $$", "DO", true, "DELETE TABLE [t] MISSING"),
                row("DO $body$ DECLARE n int := 0; BEGIN DROP TABLE IF EXISTS old_t; END $body$", "DO", true,
                        "DROP TABLE [old_t]"),
                row("DO LANGUAGE plpgsql $$ BEGIN IF x > 1 THEN TRUNCATE t; END IF; END $$", "DO", true,
                        "TRUNCATE TABLE [t]"),
                row("DO $$ BEGIN IF a THEN NULL; ELSIF b THEN DELETE FROM u WHERE id = 1; ELSE DROP VIEW v; "
                        + "END IF; END $$", "DO", true, "DELETE TABLE [u] SCOPED; DROP VIEW [v]"),
                row("DO $$ BEGIN FOR r IN SELECT * FROM t LOOP UPDATE t SET a = 1 WHERE id = r.id; END LOOP; END $$",
                        "DO", true, "UPDATE TABLE [t] SCOPED"),
                row("DO $$ DECLARE r record; BEGIN FOR r IN DELETE FROM t RETURNING * LOOP NULL; END LOOP; END $$",
                        "DO", true, "DELETE TABLE [t] MISSING"),
                row("DO $$ BEGIN FOR i IN 1..10 LOOP DELETE FROM q WHERE id = i; END LOOP; END $$", "DO", true,
                        "DELETE TABLE [q] SCOPED"),
                row("DO $$ BEGIN WHILE true LOOP DELETE FROM q WHERE id = (SELECT min(id) FROM q); END LOOP; END $$",
                        "DO", true, "DELETE TABLE [q] SCOPED"),
                // a name built at run time is reported as ? (SqlAction.RUN_TIME_NAME), which no allow-list entry matches
                row("DO $$ BEGIN EXECUTE 'DROP TABLE ' || quote_ident(tbl); END $$", "DO", true, "DROP TABLE [?]"),
                row("DO $$ BEGIN EXECUTE 'DROP TABLE ' || t || ' CASCADE'; END $$", "DO", true, "DROP TABLE [?]"),
                row("DO $$ BEGIN EXECUTE 'DROP TABLE audit_' || suffix; END $$", "DO", true, "DROP TABLE [?]"),
                row("DO $$ BEGIN EXECUTE format('TRUNCATE %I', t); END $$", "DO", true, "TRUNCATE TABLE [?]"),
                row("DO $$ BEGIN EXECUTE format('TRUNCATE %I.%I CASCADE', s, t); END $$", "DO", true,
                        "TRUNCATE TABLE [?]"),
                row("DO $$ BEGIN EXECUTE 'DELETE FROM logs'; END $$", "DO", true, "DELETE TABLE [logs] MISSING"),
                row("DO $$ BEGIN EXECUTE 'DELETE FROM logs WHERE id = ' || v; END $$", "DO", true,
                        "DELETE TABLE [logs] SCOPED"),
                row("DO $$ BEGIN EXECUTE format('DELETE FROM %I WHERE id = %L', t, v); END $$", "DO", true,
                        "DELETE TABLE [?] SCOPED"),
                row("DO $$ BEGIN EXECUTE 'UPDATE t SET a = 1' USING x; END $$", "DO", true,
                        "UPDATE TABLE [t] MISSING"),
                row("DO $$ BEGIN EXECUTE stmt; END $$", "DO", true, "DYNAMIC_SQL SQL [stmt]"), // rule dynamic-sql
                row("DO $$ BEGIN PERFORM pg_sleep(1); RAISE NOTICE 'DROP TABLE x'; END $$", "DO", true, ""),
                row("DO $$ BEGIN DELETE FROM t WHERE id = 1; EXCEPTION WHEN others THEN DELETE FROM u; END $$", "DO",
                        true, "DELETE TABLE [t] SCOPED; DELETE TABLE [u] MISSING"),
                row("DO 'BEGIN DELETE FROM t WHERE true; END'", "DO", true, "DELETE TABLE [t] UNRESTRICTED"),
                row("DO E'BEGIN EXECUTE \\'TRUNCATE t\\'; END'", "DO", true, "TRUNCATE TABLE [t]"),
                row("DO $$ BEGIN EXECUTE $q$ALTER TABLE t DROP COLUMN c$q$; END $$", "DO", true,
                        "ALTER_DROP COLUMN [t, c]"),
                row("DO $$ <<main>> DECLARE x int; BEGIN x := 1; UPDATE t SET a = x; END main $$", "DO", true,
                        "UPDATE TABLE [t] MISSING"),
                row("DO $$ BEGIN CASE WHEN a THEN DROP VIEW v; ELSE NULL; END CASE; END $$", "DO", true,
                        "DROP VIEW [v]"),
                row("DO $$ BEGIN BEGIN DELETE FROM a WHERE x; END; END $$", "DO", true, "DELETE TABLE [a] SCOPED"),
                row("DO $$ DECLARE c CURSOR FOR SELECT 1; BEGIN OPEN c; END $$", "DO", true, ""),
                row("DO $$ BEGIN SELECT count(*) INTO n FROM t; GET DIAGNOSTICS n = ROW_COUNT; END $$", "DO", true,
                        ""),
                row("DO $$ BEGIN WITH d AS (DELETE FROM t RETURNING 1) SELECT count(*) INTO n FROM d; END $$", "DO",
                        true, "DELETE TABLE [t] MISSING"),
                row("DO $$ BEGIN RETURN; END $$ LANGUAGE plpgsql", "DO", true, ""),
                // code in another language may build SQL in ways not read: dynamic-sql besides what its literals show
                row("DO LANGUAGE plpython3u $$ plpy.execute(\"DROP TABLE t\") $$", "DO", true,
                        "DROP TABLE [t]; DYNAMIC_SQL SQL [DO LANGUAGE plpython3u]"),
                row("DO $$ BEGIN EXECUTE E'\\x44ROP TABLE t'; END $$", "DO", true, "DROP TABLE [t]"),
                row("DO $outer$ BEGIN EXECUTE 'DO $i$ BEGIN TRUNCATE t; END $i$'; END $outer$", "DO", true,
                        "TRUNCATE TABLE [t]"));
    }

    static Stream<Arguments> nonDestructive() {
        return Stream.of(
                row("GRANT DELETE, UPDATE ON users TO app", "GRANT", true, ""),
                row("REVOKE DELETE ON users FROM app", "REVOKE", true, ""),
                row("GRANT DROP ON shop.* TO admin", "GRANT", true, ""),
                row("CREATE TRIGGER trg BEFORE DELETE ON t FOR EACH ROW EXECUTE FUNCTION f()", "CREATE", true, ""),
                row("CREATE TRIGGER trg AFTER UPDATE ON t FOR EACH ROW DELETE FROM audit", "CREATE", true, ""),
                row("CREATE RULE r AS ON DELETE TO t DO INSTEAD NOTHING", "CREATE", true, ""),
                row("CREATE RULE r AS ON UPDATE TO t DO ALSO (DELETE FROM a; DELETE FROM b)", "CREATE", true, ""),
                row("CREATE FUNCTION f() RETURNS void AS $$ DELETE FROM t $$ LANGUAGE sql", "CREATE", true, ""),
                row("CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$ BEGIN DROP TABLE t; END $$", "CREATE",
                        true, ""),
                row("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC DELETE FROM t; SELECT 1; END",
                        "CREATE", true, ""),
                row("CREATE PROCEDURE p() BEGIN DELETE FROM t; END", "CREATE", true, ""),
                row("SELECT * FROM t FOR UPDATE", "SELECT", false, ""),
                row("SELECT * FROM t FOR NO KEY UPDATE SKIP LOCKED", "SELECT", false, ""),
                row("CREATE TABLE c (id int REFERENCES p ON DELETE CASCADE ON UPDATE SET NULL)", "CREATE", true, ""),
                row("INSERT INTO t (a) VALUES (1) ON CONFLICT (a) DO UPDATE SET b = excluded.b", "INSERT", true, ""),
                row("INSERT INTO t (a) VALUES (1) ON CONFLICT DO NOTHING", "INSERT", true, ""),
                row("INSERT INTO t (a) VALUES (1) ON DUPLICATE KEY UPDATE b = 2", "INSERT", true, ""),
                row("MERGE INTO t USING s ON t.id = s.id WHEN NOT MATCHED THEN INSERT VALUES (s.id)", "MERGE", true,
                        ""),
                row("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DO NOTHING", "MERGE", true, ""),
                row("COMMENT ON TABLE t IS 'DROP TABLE t'", "COMMENT", true, ""),
                row("CREATE TABLE t2 (LIKE t INCLUDING ALL)", "CREATE", true, ""),
                row("SELECT 'DROP TABLE x'", "SELECT", false, ""),
                row("SELECT \"drop\" FROM \"delete\"", "SELECT", false, ""),
                row("SELECT updated_at, drop_count FROM deleted_rows", "SELECT", false, ""),
                row("SELECT $$; DROP TABLE t; $$", "SELECT", false, ""),
                row("SELECT E'\\'; DELETE FROM t; --'", "SELECT", false, ""),
                row("SELECT 1 /* DROP TABLE t */", "SELECT", false, ""),
                row("INSERT INTO audit SELECT * FROM t WHERE deleted", "INSERT", true, ""),
                row("CALL cleanup()", "CALL", true, ""),
                row("REPLACE INTO t VALUES (1)", "REPLACE", true, ""),
                row("RAISE NOTICE 'x'", "RAISE", true, ""),
                row("\"quoted\"", "UNKNOWN", true, ""));
    }

    static Stream<Arguments> readsAndWrites() {
        return Stream.of(
                row("SELECT 1", "SELECT", false, ""),
                row("select * from t where a = 1", "SELECT", false, ""),
                row("VALUES (1), (2)", "VALUES", false, ""),
                row("TABLE users", "TABLE", false, ""),
                row("SHOW search_path", "SHOW", false, ""),
                row("SET search_path = public", "SET", false, ""),
                row("SET @x = (SELECT 1)", "SET", false, ""),
                row("RESET ALL", "RESET", false, ""),
                row("BEGIN", "BEGIN", false, ""),
                row("START TRANSACTION READ ONLY", "START", false, ""),
                row("COMMIT", "COMMIT", false, ""),
                row("ROLLBACK TO SAVEPOINT s", "ROLLBACK", false, ""),
                row("SAVEPOINT s", "SAVEPOINT", false, ""),
                row("RELEASE SAVEPOINT s", "RELEASE", false, ""),
                row("END", "END", false, ""),
                row("ROLLBACK PREPARED 'x'", "ROLLBACK", false, ""),
                row("DECLARE c CURSOR FOR SELECT 1", "DECLARE", false, ""),
                row("FETCH 10 FROM c", "FETCH", false, ""),
                row("MOVE NEXT IN c", "MOVE", false, ""),
                row("CLOSE c", "CLOSE", false, ""),
                row("USE shop", "USE", false, ""),
                row("LISTEN ch", "LISTEN", false, ""),
                row("UNLISTEN *", "UNLISTEN", false, ""),
                row("DEALLOCATE ALL", "DEALLOCATE", false, ""),
                row("WITH x AS (SELECT 1) SELECT * FROM x", "SELECT", false, ""),
                row("SELECT 1 INTO @v", "SELECT", false, ""),
                row("SELECT * INTO TEMP new_t FROM t", "SELECT", true, ""),
                row("SELECT a FROM t INTO OUTFILE '/tmp/x'", "SELECT", true, ""),
                row("-- comment\n/* block */ SELECT 1", "SELECT", false, ""),
                row("(SELECT 1)", "SELECT", false, ""),
                row("COPY t FROM STDIN", "COPY", true, ""),
                row("COPY t (a, b) FROM '/tmp/x.csv' WITH (FORMAT csv)", "COPY", true, ""),
                row("COPY (SELECT 1) TO STDOUT", "COPY", false, ""),
                row("COPY t TO '/tmp/x.csv'", "COPY", false, ""),
                row("COPY (DELETE FROM t RETURNING id) TO STDOUT", "COPY", true, "DELETE TABLE [t] MISSING"),
                row("copy (update t set a = 1 where id = 2 returning id) to stdout", "COPY", true,
                        "UPDATE TABLE [t] SCOPED"),
                row("INSERT INTO t VALUES (1)", "INSERT", true, ""),
                row("VACUUM t", "VACUUM", true, ""),
                row("CREATE INDEX i ON t (a)", "CREATE", true, ""),
                row("REFRESH MATERIALIZED VIEW mv", "REFRESH", true, ""),
                row("LOCK TABLE t", "LOCK", true, ""),
                row("CHECKPOINT", "CHECKPOINT", true, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"drops", "truncates", "deletes", "unrestrictedConditions", "scopedConditions", "updates",
            "merges", "alters", "wrappers", "doBlocks", "nonDestructive", "readsAndWrites"})
    void classifies(String sql, String command, boolean writes, String actions) {
        ScannedStatement scanned = StatementScanner.scan(sql);
        assertThat(describe(scanned.actions())).as("actions").isEqualTo(actions);
        assertThat(scanned.command()).as("command").isEqualTo(command);
        assertThat(scanned.writes()).as("writes").isEqualTo(writes);
    }

    static String describe(List<SqlAction> actions) {
        return actions.stream()
                .map(a -> a.kind() + " " + a.objectType() + " " + a.objects()
                        + (a.scope() == WhereScope.NOT_APPLICABLE ? "" : " " + a.scope()))
                .collect(Collectors.joining("; "));
    }
}
