package dev.dbguard.spring;

import dev.dbguard.spring.jpa.JpaApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settings that make a framework send SQL dbguard refuses are found at start-up, before the framework runs: one
 * WARN line each with where the setting came from, or a stopped start with {@code dbguard.dangerous-settings=fail}.
 */
@ExtendWith(OutputCaptureExtension.class)
class DangerousSettingsTests {

    private final RecordingAuditSink sink = new RecordingAuditSink();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, DbGuardAutoConfiguration.class))
            .withBean(RecordingAuditSink.class, () -> sink);

    private CustomerSchema schema;

    @BeforeEach
    void createSchema() {
        schema = CustomerSchema.create("starter_dangerous");
    }

    @AfterEach
    void dropSchema() throws SQLException {
        schema.drop();
    }

    private ApplicationContextRunner hibernate(String ddlAuto) {
        return runner.withConfiguration(AutoConfigurations.of(HibernateJpaAutoConfiguration.class))
                .withUserConfiguration(JpaApplication.class)
                .withPropertyValues(schema.dataSourceProperties())
                .withPropertyValues("spring.jpa.hibernate.ddl-auto=" + ddlAuto);
    }

    @Test
    void ddlAutoThatDropsIsOneWarnLineWithItsOrigin(CapturedOutput output) {
        hibernate("create-drop").withPropertyValues("dbguard.env=production")
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(output.getOut().lines().filter(line -> line.contains("DangerousSettings - ")))
                .singleElement().satisfies(line -> assertThat(line)
                        .contains("WARN")
                        .contains("dbguard: spring.jpa.hibernate.ddl-auto=create-drop (\"spring.jpa.hibernate.ddl-auto\""
                                + " from property source \"test\") on data source 'dataSource' in production")
                        .contains("Set spring.jpa.hibernate.ddl-auto=validate (or none) for production"));
    }

    @Test
    void failModeStopsTheStartBeforeHibernateSendsAnything() throws SQLException {
        hibernate("update").withPropertyValues("dbguard.env=production", "dbguard.dangerous-settings=fail")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().isInstanceOf(DangerousSettingException.class)
                            .hasMessageContaining("spring.jpa.hibernate.ddl-auto=update");
                    FailureAnalysis analysis = new DangerousSettingFailureAnalyzer()
                            .analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("spring.jpa.hibernate.ddl-auto=update");
                    assertThat(analysis.getAction()).contains("dbguard.dangerous-settings=warn");
                });
        assertThat(sink.events()).isEmpty();
        assertThat(schema.count("customers")).isEqualTo(CustomerSchema.ROWS);
    }

    @Test
    void harmlessValuesAndEnvironmentsThatDoNotRefuseSayNothing(CapturedOutput output) {
        hibernate("validate").withPropertyValues("dbguard.env=production", "spring.jpa.hibernate.ddl-auto=none")
                .run(context -> assertThat(context).hasNotFailed());
        hibernate("create-drop").withPropertyValues("dbguard.env=development")
                .run(context -> assertThat(context).hasNotFailed());
        hibernate("create-drop").withPropertyValues("dbguard.env=production", "dbguard.dangerous-settings=ignore")
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(output).doesNotContain("DangerousSettings - ");
    }

    @Test
    void flywayCleanAndLiquibaseDropFirstAreFoundToo(CapturedOutput output) throws SQLException {
        runner.withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class))
                .withPropertyValues(schema.dataSourceProperties())
                .withPropertyValues("dbguard.env=production", "spring.flyway.clean-disabled=false",
                        "spring.flyway.locations=classpath:db/none", "spring.flyway.baseline-on-migrate=true")
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(output).contains("dbguard: spring.flyway.clean-disabled=false (")
                .contains("Keep spring.flyway.clean-disabled=true for production.");

        runner.withConfiguration(AutoConfigurations.of(LiquibaseAutoConfiguration.class))
                .withPropertyValues(schema.dataSourceProperties())
                .withPropertyValues("dbguard.env=production", "spring.liquibase.drop-first=true",
                        "spring.liquibase.change-log=classpath:db/liquibase/changelog.yaml",
                        "dbguard.dangerous-settings=fail")
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .isInstanceOf(DangerousSettingException.class)
                        .hasMessageContaining("spring.liquibase.drop-first=true"));
        assertThat(schema.hasTable("customers")).isTrue();
    }
}
