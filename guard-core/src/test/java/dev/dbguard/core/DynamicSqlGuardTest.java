package dev.dbguard.core;

import dev.dbguard.core.audit.AuditEvent;
import dev.dbguard.core.audit.Outcome;
import dev.dbguard.core.sql.SessionChange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine on dynamic SQL and session state: the dynamic-sql rule's policy, allow-list and override, allow-list
 * entries that names built at run time cannot stretch, and the session changes a statement makes.
 */
class DynamicSqlGuardTest {

    private static final String FIXTURE_CLEANUP = "DO $$ BEGIN EXECUTE (SELECT 'TRUNCATE TABLE ' || string_agg("
            + "format('%I.%I', schemaname, tablename), ', ') FROM pg_tables WHERE schemaname = 'public'); END $$";

    private final RecordingSink sink = new RecordingSink();

    private StatementGuard guard(GuardConfig.Builder builder) {
        return new StatementGuard(builder.auditSink(sink).build());
    }

    private StatementGuard production() {
        return guard(GuardConfig.builder().environment("production"));
    }

    private static Target postgresql(StatementGuard guard) {
        return guard.target("shop", null, Dialect.POSTGRESQL);
    }

    @Test
    void theFixtureCleanupSnippetIsRefusedAsATruncateOfTablesNamedAtRunTime() {
        StatementGuard guard = production();

        Verdict verdict = guard.check(FIXTURE_CLEANUP, postgresql(guard));

        assertThat(verdict.decision()).isEqualTo(Decision.BLOCK);
        assertThat(verdict.ruleId()).isEqualTo("truncate");
        assertThat(verdict.findings()).singleElement().satisfies(f -> assertThat(f.objects()).containsExactly("?"));
        assertThat(verdict.message()).contains("refused TRUNCATE ? (? = named at run time)")
                .doesNotContain("dbguard.allow=truncate");
    }

    @Test
    void anAllowListEntryCannotBeStretchedByANameBuiltAtRunTime() {
        StatementGuard guard = guard(GuardConfig.builder().environment("production").allow("drop", "tmp_*")
                .allow("truncate", "*"));
        Target target = postgresql(guard);

        assertThat(guard.check("DROP TABLE tmp_x", target).decision()).isEqualTo(Decision.AUDIT);
        assertThat(guard.check("DO $$ BEGIN EXECUTE 'DROP TABLE tmp_x'; END $$", target).decision())
                .isEqualTo(Decision.AUDIT);
        Verdict stretched = guard.check("DO $$ BEGIN EXECUTE 'DROP TABLE tmp_x, ' || tbl; END $$", target);
        assertThat(stretched.decision()).isEqualTo(Decision.BLOCK);
        assertThat(stretched.findings()).singleElement().satisfies(f -> assertThat(f.objects()).containsExactly("tmp_x", "?"));
        assertThat(guard.check("DO $$ BEGIN EXECUTE 'DROP TABLE tmp_' || suffix; END $$", target).decision())
                .isEqualTo(Decision.BLOCK);
        assertThat(guard.check("DROP TABLE tmp_s.keep", target).decision()).isEqualTo(Decision.BLOCK);
        assertThat(guard.check("DROP TABLE public.tmp_x", target).decision()).isEqualTo(Decision.AUDIT);
        assertThat(guard.check(FIXTURE_CLEANUP, target).decision()).isEqualTo(Decision.BLOCK);
    }

    @Test
    void schemaQualifiedPatternsSaySoExplicitly() {
        StatementGuard guard = guard(GuardConfig.builder().environment("production").allow("drop", "scratch.*"));
        Target target = postgresql(guard);

        assertThat(guard.check("DROP TABLE scratch.t1", target).decision()).isEqualTo(Decision.AUDIT);
        assertThat(guard.check("DROP TABLE scratch.t1, scratch.t2", target).decision()).isEqualTo(Decision.AUDIT);
        assertThat(guard.check("DROP TABLE scratch.t1, public.t2", target).decision()).isEqualTo(Decision.BLOCK);
        assertThat(guard.check("DROP TABLE t1", target).decision()).isEqualTo(Decision.BLOCK);
    }

    @ParameterizedTest(name = "{0} -> {1} in production, {2} in staging")
    @CsvSource({"BLOCK, BLOCK, AUDIT", "AUDIT, AUDIT, AUDIT", "ALLOW, ALLOW, ALLOW"})
    void theDynamicSqlPolicyDecidesForTextWhoseCommandIsUnknown(Policy policy, Decision production, Decision staging)
            throws Exception {
        String sql = "DO $$ BEGIN EXECUTE q; END $$";
        StatementGuard prod = guard(GuardConfig.builder().environment("production").dynamicSqlPolicy(policy));
        StatementGuard stage = guard(GuardConfig.builder().environment("staging").dynamicSqlPolicy(policy));

        Verdict verdict = prod.check(sql, postgresql(prod));

        assertThat(verdict.decision()).isEqualTo(production);
        assertThat(stage.enforce(sql, postgresql(stage)).decision()).isEqualTo(staging);
        if (production == Decision.BLOCK) {
            assertThat(verdict.ruleId()).isEqualTo("dynamic-sql");
            assertThat(verdict.message()).contains("dynamic SQL built from q").contains("(rule dynamic-sql)")
                    .contains("dbguard.allow=dynamic-sql:q").contains("dbguard.dynamic-sql-policy=audit");
        }
        // the policy is for dynamic text only: literal text keeps the rule of its command
        assertThat(prod.check("DO $$ BEGIN EXECUTE 'DROP TABLE u'; END $$", postgresql(prod)).decision())
                .isEqualTo(Decision.BLOCK);
    }

    @Test
    void dynamicSqlCanBeAllowListedOrOverridden() throws Exception {
        StatementGuard guard = guard(GuardConfig.builder().environment("production").allow("dynamic-sql", "*"));
        Target target = postgresql(guard);

        assertThat(guard.enforce("DO $$ BEGIN EXECUTE q; END $$", target).decision()).isEqualTo(Decision.AUDIT);
        assertThat(guard.enforce("SELECT dblink_exec('conn', ?)", target).decision()).isEqualTo(Decision.AUDIT);
        assertThat(guard.enforce("COPY t TO PROGRAM 'gzip > /tmp/t.gz'", target).decision()).isEqualTo(Decision.AUDIT);
        assertThat(sink.events).extracting(AuditEvent::outcome).containsOnly(Outcome.ALLOW_LISTED);

        StatementGuard strict = production();
        try (GuardOverride override = GuardOverride.allow("OPS-7 nightly export", "dynamic-sql")) {
            assertThat(strict.enforce("COPY t TO PROGRAM 'gzip > /tmp/t.gz'", postgresql(strict)).decision())
                    .isEqualTo(Decision.AUDIT);
        }
        assertThat(strict.check("COPY t TO PROGRAM 'gzip > /tmp/t.gz'", postgresql(strict)).decision())
                .isEqualTo(Decision.BLOCK);
    }

    @Test
    void aSessionFollowsTheSettingsItsStatementsChange() throws Exception {
        StatementGuard guard = production();
        Target target = postgresql(guard);
        SessionState session = new SessionState(Dialect.POSTGRESQL);

        Verdict set = guard.enforce("SET standard_conforming_strings = off", target, session);
        assertThat(set.sessionChanges()).containsExactly(
                new SessionChange(SessionChange.Kind.SETTING, "standard_conforming_strings", "off"));
        session.record(set);
        assertThat(session.readings()).extracting(Object::toString)
                .containsExactly("PostgreSQL(standard_conforming_strings=off)");

        session.record(guard.enforce("RESET ALL", target, session));
        assertThat(session.readings()).extracting(Object::toString)
                .containsExactly("PostgreSQL(standard_conforming_strings=on)");

        session.record(guard.enforce("SELECT set_config('standard_conforming_strings', v, false) FROM cfg", target,
                session));
        assertThat(session.readings()).hasSize(2); // the value is computed: read both ways
    }

    @Test
    void mysqlSessionsFollowSqlModeButNotGlobalChanges() throws Exception {
        StatementGuard guard = production();
        Target target = guard.target("shop", null, Dialect.MARIADB);
        SessionState session = new SessionState(Dialect.MARIADB);

        session.record(guard.enforce("SET GLOBAL sql_mode = 'ANSI_QUOTES'", target, session));
        assertThat(session.readings()).extracting(Object::toString).singleElement().asString()
                .contains("ansi_quotes=false");
        session.record(guard.enforce("SET SESSION sql_mode = 'ANSI_QUOTES'", target, session));
        assertThat(session.readings()).extracting(Object::toString).singleElement().asString()
                .contains("ansi_quotes=true");
        session.record(guard.enforce("SET sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES')", target, session));
        assertThat(session.readings()).hasSize(8);
    }

    @Test
    void droppingOrDiscardingTemporaryTablesIsRemembered() throws Exception {
        StatementGuard guard = production();
        Target target = postgresql(guard);
        SessionState session = new SessionState(Dialect.POSTGRESQL);
        session.apply(new SessionChange(SessionChange.Kind.TEMPORARY_TABLE_CREATED, "tmp_a", null));
        session.apply(new SessionChange(SessionChange.Kind.TEMPORARY_TABLE_CREATED, "tmp_b", null));
        session.apply(new SessionChange(SessionChange.Kind.TEMPORARY_TABLE_CREATED, "tmp_c", null));

        // the second DROP in one string reaches a permanent table of that name, if any
        assertThat(guard.check("DROP TABLE tmp_a; DROP TABLE tmp_a", target, session).decision())
                .isEqualTo(Decision.BLOCK);
        session.record(guard.enforce("DROP TABLE tmp_a", target, session));
        assertThat(session.temporaryTables()).containsExactly("tmp_b", "tmp_c");
        assertThat(guard.check("TRUNCATE tmp_a", target, session).decision()).isEqualTo(Decision.BLOCK);
        assertThat(guard.check("TRUNCATE tmp_b", target, session).decision()).isEqualTo(Decision.ALLOW);

        session.record(guard.enforce("DISCARD TEMP", target, session));
        assertThat(session.temporaryTables()).isEmpty();
        assertThat(guard.check("TRUNCATE tmp_b", target, session).decision()).isEqualTo(Decision.BLOCK);
    }

    @Test
    void mysqlDropTemporaryTableForgetsTheTable() throws Exception {
        StatementGuard guard = production();
        Target target = guard.target("shop", null, Dialect.MYSQL);
        SessionState session = new SessionState(Dialect.MYSQL);
        session.apply(new SessionChange(SessionChange.Kind.TEMPORARY_TABLE_CREATED, "tmp_a", null));

        Verdict verdict = guard.enforce("DROP TEMPORARY TABLE IF EXISTS tmp_a", target, session);
        session.record(verdict);

        assertThat(verdict.decision()).isEqualTo(Decision.ALLOW);
        assertThat(session.temporaryTables()).isEmpty();
        assertThat(guard.check("DROP TABLE tmp_a", target, session).decision()).isEqualTo(Decision.BLOCK);
    }

    @Test
    void aTableDroppedUnderARunTimeNameMakesTheSessionForgetItsTemporaryTables() {
        StatementGuard guard = guard(GuardConfig.builder().environment("production").dynamicSqlPolicy(Policy.ALLOW));
        Target target = postgresql(guard);
        SessionState session = new SessionState(Dialect.POSTGRESQL);
        session.apply(new SessionChange(SessionChange.Kind.TEMPORARY_TABLE_CREATED, "tmp_a", null));

        assertThat(guard.check("TRUNCATE tmp_a", target, session).decision()).isEqualTo(Decision.ALLOW);
        assertThat(guard.check("DO $$ BEGIN EXECUTE 'DROP TABLE ' || t; END $$; TRUNCATE tmp_a", target, session)
                .findings()).extracting(Finding::ruleId).containsExactly("drop", "truncate");
    }
}
