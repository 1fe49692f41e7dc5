package dev.dbguard.core.internal;

import dev.dbguard.core.sql.ActionKind;
import dev.dbguard.core.sql.SqlAction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scanner on text handed to executors (PL/pgSQL EXECUTE, PREPARE ... FROM, EXECUTE IMMEDIATE, dblink), on text
 * built at run time, and on the session changes statements make. Expected actions read
 * {@code KIND OBJECT_TYPE [objects] [SCOPE]}, joined by {@code ; }; expected changes {@code KIND name=value}.
 */
class DynamicSqlScannerTest {

    private static Arguments pg(String sql, String actions) {
        return arguments(LexicalRules.POSTGRESQL, sql, actions);
    }

    private static Arguments my(String sql, String actions) {
        return arguments(LexicalRules.MARIADB, sql, actions);
    }

    static Stream<Arguments> executorText() {
        return Stream.of(
                pg("DO $$ BEGIN EXECUTE 'DROP TABLE u'; END $$", "DROP TABLE [u]"),
                pg("DO $$ BEGIN EXECUTE $q$DROP TABLE u$q$; END $$", "DROP TABLE [u]"),
                pg("DO $$ BEGIN EXECUTE E'DROP TABLE \\u0075'; END $$", "DROP TABLE [u]"),
                pg("DO $$ BEGIN EXECUTE E'\\x44ROP TABLE u'; END $$", "DROP TABLE [u]"),
                pg("DO $$ BEGIN EXECUTE 'DR' || 'OP TABLE u'; END $$", "DROP TABLE [u]"),
                pg("DO $$ BEGIN EXECUTE ('DR' || ('OP ' || 'TABLE u')); END $$", "DROP TABLE [u]"),
                pg("DO $$ BEGIN EXECUTE 'DROP TABLE u'::text; END $$", "DROP TABLE [u]"),
                pg("DO $$ BEGIN EXECUTE text 'TRUNCATE u'; END $$", "TRUNCATE TABLE [u]"),
                pg("DO $$ BEGIN EXECUTE CAST('TRUNCATE u' AS text); END $$", "TRUNCATE TABLE [u]"),
                pg("DO $$ BEGIN EXECUTE concat('TRUN', 'CATE u'); END $$", "TRUNCATE TABLE [u]"),
                pg("DO $$ BEGIN EXECUTE concat_ws(' ', 'DROP', 'TABLE', 'u'); END $$", "DROP TABLE [u]"),
                pg("DO $$ BEGIN EXECUTE format('%s TABLE u', 'DROP'); END $$", "DROP TABLE [u]"),
                pg("DO $$ BEGIN EXECUTE format('%2$s %1$I', 'u', 'TRUNCATE'); END $$", "TRUNCATE TABLE [u]"),
                pg("DO $$ BEGIN EXECUTE format('DROP TABLE %I, %I', 'a', 'b'); END $$", "DROP TABLE [a, b]"),
                pg("DO $$ BEGIN EXECUTE format('DELETE FROM t WHERE id = %L', 'x'); END $$",
                        "DELETE TABLE [t] SCOPED"),
                pg("DO $$ BEGIN EXECUTE format('DR%3sTABLE u', 'OP '); END $$", "DROP TABLE [u]"),
                pg("DO $$ BEGIN EXECUTE 'DROP TABLE ' || quote_ident('u'); END $$", "DROP TABLE [u]"),
                pg("DO $$ BEGIN EXECUTE 'SELECT 1' INTO n; EXECUTE 'DROP TABLE u' USING x; END $$", "DROP TABLE [u]"),
                pg("DO $$ BEGIN EXECUTE (SELECT 'DROP TABLE u'); END $$", "DROP TABLE [u]"),
                pg("DO $$ BEGIN RETURN QUERY EXECUTE 'DELETE FROM t RETURNING *'; END $$", "DELETE TABLE [t] MISSING"),
                pg("DO $$ BEGIN EXECUTE 'EXECUTE ''DROP TABLE u'''; END $$", "DROP TABLE [u]"),
                pg("EXECUTE 'DROP TABLE u'", "DROP TABLE [u]"),
                pg("SELECT dblink_exec('dbname=x', 'DROP TABLE t')", "DROP TABLE [t]"),
                pg("SELECT dblink_exec('DROP TABLE t')", "DROP TABLE [t]"),
                pg("SELECT dblink_exec('DROP TABLE t', false)", "DROP TABLE [t]"),
                pg("SELECT public.dblink_exec('c', 'TRUNCATE t', true)", "TRUNCATE TABLE [t]"),
                pg("SELECT * FROM dblink('c', 'DELETE FROM t RETURNING id') AS r(id int)", "DELETE TABLE [t] MISSING"),
                pg("SELECT dblink_send_query('c', 'DROP TABLE t')", "DROP TABLE [t]"),
                pg("SELECT dblink_open('c', 'cur', 'SELECT 1')", ""),
                pg("SELECT query_to_xml('DELETE FROM t RETURNING id', true, false, '')", "DELETE TABLE [t] MISSING"),
                pg("DELETE FROM t WHERE id IN (SELECT a FROM dblink('c', 'DROP TABLE x') AS r(a int))",
                        "DELETE TABLE [t] SCOPED; DROP TABLE [x]"),
                pg("DO $$ BEGIN PERFORM dblink_exec('c', 'DROP TABLE t'); END $$", "DROP TABLE [t]"),
                pg("SELECT * FROM dblink('c', 'SELECT a FROM t') AS r(a int)", ""),
                pg("CREATE FUNCTION dblink_exec(text, text) RETURNS text AS 'x' LANGUAGE c", ""),
                pg("GRANT EXECUTE ON FUNCTION public.dblink_exec(text, text) TO app", ""),
                my("PREPARE s FROM 'DROP TABLE t'", "DROP TABLE [t]"),
                my("PREPARE s FROM \"DROP TABLE t\"", "DROP TABLE [t]"),
                my("PREPARE s FROM 'SELECT ?'", ""),
                my("PREPARE s FROM _utf8mb4'TRUNCATE t'", "TRUNCATE TABLE [t]"),
                my("PREPARE s FROM X'44524F50205441424C452074'", "DROP TABLE [t]"),
                my("EXECUTE IMMEDIATE CONCAT('TRUN', 'CATE t')", "TRUNCATE TABLE [t]"),
                my("EXECUTE IMMEDIATE 'DROP TABLE t'", "DROP TABLE [t]"),
                my("EXECUTE IMMEDIATE 'SELECT ?' USING 1", ""),
                my("EXECUTE st", ""),
                my("EXECUTE st USING @a, @b", ""),
                my("CALL sys.execute_prepared_stmt('DROP TABLE t')", "DROP TABLE [t]"),
                pg("EXECUTE plan(1, 'x')", ""),
                pg("PREPARE p AS SELECT 1", ""),
                pg("DO LANGUAGE plperl $$ spi_exec_query($sql); $$", "DYNAMIC_SQL SQL [DO LANGUAGE plperl]"),
                pg("DO $$ plpy.execute('TRUNCATE t') $$ LANGUAGE plpython3u",
                        "TRUNCATE TABLE [t]; DYNAMIC_SQL SQL [DO LANGUAGE plpython3u]"));
    }

    static Stream<Arguments> runTimeText() {
        return Stream.of(
                pg("DO $$ BEGIN EXECUTE 'SELECT count(*) FROM t WHERE a = ' || x INTO n; END $$", ""),
                pg("DO $$ BEGIN EXECUTE 'TRUNCATE ' || tbl; END $$", "TRUNCATE TABLE [?]"),
                pg("DO $$ BEGIN EXECUTE 'DROP TABLE tmp_x, ' || tbl; END $$", "DROP TABLE [tmp_x, ?]"),
                pg("DO $$ BEGIN EXECUTE 'DROP TABLE audit_' || suffix; END $$", "DROP TABLE [?]"),
                pg("DO $$ BEGIN EXECUTE 'DROP TABLE \"x_' || suffix || '\"'; END $$", "DROP TABLE [?]"),
                pg("DO $$ BEGIN EXECUTE 'DROP TABLE public.' || t; END $$", "DROP TABLE [?]"),
                pg("DO $$ BEGIN EXECUTE 'DR' || x; END $$", "DYNAMIC_SQL SQL ['...' || x]"),
                pg("DO $$ BEGIN EXECUTE x || 'OP TABLE u'; END $$", "DYNAMIC_SQL SQL [x || '...']"),
                pg("DO $$ BEGIN EXECUTE stmt; END $$", "DYNAMIC_SQL SQL [stmt]"),
                pg("DO $$ BEGIN EXECUTE format('%s TABLE u', x); END $$", "DYNAMIC_SQL SQL [format(...)]"),
                pg("DO $$ BEGIN EXECUTE format(fmt, 'u'); END $$", "DYNAMIC_SQL SQL [format(...)]"),
                pg("DO $$ BEGIN EXECUTE format('TRUNCATE %I', t); END $$", "TRUNCATE TABLE [?]"),
                pg("DO $$ BEGIN EXECUTE format('DELETE FROM %I WHERE id = %L', t, v); END $$",
                        "DELETE TABLE [?] SCOPED"),
                pg("DO $$ BEGIN EXECUTE 'CREATE ' || kind || ' TABLE u (a int)'; END $$",
                        "DYNAMIC_SQL SQL ['...' || kind || '...']"),
                pg("DO $$ BEGIN EXECUTE 'CREATE TABLE ' || t || ' (a int)'; END $$", ""),
                pg("DO $$ BEGIN EXECUTE 'ALTER TABLE ' || t || ' ADD COLUMN c int'; END $$", ""),
                pg("DO $$ BEGIN EXECUTE 'ALTER TABLE t ' || action; END $$", "DYNAMIC_SQL SQL ['...' || action]"),
                pg("DO $$ BEGIN EXECUTE 'EXPLAIN ' || q; END $$", "DYNAMIC_SQL SQL ['...' || q]"),
                pg("DO $$ BEGIN EXECUTE 'SELECT 1; ' || q; END $$", "DYNAMIC_SQL SQL ['...' || q]"),
                pg("DO $$ BEGIN EXECUTE 'DROP ' || kind || ' u'; END $$", "DROP UNKNOWN [?]"),
                pg("DO $$ BEGIN EXECUTE (SELECT 'TRUNCATE TABLE ' || string_agg(format('%I.%I', schemaname, tablename), "
                        + "', ') FROM pg_tables WHERE schemaname = 'public'); END $$", "TRUNCATE TABLE [?]"),
                pg("DO $$ BEGIN EXECUTE (SELECT q FROM scripts LIMIT 1); END $$", "DYNAMIC_SQL SQL [(SELECT ...)]"),
                pg("DO $$ DECLARE r record; BEGIN FOR r IN SELECT tablename FROM pg_tables LOOP "
                        + "EXECUTE 'DROP TABLE IF EXISTS ' || quote_ident(r.tablename) || ' CASCADE'; END LOOP; END $$",
                        "DROP TABLE [?]"),
                pg("SELECT dblink_exec('c', q) FROM jobs", "DYNAMIC_SQL SQL [q]"),
                pg("SELECT dblink_exec('c', ?)", "DYNAMIC_SQL SQL [(parameter)]"),
                pg("SELECT dblink('c', 'SELECT * FROM t WHERE id = ' || x) ", ""),
                my("PREPARE s FROM @sql", "DYNAMIC_SQL SQL [@sql]"),
                my("EXECUTE IMMEDIATE @sql", "DYNAMIC_SQL SQL [@sql]"),
                my("EXECUTE IMMEDIATE CONCAT('DROP TABLE ', @t)", "DROP TABLE [?]"),
                my("EXECUTE IMMEDIATE CONCAT('SELECT * FROM t WHERE id = ', @id)", ""),
                pg("COPY t FROM PROGRAM 'curl -s http://x/data.csv'", "DYNAMIC_SQL PROGRAM [PROGRAM]"),
                pg("COPY (SELECT * FROM t) TO PROGRAM 'gzip > /tmp/t.gz'", "DYNAMIC_SQL PROGRAM [PROGRAM]"),
                pg("COPY t FROM STDIN", ""),
                pg("COPY t TO '/tmp/program.csv'", ""));
    }

    static Stream<Arguments> variables() {
        return Stream.of(
                pg("DO $$ DECLARE q text := 'DROP TABLE u'; BEGIN EXECUTE q; END $$", "DROP TABLE [u]"),
                pg("DO $$ DECLARE q CONSTANT text DEFAULT 'TRUNCATE u'; BEGIN EXECUTE q; END $$", "TRUNCATE TABLE [u]"),
                pg("DO $$ DECLARE q text = 'SELECT 1'; BEGIN EXECUTE q; END $$", ""),
                pg("DO $$ DECLARE t text := 'u'; BEGIN EXECUTE format('DROP TABLE %I', t); END $$", "DROP TABLE [u]"),
                pg("DO $$ DECLARE q text; BEGIN q := 'DROP TABLE u'; EXECUTE q; END $$", "DROP TABLE [u]"),
                pg("DO $$ DECLARE q text := 'SELECT 1'; BEGIN IF x THEN q := 'DROP TABLE u'; END IF; EXECUTE q; END $$",
                        "DROP TABLE [u]"),
                pg("DO $$ DECLARE q text := 'DROP TABLE '; BEGIN q := q || 'u'; EXECUTE q; END $$",
                        "DROP TABLE []; DROP TABLE [?]"),
                pg("DO $$ DECLARE q text := 'SELECT ctid'; BEGIN FOR i IN 1 .. n LOOP q := q || ', ' || quote_ident(c[i]); "
                        + "END LOOP; q := q || ' FROM t'; FOR r IN EXECUTE q LOOP NULL; END LOOP; END $$", ""),
                pg("DO $$ DECLARE q text := 'DROP TABLE u'; BEGIN q := q || ', ' || t; EXECUTE q; END $$",
                        "DROP TABLE [u]; DROP TABLE [?]"),
                pg("DO $$ DECLARE q text := 'TABLE u'; BEGIN q := 'DROP ' || q; EXECUTE q; END $$",
                        "DROP UNKNOWN [?]"),
                pg("DO $$ DECLARE q text; BEGIN q := q || 'DROP TABLE u'; EXECUTE q; END $$", "DYNAMIC_SQL SQL [q]"),
                pg("DO $$ DECLARE q text := 'SELECT 1'; BEGIN q := x || q; EXECUTE q; END $$", "DYNAMIC_SQL SQL [q]"),
                pg("DO $$ DECLARE q text; BEGIN SELECT s INTO q FROM scripts; EXECUTE q; END $$",
                        "DYNAMIC_SQL SQL [q]"),
                pg("DO $$ DECLARE q text := 'SELECT 1'; BEGIN SELECT s INTO q FROM scripts; EXECUTE q; END $$",
                        "DYNAMIC_SQL SQL [q]"),
                pg("DO $$ DECLARE q text := 'SELECT 1'; BEGIN FOR q IN SELECT s FROM scripts LOOP EXECUTE q; "
                        + "END LOOP; END $$", "DYNAMIC_SQL SQL [q]"),
                pg("DO $$ <<b>> DECLARE q text := 'SELECT 1'; BEGIN b.q := 'DROP TABLE u'; EXECUTE q; END $$",
                        "DYNAMIC_SQL SQL [q]"),
                pg("DO $$ DECLARE q text := 'SELECT 1'; BEGIN DECLARE q text := 'DROP TABLE u'; BEGIN EXECUTE q; END; "
                        + "END $$", "DYNAMIC_SQL SQL [q]"),
                pg("DO $$ DECLARE q text; BEGIN EXECUTE q; END $$", "DYNAMIC_SQL SQL [q]"),
                pg("DO $$ DECLARE a text := 'DROP '; b text := a || 'TABLE u'; BEGIN EXECUTE b; END $$",
                        "DROP TABLE [u]"),
                pg("DO $$ DECLARE q text := 'TRUNCATE t'; BEGIN PERFORM dblink_exec('c', q); END $$",
                        "TRUNCATE TABLE [t]"),
                pg("DO $$ DECLARE q text := 'SELECT 1'; BEGIN PERFORM dblink('c', q); END $$", ""));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource({"executorText", "runTimeText", "variables"})
    void judgesTheTextHandedToExecutors(LexicalRules rules, String sql, String actions) {
        ScannedStatement scanned = StatementScanner.scan(sql, rules);

        assertThat(StatementScannerTest.describe(scanned.actions())).isEqualTo(actions);
        if (!actions.isEmpty()) {
            assertThat(scanned.scannerOnly()).as("scanner only").isTrue();
        }
    }

    static Stream<Arguments> sessionChanges() {
        return Stream.of(
                pg("SET standard_conforming_strings = off", "SETTING standard_conforming_strings=off"),
                pg("SET standard_conforming_strings TO 'on'", "SETTING standard_conforming_strings=on"),
                pg("set session standard_conforming_strings = DEFAULT", "SETTING standard_conforming_strings=DEFAULT"),
                // SET LOCAL ends with the transaction: the session's value afterwards is not known
                pg("SET LOCAL standard_conforming_strings TO off", "SETTING standard_conforming_strings=null"),
                pg("SET STANDARD_CONFORMING_STRINGS = false", "SETTING standard_conforming_strings=false"),
                pg("RESET standard_conforming_strings", "SETTING standard_conforming_strings=DEFAULT"),
                pg("RESET ALL", "SETTING standard_conforming_strings=DEFAULT; SETTING default_transaction_read_only=DEFAULT"),
                // the read-only settings, for read-only mode (ReadOnlyEscape)
                pg("SET default_transaction_read_only = off", "SETTING default_transaction_read_only=off"),
                pg("BEGIN ISOLATION LEVEL SERIALIZABLE, READ WRITE", "SETTING transaction_read_only=off"),
                pg("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY", "SETTING default_transaction_read_only=on"),
                my("SET SESSION TRANSACTION READ WRITE", "SETTING transaction_read_only=off"),
                pg("RESET search_path", ""),
                pg("SET search_path = a, b", ""),
                pg("SET search_path TO \"$user\", public", ""),
                pg("SET TIME ZONE 'UTC'", ""),
                pg("SET SESSION AUTHORIZATION bob", ""),
                pg("SELECT set_config('standard_conforming_strings', 'off', false)",
                        "SETTING standard_conforming_strings=off"),
                pg("SELECT set_config('standard_conforming_strings', 'off', true)",
                        "SETTING standard_conforming_strings=null"),
                pg("CREATE VIEW v AS SELECT set_config('standard_conforming_strings', 'off', false)",
                        "SETTING standard_conforming_strings=null"),
                my("/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */",
                        "SETTING sql_mode=NO_AUTO_VALUE_ON_ZERO"),
                my("/*!40101 SET SQL_MODE=@OLD_SQL_MODE */", "SETTING sql_mode=null"),
                my("SET LOCAL sql_mode = 'ANSI'", "SETTING sql_mode=ANSI"),
                pg("SELECT pg_catalog.set_config('standard_conforming_strings', v, true)",
                        "SETTING standard_conforming_strings=null"),
                pg("SELECT set_config(name, 'off', false)",
                        "SETTING standard_conforming_strings=null; SETTING default_transaction_read_only=null"),
                pg("SELECT pg_catalog.set_config('search_path', '', false)", ""),
                pg("DO $$ BEGIN SET standard_conforming_strings = off; END $$", "SETTING standard_conforming_strings=off"),
                pg("DO $$ BEGIN EXECUTE 'SET standard_conforming_strings = ' || v; END $$",
                        "SETTING standard_conforming_strings=null"),
                pg("DO $$ BEGIN PERFORM set_config('standard_conforming_strings', 'off', false); END $$",
                        "SETTING standard_conforming_strings=off"),
                pg("DISCARD ALL", "TEMPORARY_TABLES_DISCARDED null=null; SETTING standard_conforming_strings=DEFAULT;"
                        + " SETTING default_transaction_read_only=DEFAULT"),
                pg("DISCARD TEMP", "TEMPORARY_TABLES_DISCARDED null=null"),
                pg("DISCARD TEMPORARY", "TEMPORARY_TABLES_DISCARDED null=null"),
                pg("DISCARD PLANS", ""),
                pg("DROP TABLE a, b", "TABLE_DROPPED a=null; TABLE_DROPPED b=null"),
                pg("DROP TABLE IF EXISTS pg_temp.x CASCADE", "TABLE_DROPPED pg_temp.x=null"),
                pg("DROP VIEW v", ""),
                pg("DO $$ BEGIN EXECUTE 'DROP TABLE ' || t; END $$", "TEMPORARY_TABLES_DISCARDED null=null"),
                my("DROP TEMPORARY TABLE IF EXISTS tmp_a, tmp_b", "TABLE_DROPPED tmp_a=null; TABLE_DROPPED tmp_b=null"),
                my("DROP TABLE `shop`.`t`", "TABLE_DROPPED shop.t=null"),
                my("SET sql_mode = 'ANSI_QUOTES'", "SETTING sql_mode=ANSI_QUOTES"),
                my("SET SESSION sql_mode = 'NO_BACKSLASH_ESCAPES,STRICT_TRANS_TABLES'",
                        "SETTING sql_mode=NO_BACKSLASH_ESCAPES,STRICT_TRANS_TABLES"),
                my("SET @@sql_mode := 'ANSI'", "SETTING sql_mode=ANSI"),
                my("SET @@session.sql_mode = ''", "SETTING sql_mode="),
                my("SET @@SESSION.SQL_MODE = TRADITIONAL", "SETTING sql_mode=TRADITIONAL"),
                my("SET @@local.sql_mode = 'ANSI'", "SETTING sql_mode=ANSI"),
                my("SET sql_mode = CONCAT(@@sql_mode, ',ANSI_QUOTES')", "SETTING sql_mode=null"),
                my("SET sql_mode = @old_mode", "SETTING sql_mode=null"),
                my("SET sql_mode = 4", "SETTING sql_mode=null"),
                my("SET sql_mode = DEFAULT", "SETTING sql_mode=DEFAULT"),
                my("SET GLOBAL sql_mode = 'ANSI'", ""),
                my("SET @@global.sql_mode = 'ANSI'", ""),
                my("SET PERSIST sql_mode = 'ANSI'", ""),
                my("SET GLOBAL max_connections = 10, sql_mode = 'ANSI'", ""),
                my("SET GLOBAL max_connections = 10, SESSION sql_mode = 'ANSI'", "SETTING sql_mode=ANSI"),
                my("SET @a = 1, sql_mode = 'ANSI', @@global.x = 2", "SETTING sql_mode=ANSI"),
                my("SET @sql_mode = 'ANSI'", ""),
                my("SET NAMES utf8mb4", ""),
                my("SET sql_mode = 'ANSI_QUOTES', autocommit = 0", "SETTING sql_mode=ANSI_QUOTES"),
                my("PREPARE s FROM 'SET sql_mode = ''ANSI'''", "SETTING sql_mode=null"),
                my("SET STATEMENT sql_mode = 'ANSI' FOR SELECT 1", ""));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("sessionChanges")
    void recordsWhatStatementsChangeInTheirSession(LexicalRules rules, String sql, String changes) {
        ScannedStatement scanned = StatementScanner.scan(sql, rules);

        assertThat(scanned.sessionChanges().stream().map(c -> c.kind() + " " + c.name() + "=" + c.value())
                .collect(Collectors.joining("; "))).isEqualTo(changes);
    }

    @Test
    void setStatementForRunsTheStatement() {
        ScannedStatement scanned = StatementScanner.scan("SET STATEMENT max_statement_time = 1 FOR DELETE FROM t",
                LexicalRules.MARIADB);

        assertThat(StatementScannerTest.describe(scanned.actions())).isEqualTo("DELETE TABLE [t] MISSING");
        assertThat(scanned.writes()).isTrue();
    }

    @Test
    void nestingTooDeepToFollowIsDynamicNotHarmless() {
        StringBuilder sql = new StringBuilder();
        for (int n = 0; n < 40; n++) {
            sql.append("EXECUTE $t").append(n).append('$');
        }
        sql.append("SELECT 1");
        for (int n = 39; n >= 0; n--) {
            sql.append("$t").append(n).append('$');
        }

        ScannedStatement scanned = StatementScanner.scan(sql.toString());

        assertThat(StatementScannerTest.describe(scanned.actions())).isEqualTo("DYNAMIC_SQL SQL ['...']");
    }

    @Test
    void variablesReferringToEachOtherStayBounded() {
        StringBuilder body = new StringBuilder("DO $$ DECLARE v0 text := 'SELECT 1'; ");
        for (int n = 1; n < 200; n++) {
            body.append("v").append(n).append(" text := v").append(n - 1).append(" || v").append(n - 1).append("; ");
        }
        body.append("BEGIN EXECUTE v199; END $$");

        ScannedStatement scanned = StatementScanner.scan(body.toString());

        assertThat(scanned.actions()).isNotEmpty(); // too much to follow: dynamic, never silently harmless
        assertThat(scanned.actions()).extracting(SqlAction::kind).containsOnly(ActionKind.DYNAMIC_SQL);
    }

    @Test
    void describesSourcesWithoutLiteralValuesAndShortly() {
        Tokens tokens = Lexer.lex("'password=secret ' || some_function_with_a_long_name(a, b, c) || another_long_variable_name");

        String source = DynamicSql.describe(tokens, 0, tokens.size());

        assertThat(source).doesNotContain("secret").hasSizeLessThanOrEqualTo(DynamicSql.MAX_SOURCE_LENGTH)
                .startsWith("'...' || some_function_with_a_long_name(...)");
    }
}
