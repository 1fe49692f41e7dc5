package dev.dbguard.spring;

import dev.dbguard.core.BlockedStatementException;
import dev.dbguard.core.Decision;
import dev.dbguard.core.audit.AuditEvent;
import dev.dbguard.core.audit.Outcome;
import dev.dbguard.jdbc.GuardedDataSource;
import dev.dbguard.spring.jpa.JpaApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Statements sent by frameworks while the application starts, in production on real PostgreSQL: the refusal and
 * the audit event name the framework and what it was doing, and the printed advice, followed literally, lets the
 * statement through. (Flyway: {@link FlywayMigrationTests}.)
 */
@ExtendWith(OutputCaptureExtension.class)
class FrameworkSendersTests {

    private static final Pattern ALLOW = Pattern.compile("dbguard\\.allow=(\\S+?)(?:,? |\\.$|\\.\\s)");

    private final RecordingAuditSink sink = new RecordingAuditSink();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, DbGuardAutoConfiguration.class))
            .withBean(RecordingAuditSink.class, () -> sink)
            .withPropertyValues("dbguard.env=production");

    private CustomerSchema schema;

    @BeforeEach
    void createSchema() throws SQLException {
        schema = CustomerSchema.create("starter_senders");
        schema.execute("CREATE TABLE legacy_orders (id INT PRIMARY KEY)");
    }

    @AfterEach
    void dropSchema() throws SQLException {
        schema.drop();
    }

    @Test
    void anInitScriptIsNamedWithItsStatementNumberAndToldNotToRunHere(CapturedOutput output) throws SQLException {
        ApplicationContextRunner sqlInit = runner
                .withConfiguration(AutoConfigurations.of(DataSourceInitializationAutoConfiguration.class))
                .withPropertyValues(schema.dataSourceProperties())
                .withPropertyValues("spring.sql.init.mode=always",
                        "spring.sql.init.schema-locations=classpath:db/senders/schema.sql");
        String[] advice = new String[1];
        sqlInit.run(context -> {
            assertThat(context).hasFailed();
            BlockedStatementException refusal = rootCause(context.getStartupFailure());
            assertThat(refusal.getMessage()).contains("dbguard: refused DROP TABLE customers (rule drop)")
                    .contains(", sent by spring.sql.init script classpath:db/senders/schema.sql (statement 2).");
            FailureAnalysis analysis = new RefusedStatementFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getAction()).contains("add dbguard.allow=drop:customers (audited)")
                    .contains("set spring.sql.init.mode=embedded (Boot's default, in-memory databases only) or never"
                            + " for production")
                    .doesNotContain("FlywayMigrationStrategy");
            assertThat(sink.events()).extracting(AuditEvent::caller)
                    .containsExactly("spring.sql.init script classpath:db/senders/schema.sql (statement 2)");
            advice[0] = allowEntries(refusal.getMessage());
        });
        assertThat(schema.count("customers")).isEqualTo(CustomerSchema.ROWS);
        // Found before it ran: the setting and what it would do.
        assertThat(output).containsPattern("WARN .*DangerousSettings - dbguard: spring.sql.init.mode=always \\(.*\\)"
                        + " on data source 'dataSource' in production")
                .contains("classpath:db/senders/schema.sql statement 2: DROP TABLE customers");

        sink.clear();
        sqlInit.withPropertyValues("dbguard.allow=" + advice[0]).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(sink.events()).extracting(AuditEvent::outcome).containsExactly(Outcome.ALLOW_LISTED);
        });
        assertThat(schema.count("customers")).isZero();
    }

    @Test
    void hibernateSchemaManagementIsNamedWithItsSettingAndItsAdviceWorks(CapturedOutput output) throws SQLException {
        ApplicationContextRunner hibernate = runner
                .withConfiguration(AutoConfigurations.of(HibernateJpaAutoConfiguration.class))
                .withUserConfiguration(JpaApplication.class)
                .withPropertyValues(schema.dataSourceProperties())
                .withPropertyValues("spring.jpa.hibernate.ddl-auto=create", "spring.liquibase.enabled=false");
        hibernate.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(sink.events()).isNotEmpty().allSatisfy(event -> {
                assertThat(event.outcome()).isEqualTo(Outcome.REFUSED);
                assertThat(event.caller())
                        .isEqualTo("Hibernate schema management (spring.jpa.hibernate.ddl-auto=create)");
            });
        });
        Set<String> entries = new LinkedHashSet<>();
        output.getAll().lines().filter(line -> line.contains("sent by Hibernate schema management"))
                .forEach(line -> {
                    assertThat(line).contains("set spring.jpa.hibernate.ddl-auto=validate (or none) for production");
                    entries.add(allowEntries(line));
                });
        assertThat(entries).isNotEmpty();
        assertThat(schema.count("customers")).isEqualTo(CustomerSchema.ROWS);

        sink.clear();
        hibernate.withPropertyValues("dbguard.allow=" + String.join(",", entries)).run(context -> {
            assertThat(context).hasNotFailed();
            GuardedDataSource dataSource = context.getBean(DataSource.class).unwrap(GuardedDataSource.class);
            assertThat(dataSource.statementGuard().statistics().count(Decision.BLOCK)).isZero();
            assertThat(sink.events()).isNotEmpty().extracting(AuditEvent::outcome).containsOnly(Outcome.ALLOW_LISTED);
        });
    }

    @Test
    void aLiquibaseChangesetIsNamedByFileIdAndAuthorAndItsAdviceWorks() throws SQLException {
        ApplicationContextRunner liquibase = runner
                .withConfiguration(AutoConfigurations.of(LiquibaseAutoConfiguration.class))
                .withPropertyValues(schema.dataSourceProperties())
                .withPropertyValues("spring.liquibase.change-log=classpath:db/liquibase/changelog.yaml");
        String[] advice = new String[1];
        liquibase.run(context -> {
            assertThat(context).hasFailed();
            BlockedStatementException refusal = rootCause(context.getStartupFailure());
            assertThat(refusal.getMessage()).contains("dbguard: refused DROP TABLE")
                    .contains(", sent by Liquibase changeset db/liquibase/changelog.yaml::42::alice.")
                    .contains("keep the changeset out of production with a Liquibase context or label");
            assertThat(sink.events()).filteredOn(event -> event.outcome() == Outcome.REFUSED)
                    .extracting(AuditEvent::caller)
                    .containsExactly("Liquibase changeset db/liquibase/changelog.yaml::42::alice");
            // Liquibase's own lock-table reset is bookkeeping, let through and audited.
            assertThat(sink.events()).filteredOn(event -> event.outcome() == Outcome.ALLOW_LISTED)
                    .extracting(AuditEvent::ruleId, AuditEvent::caller)
                    .containsOnly(org.assertj.core.groups.Tuple.tuple("unscoped-delete",
                            "Liquibase changelog classpath:db/liquibase/changelog.yaml"));
            advice[0] = allowEntries(refusal.getMessage());
        });
        assertThat(schema.hasTable("legacy_orders")).isTrue();

        liquibase.withPropertyValues("dbguard.allow=" + advice[0])
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(schema.hasTable("legacy_orders")).isFalse();
        assertThat(schema.hasTable("notes")).isTrue();
    }

    private static String allowEntries(String message) {
        Matcher allow = ALLOW.matcher(message);
        assertThat(allow.find()).as("allow-list advice in: %s", message).isTrue();
        return allow.group(1);
    }

    private static BlockedStatementException rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof BlockedStatementException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("a dbguard refusal stopped the start: %s", failure).isNotNull();
        return (BlockedStatementException) cause;
    }
}
