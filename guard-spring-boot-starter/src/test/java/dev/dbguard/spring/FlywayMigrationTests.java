package dev.dbguard.spring;

import dev.dbguard.DbGuard;
import dev.dbguard.core.BlockedStatementException;
import dev.dbguard.core.GuardOverride;
import dev.dbguard.core.audit.AuditEvent;
import dev.dbguard.core.audit.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A Flyway migration that drops a table, in production: it stops the start, unless an allow-list entry or an
 * override around the migration lets it through on purpose, with an audit event either way.
 */
class FlywayMigrationTests {

    private final RecordingAuditSink sink = new RecordingAuditSink();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                    FlywayAutoConfiguration.class, DbGuardAutoConfiguration.class))
            .withBean(RecordingAuditSink.class, () -> sink)
            .withPropertyValues("dbguard.env=production", "spring.flyway.locations=classpath:db/retire-legacy",
                    // An existing production database brought under Flyway: V1 is the first real migration.
                    "spring.flyway.baseline-on-migrate=true", "spring.flyway.baseline-version=0");

    private CustomerSchema schema;

    @BeforeEach
    void createSchemaWithLegacyTable() throws SQLException {
        schema = CustomerSchema.create("starter_flyway");
        schema.execute("CREATE TABLE legacy_orders (id INT PRIMARY KEY)", "INSERT INTO legacy_orders VALUES (1)");
    }

    @AfterEach
    void dropSchema() throws SQLException {
        schema.drop();
    }

    @Test
    void migrationThatDropsATableStopsTheStartWithTheDbguardMessage() throws SQLException {
        runner.withPropertyValues(schema.dataSourceProperties()).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .hasRootCauseInstanceOf(BlockedStatementException.class)
                    .hasStackTraceContaining("dbguard:")
                    .hasStackTraceContaining("legacy_orders");
            FailureAnalysis analysis = new RefusedStatementFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("(environment production, rule drop)")
                    .contains("dbguard: refused");
            assertThat(analysis.getDescription())
                    .contains(", sent by Flyway migration V1__retire_legacy_orders.sql.");
            assertThat(analysis.getAction()).contains("if the migration is reviewed, add dbguard.allow=drop:legacy_orders"
                            + " (audited), or run the migration inside DbGuard.override(\"<reason>\", \"drop\") in a"
                            + " FlywayMigrationStrategy bean.")
                    .doesNotContain("<object");
            assertThat(sink.events()).extracting(AuditEvent::outcome, AuditEvent::ruleId, AuditEvent::caller)
                    .containsExactly(tuple(Outcome.REFUSED, "drop", "Flyway migration V1__retire_legacy_orders.sql"));
        });
        assertThat(schema.hasTable("legacy_orders")).isTrue();
        assertThat(schema.count("legacy_orders")).isEqualTo(1);
    }

    @Test
    void allowListEntryLetsTheMigrationThroughAndAuditsIt() throws SQLException {
        runner.withPropertyValues(schema.dataSourceProperties())
                .withPropertyValues("dbguard.allow=drop:legacy_*")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(sink.events())
                            .singleElement()
                            .satisfies(event -> {
                                assertThat(event.outcome()).isEqualTo(Outcome.ALLOW_LISTED);
                                assertThat(event.objects()).containsExactly("legacy_orders");
                            });
                });
        assertThat(schema.hasTable("legacy_orders")).isFalse();
        assertThat(schema.hasTable("customers")).isTrue();
    }

    @Test
    void followingThePrintedAdviceLiterallyLetsTheMigrationThrough() throws SQLException {
        String[] advised = new String[1];
        runner.withPropertyValues(schema.dataSourceProperties()).run(context -> {
            String action = new RefusedStatementFailureAnalyzer().analyze(context.getStartupFailure()).getAction();
            java.util.regex.Matcher allow = java.util.regex.Pattern.compile("dbguard\\.allow=(\\S+?)(?:,? |\\.$)")
                    .matcher(action);
            assertThat(allow.find()).as(action).isTrue();
            advised[0] = allow.group(1);
        });
        runner.withPropertyValues(schema.dataSourceProperties())
                .withPropertyValues("dbguard.allow=" + advised[0])
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(schema.hasTable("legacy_orders")).isFalse();
    }

    @Test
    void overrideAroundTheMigrationLetsItThroughAndAuditsTheReason() throws SQLException {
        runner.withPropertyValues(schema.dataSourceProperties())
                .withUserConfiguration(OverridingMigration.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(sink.events())
                            .singleElement()
                            .satisfies(event -> {
                                assertThat(event.outcome()).isEqualTo(Outcome.OVERRIDDEN);
                                assertThat(event.reason()).isEqualTo(OverridingMigration.REASON);
                                assertThat(event.ruleId()).isEqualTo("drop");
                            });
                });
        assertThat(schema.hasTable("legacy_orders")).isFalse();
    }

    /** The documented way through: the migration runs inside an override that names the rule and the reason. */
    @Configuration(proxyBeanMethods = false)
    static class OverridingMigration {

        static final String REASON = "OPS-1234: retire legacy_orders, approved in change review";

        @Bean
        FlywayMigrationStrategy migrateWithDropAllowed() {
            return flyway -> {
                try (GuardOverride override = DbGuard.override(REASON, "drop")) {
                    flyway.migrate();
                }
            };
        }
    }
}
