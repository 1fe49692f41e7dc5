package dev.dbguard.spring;

import dev.dbguard.core.BlockedStatementException;
import dev.dbguard.core.audit.AuditEvent;
import dev.dbguard.core.audit.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.sql.SQLException;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@code spring.flyway.url} and {@code spring.liquibase.url} make Boot build a data source of the tool's own, which
 * is not a bean. The application here runs on an in-memory H2 database (left alone as ephemeral) while its schema
 * tool is pointed at the real PostgreSQL: the tool's destructive change is refused there, and the data stays.
 */
class MigrationOwnUrlTests {

    private final RecordingAuditSink sink = new RecordingAuditSink();

    private CustomerSchema schema;
    private ApplicationContextRunner runner;

    @BeforeEach
    void createSchemaWithLegacyTable() throws SQLException {
        schema = CustomerSchema.create("starter_own_url");
        schema.execute("CREATE TABLE legacy_orders (id INT PRIMARY KEY)", "INSERT INTO legacy_orders VALUES (1)");
        runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        DbGuardAutoConfiguration.class))
                .withBean(RecordingAuditSink.class, () -> sink)
                .withPropertyValues("dbguard.env=production",
                        "spring.datasource.url=jdbc:h2:mem:own_url_" + UUID.randomUUID().toString().replace("-", ""));
    }

    @AfterEach
    void dropSchema() throws SQLException {
        schema.drop();
    }

    @Test
    void flywayOnItsOwnUrlIsGuardedUnderItsOwnName() throws SQLException {
        runner.withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class))
                .withPropertyValues("spring.flyway.url=" + schema.jdbcUrl(),
                        "spring.flyway.user=" + schema.user(), "spring.flyway.password=" + schema.password(),
                        "spring.flyway.locations=classpath:db/retire-legacy",
                        "spring.flyway.baseline-on-migrate=true", "spring.flyway.baseline-version=0")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(BlockedStatementException.class)
                            .hasStackTraceContaining("legacy_orders");
                    assertThat(sink.events()).extracting(AuditEvent::outcome, AuditEvent::ruleId,
                                    AuditEvent::dataSource)
                            .containsExactly(tuple(Outcome.REFUSED, "drop", MigrationDataSources.FLYWAY));
                });
        assertThat(schema.count("legacy_orders")).isEqualTo(1);
    }

    @Test
    void liquibaseOnItsOwnUrlIsGuardedUnderItsOwnName() throws SQLException {
        runner.withConfiguration(AutoConfigurations.of(LiquibaseAutoConfiguration.class))
                .withPropertyValues("spring.liquibase.url=" + schema.jdbcUrl(),
                        "spring.liquibase.user=" + schema.user(), "spring.liquibase.password=" + schema.password(),
                        "spring.liquibase.change-log=classpath:db/liquibase/changelog.yaml")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(BlockedStatementException.class)
                            .hasStackTraceContaining("legacy_orders");
                    assertThat(sink.events()).filteredOn(event -> event.outcome() == Outcome.REFUSED)
                            .extracting(AuditEvent::ruleId, AuditEvent::dataSource)
                            .containsExactly(tuple("drop", MigrationDataSources.LIQUIBASE));
                });
        assertThat(schema.count("legacy_orders")).isEqualTo(1);
        assertThat(schema.hasTable("notes")).as("changeset 41 ran before 42 was refused").isTrue();
    }

    @Test
    void theApplicationsInMemoryDatabaseStaysUnguardedByTheToolsUrl() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(GuardedDataSources.class).all()).containsOnlyKeys("dataSource");
        });
    }
}
