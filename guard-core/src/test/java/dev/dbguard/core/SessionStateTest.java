package dev.dbguard.core;

import dev.dbguard.core.audit.AuditSink;
import dev.dbguard.core.sql.AnalyzedStatement;
import dev.dbguard.core.internal.LexicalRules;
import dev.dbguard.core.sql.SessionChange;
import dev.dbguard.core.internal.SqlAnalyzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Temporary tables a session created may be dropped and truncated, in the same string and in later ones; the session
 * forgets them when they are dropped, discarded or rolled back, and never learns of one that was only maybe created.
 */
class SessionStateTest {

    private final StatementGuard guard = new StatementGuard(GuardConfig.builder().environment("production")
            .auditSink(AuditSink.NONE).build());

    private Target target(Dialect dialect) {
        return guard.target("orders", null, dialect);
    }

    /** Runs {@code sql} as the JDBC wrapper would: judged, then (since it "ran") recorded in the session. */
    private Verdict run(String sql, Dialect dialect, SessionState session) throws BlockedStatementException {
        Verdict verdict = guard.enforce(sql, target(dialect), session);
        session.record(verdict);
        return verdict;
    }

    private void refused(String sql, Dialect dialect, SessionState session) {
        assertThatThrownBy(() -> run(sql, dialect, session)).isInstanceOf(BlockedStatementException.class)
                .hasMessageContaining("(rule ");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aTemporaryTableCreatedInTheSameStringMayBeDropped(Dialect dialect) throws Exception {
        SessionState session = new SessionState(dialect);

        Verdict verdict = run("CREATE TEMP TABLE tmp_x AS SELECT 1; DROP TABLE tmp_x", dialect, session);

        assertThat(verdict.decision()).isEqualTo(Decision.ALLOW);
        assertThat(session.temporaryTables()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aTemporaryTableCreatedEarlierOnTheSessionMayBeDropped(Dialect dialect) throws Exception {
        SessionState session = new SessionState(dialect);

        run("CREATE TEMP TABLE tmp_x AS SELECT 1", dialect, session);
        assertThat(session.isTemporaryTable("tmp_x")).isTrue();
        assertThat(session.temporaryTables()).containsExactly("tmp_x");

        assertThat(run("DROP TABLE tmp_x", dialect, session).decision()).isEqualTo(Decision.ALLOW);
        assertThat(session.isTemporaryTable("tmp_x")).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void withoutTheCreateTheDropIsRefused(Dialect dialect) {
        refused("DROP TABLE tmp_x", dialect, new SessionState(dialect));
        assertThatThrownBy(() -> guard.enforce("DROP TABLE tmp_x", target(dialect), null))
                .isInstanceOf(BlockedStatementException.class);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aSecondDropOfTheSameNameReachesThePermanentTableAndIsRefused(Dialect dialect) throws Exception {
        SessionState session = new SessionState(dialect);
        run("CREATE TEMP TABLE tmp_x (id int)", dialect, session);

        run("DROP TABLE tmp_x", dialect, session);

        refused("DROP TABLE tmp_x", dialect, session);
        refused("CREATE TEMP TABLE tmp_y (id int); DROP TABLE tmp_y; DROP TABLE tmp_y", dialect,
                new SessionState(dialect));
    }

    @ParameterizedTest
    @ValueSource(strings = {"DROP TABLE pg_temp.x", "DROP TABLE IF EXISTS pg_temp.x", "TRUNCATE pg_temp.x",
            "DROP TABLE pg_temp_3.x", "TRUNCATE TABLE pg_temp.a, pg_temp.b"})
    void namesInTheSessionSchemaAreAlwaysTemporary(String sql) throws Exception {
        SessionState session = new SessionState(Dialect.POSTGRESQL);

        assertThat(run(sql, Dialect.POSTGRESQL, session).decision()).isEqualTo(Decision.ALLOW);
        assertThat(run(sql, Dialect.POSTGRESQL, session).decision()).isEqualTo(Decision.ALLOW);
        assertThat(guard.enforce(sql, target(Dialect.POSTGRESQL), null).decision()).isEqualTo(Decision.ALLOW);
    }

    @ParameterizedTest
    @ValueSource(strings = {"DISCARD TEMP", "DISCARD TEMPORARY", "DISCARD ALL", "ROLLBACK", "ABORT"})
    void discardingOrRollingBackForgetsTheTemporaryTables(String forget) throws Exception {
        SessionState session = new SessionState(Dialect.POSTGRESQL);
        run("CREATE TEMP TABLE tmp_x (id int); CREATE TEMP TABLE tmp_y (id int)", Dialect.POSTGRESQL, session);
        assertThat(session.temporaryTables()).containsExactly("tmp_x", "tmp_y");

        run(forget, Dialect.POSTGRESQL, session);

        assertThat(session.temporaryTables()).isEmpty();
        refused("DROP TABLE tmp_x", Dialect.POSTGRESQL, session);
        refused("CREATE TEMP TABLE tmp_z (id int); " + forget + "; DROP TABLE tmp_z", Dialect.POSTGRESQL,
                new SessionState(Dialect.POSTGRESQL));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aTemporaryTableMayBeTruncated(Dialect dialect) throws Exception {
        SessionState session = new SessionState(dialect);
        run("CREATE TEMPORARY TABLE tmp_x (id int)", dialect, session);

        assertThat(run("TRUNCATE tmp_x", dialect, session).decision()).isEqualTo(Decision.ALLOW);
        assertThat(run("TRUNCATE TABLE tmp_x", dialect, session).decision()).isEqualTo(Decision.ALLOW);
        assertThat(session.isTemporaryTable("tmp_x")).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aStringThatAlsoDropsAPermanentTableIsRefused(Dialect dialect) throws Exception {
        SessionState session = new SessionState(dialect);
        run("CREATE TEMP TABLE tmp_x (id int)", dialect, session);

        refused("DROP TABLE tmp_x, orders", dialect, session);
        refused("TRUNCATE tmp_x, orders", dialect, session);
        refused("DROP TABLE tmp_x; DROP TABLE orders", dialect, session);
        assertThat(session.isTemporaryTable("tmp_x")).as("a refused string changed nothing").isTrue();
    }

    @Test
    void aRefusedStringCreatesNoTemporaryTable() {
        SessionState session = new SessionState(Dialect.POSTGRESQL);

        refused("CREATE TEMP TABLE tmp_x (id int); DROP TABLE orders", Dialect.POSTGRESQL, session);

        assertThat(session.temporaryTables()).isEmpty();
        refused("DROP TABLE tmp_x", Dialect.POSTGRESQL, session);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "CREATE TEMP TABLE tmp_x (id int)",
            "CREATE TEMPORARY TABLE tmp_x (id int)",
            "CREATE GLOBAL TEMPORARY TABLE tmp_x (id int)",
            "CREATE LOCAL TEMP TABLE tmp_x (id int)",
            "CREATE TEMP TABLE IF NOT EXISTS tmp_x (id int)",
            "CREATE TEMP TABLE tmp_x AS SELECT * FROM orders",
            "CREATE TEMP TABLE tmp_x (LIKE orders INCLUDING ALL)",
            "CREATE TEMP TABLE tmp_x ON COMMIT DELETE ROWS AS SELECT 1",
            "CREATE TEMPORARY TABLE tmp_x SELECT * FROM orders",
            "CREATE OR REPLACE TEMPORARY TABLE tmp_x (id int)",
            "CREATE TABLE pg_temp.tmp_x (id int)",
            "SELECT * INTO TEMP tmp_x FROM orders",
            "SELECT * INTO TEMPORARY tmp_x FROM orders",
            "SELECT * INTO TEMP TABLE tmp_x FROM orders",
            "WITH s AS (SELECT 1) SELECT * INTO TEMP tmp_x FROM s",
            "create temp table TMP_X (id int)"})
    void everyFormOfCreatingATemporaryTableIsRemembered(String sql) throws Exception {
        SessionState session = new SessionState(Dialect.POSTGRESQL);

        run(sql, Dialect.POSTGRESQL, session);

        assertThat(session.isTemporaryTable("tmp_x")).isTrue();
        assertThat(run("DROP TABLE tmp_x", Dialect.POSTGRESQL, session).decision()).isEqualTo(Decision.ALLOW);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "CREATE TABLE tmp_x (id int)",
            "CREATE UNLOGGED TABLE tmp_x (id int)",
            "SELECT * INTO tmp_x FROM orders",
            "CREATE TEMP VIEW tmp_x AS SELECT 1",
            "CREATE TEMP TABLE tmp_x (id int) ON COMMIT DROP",
            "CREATE TEMP TABLE tmp_x ON COMMIT DROP AS SELECT 1",
            "DO $$ BEGIN CREATE TEMP TABLE tmp_x (id int); END $$",
            "PREPARE p AS SELECT * INTO TEMP tmp_x FROM orders",
            "SELECT 'CREATE TEMP TABLE tmp_x (id int)'"})
    void aTableThatIsNotSurelyTemporaryIsNotRemembered(String sql) throws Exception {
        SessionState session = new SessionState(Dialect.POSTGRESQL);

        run(sql, Dialect.POSTGRESQL, session);

        assertThat(session.temporaryTables()).isEmpty();
        refused("DROP TABLE tmp_x", Dialect.POSTGRESQL, session);
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"MYSQL", "MARIADB"})
    void mysqlTemporaryTables(Dialect dialect) throws Exception {
        SessionState session = new SessionState(dialect);
        run("CREATE TEMPORARY TABLE IF NOT EXISTS `tmp_x` (id INT) ENGINE=MEMORY", dialect, session);
        assertThat(session.isTemporaryTable("tmp_x")).isTrue();

        run("DROP TEMPORARY TABLE IF EXISTS tmp_x", dialect, session);

        assertThat(session.isTemporaryTable("tmp_x")).isFalse();
        refused("DROP TABLE tmp_x", dialect, session);
    }

    @Test
    void aCompoundStatementCreatesATemporaryTableOnlyMaybe() throws Exception {
        SessionState session = new SessionState(Dialect.MARIADB);

        run("IF (SELECT COUNT(*) FROM orders) > 0 THEN CREATE TEMPORARY TABLE tmp_x (id INT); END IF", Dialect.MARIADB,
                session);

        assertThat(session.temporaryTables()).isEmpty();
        refused("DROP TABLE tmp_x", Dialect.MARIADB, session);
    }

    @Test
    void aCompoundStatementThatDropsATemporaryTableForgetsIt() throws Exception {
        SessionState session = new SessionState(Dialect.MARIADB);
        run("CREATE TEMPORARY TABLE tmp_x (id INT); CREATE TEMPORARY TABLE tmp_y (id INT)", Dialect.MARIADB, session);

        run("BEGIN NOT ATOMIC DROP TABLE tmp_x; DROP TEMPORARY TABLE tmp_y; END", Dialect.MARIADB, session);

        assertThat(session.temporaryTables()).isEmpty();
    }

    @Test
    void aDropInsideADoBlockForgetsTheTemporaryTable() throws Exception {
        SessionState session = new SessionState(Dialect.POSTGRESQL);
        run("CREATE TEMP TABLE tmp_x (id int)", Dialect.POSTGRESQL, session);

        run("DO $$ BEGIN DROP TABLE tmp_x; END $$", Dialect.POSTGRESQL, session);

        assertThat(session.temporaryTables()).isEmpty();
        refused("DROP TABLE tmp_x", Dialect.POSTGRESQL, session);
    }

    @Test
    void aDropOfTablesNamedAtRunTimeForgetsThemAll() {
        List<SessionChange> changes = changes("DO $$ BEGIN EXECUTE 'DROP TABLE ' || t; END $$",
                LexicalRules.POSTGRESQL);

        assertThat(changes).extracting(SessionChange::kind)
                .containsExactly(SessionChange.Kind.TEMPORARY_TABLES_DISCARDED);
    }

    @Test
    void theAnalysisListsTheChangesInStatementOrder() {
        assertThat(changes("CREATE TEMP TABLE a (id int); SELECT * INTO TEMP b FROM a; DROP TABLE a, b; DISCARD TEMP",
                LexicalRules.POSTGRESQL)).containsExactly(
                new SessionChange(SessionChange.Kind.TEMPORARY_TABLE_CREATED, "a", null),
                new SessionChange(SessionChange.Kind.TEMPORARY_TABLE_CREATED, "b", null),
                new SessionChange(SessionChange.Kind.TABLE_DROPPED, "a", null),
                new SessionChange(SessionChange.Kind.TABLE_DROPPED, "b", null),
                new SessionChange(SessionChange.Kind.TEMPORARY_TABLES_DISCARDED, null, null));
        assertThat(changes("CREATE TEMPORARY TABLE db.t (id INT); DROP TEMPORARY TABLE db.t, u", LexicalRules.MARIADB))
                .containsExactly(
                        new SessionChange(SessionChange.Kind.TEMPORARY_TABLE_CREATED, "db.t", null),
                        new SessionChange(SessionChange.Kind.TABLE_DROPPED, "db.t", null),
                        new SessionChange(SessionChange.Kind.TABLE_DROPPED, "u", null));
    }

    private static List<SessionChange> changes(String sql, LexicalRules rules) {
        List<SessionChange> changes = new ArrayList<>();
        for (AnalyzedStatement statement : new SqlAnalyzer(GuardConfig.DEFAULT_MAX_PARSE_LENGTH).analyze(sql, rules)) {
            changes.addAll(statement.sessionChanges());
        }
        return changes;
    }

    @Test
    void resetReturnsToTheValueTheSessionStartedWith() throws Exception {
        // a legacy server whose default is off: RESET goes back to off, not to PostgreSQL's usual on
        SessionState legacy = new SessionState(Dialect.POSTGRESQL);
        legacy.serverSetting("standard_conforming_strings", "off");
        run("SET standard_conforming_strings = on", Dialect.POSTGRESQL, legacy);
        run("RESET standard_conforming_strings", Dialect.POSTGRESQL, legacy);
        refused("SELECT 'x\\''; DROP TABLE t; -- '", Dialect.POSTGRESQL, legacy);

        SessionState modern = new SessionState(Dialect.POSTGRESQL);
        modern.serverSetting("standard_conforming_strings", "on");
        run("SET standard_conforming_strings = off", Dialect.POSTGRESQL, modern);
        run("RESET standard_conforming_strings", Dialect.POSTGRESQL, modern);
        assertThat(run("SELECT 'x\\' AS a", Dialect.POSTGRESQL, modern).decision()).isEqualTo(Decision.ALLOW);
    }
}
