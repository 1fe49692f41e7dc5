package dev.dbguard.spring;

import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.posture.Posture;
import dev.dbguard.jdbc.posture.UnsafePostureException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.SQLException;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The posture of each data source in the actuator endpoint and the {@code dbguard.posture} gauges. */
class PostureStarterTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DbGuardAutoConfiguration.class,
                    DbGuardEndpointAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withPropertyValues("dbguard.env=production", "management.endpoints.web.exposure.include=dbguard");

    private CustomerSchema schema;

    @BeforeEach
    void createSchema() {
        schema = CustomerSchema.create("starter_posture");
    }

    @AfterEach
    void dropSchema() throws SQLException {
        schema.drop();
    }

    @Test
    void theEndpointAndTheGaugesShowThePostureOfTheFirstConnection() {
        runner.withBean("dataSource", DataSource.class, schema::dataSourceForTests).run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get(PostureGauges.METRIC_NAME).tags("datasource", "dataSource", "finding", "owner")
                    .gauge().value()).isNaN();

            new JdbcTemplate(context.getBean(DataSource.class)).queryForObject("SELECT 1", Integer.class);

            DbGuardEndpoint.PostureReport posture = context.getBean(DbGuardEndpoint.class)
                    .guard(SecurityContext.NONE).dataSources().get("dataSource").posture();
            // The test server's account is a superuser that owns the schema's tables.
            assertThat(posture.checked()).isTrue();
            assertThat(posture.exposed()).isTrue();
            assertThat(posture.findings()).containsKeys("superuser", "owner");
            assertThat(posture.line()).startsWith("dbguard posture 'dataSource' (production): account ");
            assertThat(registry.get(PostureGauges.METRIC_NAME).tags("datasource", "dataSource", "finding",
                    "superuser").gauge().value()).isEqualTo(1.0);
            assertThat(registry.get(PostureGauges.METRIC_NAME).tags("datasource", "dataSource", "finding",
                    "no-tls").gauge().value()).isEqualTo(0.0);
        });
    }

    @Test
    void failOnStopsTheFirstConnectionNamingTheKey() {
        runner.withBean("dataSource", DataSource.class, schema::dataSourceForTests)
                .withPropertyValues("dbguard.posture.fail-on=superuser").run(context -> {
                    JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
                    org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.execute("SELECT 1"))
                            .hasRootCauseInstanceOf(UnsafePostureException.class)
                            .rootCause().hasMessageContaining("dbguard.posture.fail-on=superuser");
                });
    }

    @Test
    void theCheckCanBeSwitchedOff() {
        runner.withBean("dataSource", DataSource.class, schema::dataSourceForTests)
                .withPropertyValues("dbguard.posture.enabled=false").run(context -> {
                    new JdbcTemplate(context.getBean(DataSource.class)).queryForObject("SELECT 1", Integer.class);
                    assertThat(context.getBean(DbGuardEndpoint.class).guard(SecurityContext.NONE).dataSources()
                            .get("dataSource").posture()).isNull();
                });
    }

    @Test
    void anUnknownFailOnValueIsReportedWithTheKey() {
        runner.withBean("dataSource", DataSource.class, schema::dataSourceForTests)
                .withPropertyValues("dbguard.posture.fail-on=owners").run(context ->
                        assertThat(context).getFailure().rootCause()
                                .hasMessageContaining("dbguard.posture.fail-on"));
    }

    @Test
    void postureDefaultsAreTheCoreDefaults() {
        DbGuardProperties.Posture properties = new DbGuardProperties().getPosture();
        GuardConfig core = GuardConfig.builder().build();

        assertThat(properties.isEnabled()).isEqualTo(GuardConfig.DEFAULT_POSTURE_ENABLED)
                .isEqualTo(core.postureEnabled());
        assertThat(properties.getFailOn()).isEmpty();
        assertThat(core.postureFailOn()).isEmpty();
    }
}
