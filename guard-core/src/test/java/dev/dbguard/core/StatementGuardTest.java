package dev.dbguard.core;

import dev.dbguard.core.audit.AuditEvent;
import dev.dbguard.core.audit.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatementGuardTest {

    private final RecordingSink sink = new RecordingSink();

    private StatementGuard guard(GuardConfig.Builder builder) {
        return new StatementGuard(builder.auditSink(sink).build());
    }

    private StatementGuard production() {
        return guard(GuardConfig.builder().environment("production"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "production, BLOCK", "prod, BLOCK", "live, BLOCK", "qa-eu, BLOCK",
            "staging, AUDIT", "preprod, AUDIT",
            "development, OFF", "local, OFF", "test, OFF", "ci, OFF"})
    void defaultModeFollowsTheEnvironment(String environment, Mode mode) {
        StatementGuard guard = guard(GuardConfig.builder().environment(environment));

        assertThat(guard.target("orders", null).mode()).isEqualTo(mode);
    }

    @Test
    void everyEnvironmentsModeCanBeConfigured() {
        StatementGuard guard = guard(GuardConfig.builder().environment("prod")
                .mode("production", Mode.AUDIT).mode("qa-eu", Mode.OFF));

        assertThat(guard.target("orders", null).mode()).isEqualTo(Mode.AUDIT);
        assertThat(new StatementGuard(GuardConfig.builder().environment("qa-eu").build()).config().modeFor(
                dev.dbguard.core.env.Environment.of("qa-eu"))).isEqualTo(Mode.BLOCK);
        assertThat(guard.config().modeFor(dev.dbguard.core.env.Environment.of("qa-eu"))).isEqualTo(Mode.OFF);
    }

    @Test
    void aProductionUrlPatternMakesADevelopmentConnectionProduction() {
        StatementGuard guard = guard(GuardConfig.builder().environment("development")
                .productionUrlPatterns(List.of("*.rds.amazonaws.com")));

        Target laptop = guard.target("orders", "jdbc:postgresql://localhost:5432/app");
        Target prod = guard.target("orders", "jdbc:postgresql://orders.abc123.eu-west-1.rds.amazonaws.com:5432/app");

        assertThat(laptop.mode()).isEqualTo(Mode.OFF);
        assertThat(prod.mode()).isEqualTo(Mode.BLOCK);
        assertThat(prod.environment().environment().name()).isEqualTo("production");
        assertThat(prod.environment().source()).contains("*.rds.amazonaws.com");
        assertThat(guard.check("TRUNCATE orders", prod).decision()).isEqualTo(Decision.BLOCK);
    }

    @Test
    void refusalNamesRuleObjectEnvironmentSourceAndTheWaysToAllowIt() {
        StatementGuard guard = guard(GuardConfig.builder().environment("production", "system property dbguard.env"));

        assertThatThrownBy(() -> guard.enforce("TRUNCATE orders", guard.target("shop", null)))
                .isInstanceOf(BlockedStatementException.class)
                .hasMessageStartingWith("dbguard: refused TRUNCATE orders (rule truncate) on data source 'shop'"
                        + " in production (from system property dbguard.env, mode block)")
                .hasMessageContaining("dbguard.allow=truncate:orders")
                .hasMessageContaining("DbGuard.override(\"<reason>\", \"truncate\")")
                .satisfies(e -> assertThat(((BlockedStatementException) e).getErrorCode())
                        .isEqualTo(BlockedStatementException.VENDOR_CODE))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void everyRefusalIsAnAuditEventWithRedactedSqlAndCaller() {
        StatementGuard guard = production();

        assertThatThrownBy(() -> guard.enforce("DELETE FROM tasks WHERE 'secret' = 'secret'", guard.target("shop", null)))
                .isInstanceOf(BlockedStatementException.class);

        assertThat(sink.events).singleElement().satisfies(event -> {
            assertThat(event.outcome()).isEqualTo(Outcome.REFUSED);
            assertThat(event.ruleId()).isEqualTo("unscoped-delete");
            assertThat(event.objects()).containsExactly("tasks");
            assertThat(event.sql()).doesNotContain("secret");
            assertThat(event.environment()).isEqualTo("production");
            assertThat(event.dataSource()).isEqualTo("shop");
            assertThat(event.mode()).isEqualTo(Mode.BLOCK);
            assertThat(event.fingerprint()).isNotBlank();
            assertThat(event.caller()).contains("StatementGuardTest");
        });
    }

    @Test
    void auditModeRunsAndCountsAndReportsEveryExecution() throws Exception {
        StatementGuard guard = guard(GuardConfig.builder().environment("staging").auditWindow(Duration.ofHours(1)));
        Target target = guard.target("shop", null);

        for (int i = 0; i < 1_000; i++) {
            assertThat(guard.enforce("DELETE FROM tasks", target).decision()).isEqualTo(Decision.AUDIT);
        }

        assertThat(guard.statistics().count(Decision.AUDIT)).isEqualTo(1_000);
        assertThat(guard.statistics().count(Decision.AUDIT, "unscoped-delete")).isEqualTo(1_000);
        assertThat(sink.events).hasSize(1_000).extracting(AuditEvent::outcome).containsOnly(Outcome.AUDITED);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "SELECT 1 | ALLOW",
            "SHOW search_path | ALLOW",
            "SET search_path TO app | ALLOW",
            "EXPLAIN SELECT * FROM tasks | ALLOW",
            "BEGIN | ALLOW",
            "VALUES (1) | ALLOW",
            "WITH x AS (SELECT 1) SELECT * FROM x | ALLOW",
            "INSERT INTO tasks (title) VALUES ('x') | BLOCK",
            "UPDATE tasks SET done = true WHERE id = 1 | BLOCK",
            "CREATE TABLE t (id int) | BLOCK",
            "SELECT * INTO copy_of_tasks FROM tasks | BLOCK",
            "EXPLAIN ANALYZE DELETE FROM tasks WHERE id = 1 | BLOCK",
            "WITH d AS (DELETE FROM tasks WHERE id = 1 RETURNING *) SELECT * FROM d | BLOCK",
            "SELECT 1; INSERT INTO t VALUES (1) | BLOCK",
            "TRUNCATE tasks | BLOCK"})
    void readOnlyModeRefusesEveryWrite(String sql, Decision decision) {
        StatementGuard guard = guard(GuardConfig.builder().environment("production").mode("production", Mode.READ_ONLY));

        Verdict verdict = guard.check(sql, guard.target("prod-readonly", null));

        assertThat(verdict.decision()).isEqualTo(decision);
        if (decision == Decision.BLOCK) {
            assertThat(verdict.ruleId()).isEqualTo("read-only");
            assertThat(verdict.message()).contains("read-only mode");
        }
    }

    @Test
    void aLongStatementCachedAsHarmlessIsStillAWriteForReadOnlyTargetsOfTheSameGuard() {
        StatementGuard guard = guard(GuardConfig.builder().environment("production").mode("staging", Mode.READ_ONLY));
        Target production = guard.target("orders", null);
        Target readOnly = guard.target("orders-readonly", null, Dialect.UNKNOWN, Mode.READ_ONLY);
        String longInsert = "INSERT INTO tasks (id, title) VALUES " + "(1, 'a'), ".repeat(40) + "(2, 'b')";

        assertThat(guard.check(longInsert, production).decision()).isEqualTo(Decision.ALLOW);
        assertThat(guard.check(longInsert, production).decision()).isEqualTo(Decision.ALLOW);
        assertThat(guard.check(longInsert, readOnly).decision()).isEqualTo(Decision.BLOCK);
        assertThat(guard.check(longInsert, production).decision()).isEqualTo(Decision.ALLOW);
    }

    @Test
    void onlyAGuardMakesTargetsAndAModeOfTheirOwnNeverSwitchesAnOffGuardOn() {
        assertThat(Target.class.getConstructors()).as("public constructors of Target").isEmpty();

        StatementGuard production = guard(GuardConfig.builder().environment("production"));
        Target readOnly = production.target("debug", "jdbc:postgresql://db/shop", Dialect.POSTGRESQL, Mode.READ_ONLY);
        assertThat(readOnly.mode()).isEqualTo(Mode.READ_ONLY);
        assertThat(readOnly.environment())
                .isEqualTo(production.target("debug", "jdbc:postgresql://db/shop").environment());
        assertThat(production.check("UPDATE orders SET total = 0 WHERE id = 1", readOnly).decision())
                .isEqualTo(Decision.BLOCK);

        StatementGuard off = guard(GuardConfig.builder().environment("production").enabled(false));
        assertThat(off.target("debug", null, Dialect.POSTGRESQL, Mode.READ_ONLY).mode()).isEqualTo(Mode.OFF);
    }

    @Test
    void allowListEntryLetsOneRuleThroughForMatchingObjectsOnly() throws Exception {
        StatementGuard guard = guard(GuardConfig.builder().environment("production").allow("truncate", "audit_tmp_*"));
        Target target = guard.target("shop", null);

        assertThat(guard.enforce("TRUNCATE audit_tmp_2024", target).decision()).isEqualTo(Decision.AUDIT);
        assertThat(guard.enforce("TRUNCATE public.audit_tmp_2024", target).decision()).isEqualTo(Decision.AUDIT);
        assertThat(guard.check("TRUNCATE audit_tmp_1, orders", target).decision()).isEqualTo(Decision.BLOCK);
        assertThat(guard.check("TRUNCATE orders", target).decision()).isEqualTo(Decision.BLOCK);
        assertThat(guard.check("DROP TABLE audit_tmp_2024", target).decision()).isEqualTo(Decision.BLOCK);
        assertThat(sink.events).extracting(AuditEvent::outcome).containsOnly(Outcome.ALLOW_LISTED);
    }

    @Test
    void overrideLetsTheNamedRulesThroughOnThisThreadAndAuditsTheReason() throws Exception {
        StatementGuard guard = production();
        Target target = guard.target("shop", null);

        try (GuardOverride override = GuardOverride.allow("JIRA-42 purge scratch data", "truncate")) {
            assertThat(guard.enforce("TRUNCATE scratch", target).decision()).isEqualTo(Decision.AUDIT);
            assertThat(guard.check("DROP TABLE scratch", target).decision()).isEqualTo(Decision.BLOCK);
            Verdict otherThread = Executors.newSingleThreadExecutor().submit(() -> guard.check("TRUNCATE scratch", target)).get();
            assertThat(otherThread.decision()).isEqualTo(Decision.BLOCK);
        }
        assertThat(guard.check("TRUNCATE scratch", target).decision()).isEqualTo(Decision.BLOCK);

        assertThat(sink.events).singleElement().satisfies(event -> {
            assertThat(event.outcome()).isEqualTo(Outcome.OVERRIDDEN);
            assertThat(event.reason()).isEqualTo("JIRA-42 purge scratch data");
        });
    }

    @Test
    void overrideWithoutReasonOrRulesIsRefused() {
        assertThatThrownBy(() -> GuardOverride.allow(" ", "truncate")).hasMessageContaining("needs a reason");
        assertThatThrownBy(() -> GuardOverride.allow("why")).hasMessageContaining("must name the rules");
        assertThatThrownBy(() -> GuardOverride.allow("why", "trunc")).hasMessageContaining("Unknown dbguard rule 'trunc'");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"BLOCK, BLOCK", "AUDIT, AUDIT", "ALLOW, ALLOW"})
    void unparsedPolicyDecidesForWhatOnlyTheScannerUnderstood(Policy policy, Decision decision) {
        StatementGuard guard = guard(GuardConfig.builder().environment("production").unparsedPolicy(policy));
        String doBlock = "DO $$ BEGIN DROP TABLE tasks; END $$";

        Verdict verdict = guard.check(doBlock, guard.target("shop", null));

        assertThat(verdict.classification()).isEqualTo(Classification.UNPARSED_DESTRUCTIVE);
        assertThat(verdict.decision()).isEqualTo(decision);
        assertThat(guard.check("DROP TABLE tasks", guard.target("shop", null)).decision()).isEqualTo(Decision.BLOCK);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "SELECT 1 | SAFE",
            "DROP TABLE tasks | DESTRUCTIVE",
            "DO $$ BEGIN DROP TABLE tasks; END $$ | UNPARSED_DESTRUCTIVE",
            "DO $$ BEGIN PERFORM 1; UPDATE t SET x = 1 WHERE id = 2; END $$ | UNPARSED",
            "TRUNCATE tasks RESTART IDENTITY | UNPARSED_DESTRUCTIVE",
            "DELETE FROM ONLY tasks | UNPARSED_DESTRUCTIVE"})
    void classificationSaysWhetherTheParserOrTheScannerDecided(String sql, Classification classification) {
        StatementGuard guard = production();

        assertThat(guard.check(sql, guard.target("shop", null)).classification()).isEqualTo(classification);
    }

    @ParameterizedTest(name = "{0} levels")
    @CsvSource({"10, BLOCK", "48, BLOCK", "49, BLOCK", "50, BLOCK", "200, BLOCK", "2000, BLOCK"})
    void anAlwaysTrueWhereStaysRefusedHoweverDeepItIsNested(int depth, Decision decision) {
        StatementGuard guard = production();
        String sql = "DELETE FROM tasks WHERE " + "(".repeat(depth) + "1 = 1" + ")".repeat(depth);

        Verdict verdict = guard.check(sql, guard.target("shop", null));

        assertThat(verdict.decision()).isEqualTo(decision);
        assertThat(verdict.ruleId()).isEqualTo("unscoped-delete");
    }

    @Test
    void aDisabledRuleNoLongerFires() {
        StatementGuard guard = guard(GuardConfig.builder().environment("production").rule("unscoped-update", false));
        Target target = guard.target("shop", null);

        assertThat(guard.check("UPDATE tasks SET done = true", target).decision()).isEqualTo(Decision.ALLOW);
        assertThat(guard.check("DELETE FROM tasks", target).decision()).isEqualTo(Decision.BLOCK);
    }

    @Test
    void aDisabledGuardChecksNothing() throws Exception {
        StatementGuard guard = guard(GuardConfig.builder().environment("production").enabled(false));

        assertThat(guard.target("shop", null).mode()).isEqualTo(Mode.OFF);
        assertThat(guard.enforce("DROP DATABASE shop", guard.target("shop", null)).decision()).isEqualTo(Decision.ALLOW);
    }

    @Test
    void countersAreExactUnderConcurrentUse() throws Exception {
        StatementGuard guard = guard(GuardConfig.builder().environment("staging"));
        Target target = guard.target("shop", null);
        int threads = 8;
        int perThread = 2_000;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    guard.enforce(i % 2 == 0 ? "SELECT " + id : "TRUNCATE t" + (i % 7), target);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();

        assertThat(guard.statistics().count(Decision.ALLOW)).isEqualTo(threads * perThread / 2);
        assertThat(guard.statistics().count(Decision.AUDIT, "truncate")).isEqualTo(threads * perThread / 2);
    }

    @Test
    void verdictCacheStaysWithinItsBound() {
        StatementGuard guard = guard(GuardConfig.builder().environment("production").cacheSize(100));
        Target target = guard.target("shop", null);

        for (int i = 0; i < 5_000; i++) {
            guard.check("DELETE FROM tasks WHERE id = " + i, target);
        }

        assertThat(guard.cachedStatements()).isLessThanOrEqualTo(100);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "MARIADB    | DELETE FROM orders WHERE 1 = 1 OR note = \"secret\"",
            "UNKNOWN    | DELETE FROM orders WHERE 1 = 1 OR note = \"secret\"",
            "POSTGRESQL | DELETE FROM orders WHERE 1 = 1 OR note = $$secret$$",
            "UNKNOWN    | DELETE FROM orders WHERE 1 = 1 OR note = $$secret$$"})
    void auditedSqlHidesLiteralsAsEveryPossibleServerReadsThem(Dialect dialect, String sql) throws Exception {
        StatementGuard guard = guard(GuardConfig.builder().environment("staging"));

        guard.enforce(sql, guard.target("orders", null, dialect));

        assertThat(sink.events).singleElement().satisfies(event -> assertThat(event.sql()).doesNotContain("secret"));
    }
}
