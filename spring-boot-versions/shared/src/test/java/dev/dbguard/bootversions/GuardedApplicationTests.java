package dev.dbguard.bootversions;

import dev.dbguard.core.BlockedStatementException;
import dev.dbguard.spring.DbGuardEndpoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.PermissionDeniedDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The application in production on real PostgreSQL, on the Spring Boot line of the module that runs it. */
@SpringBootTest(properties = {
        "dbguard.env=production",
        "spring.flyway.enabled=false",
        "spring.main.web-application-type=none",
        "management.endpoints.web.exposure.include=dbguard,metrics"
})
class GuardedApplicationTests {

    private static final PostgresSchema SCHEMA = PostgresSchema.create("boot_versions_app");

    @Autowired
    private JdbcTemplate jdbcTemplate;

    @Autowired
    private DbGuardEndpoint endpoint;

    @Autowired
    private MeterRegistry meterRegistry;

    @DynamicPropertySource
    static void pointAtTheSchema(DynamicPropertyRegistry registry) {
        SCHEMA.register(registry);
    }

    @AfterAll
    static void dropSchema() {
        SCHEMA.drop();
    }

    @Test
    void runsOnTheExpectedSpringBootLine() {
        assertThat(SpringBootVersion.getVersion()).startsWith(System.getProperty("expected.spring-boot.line") + ".");
    }

    @Test
    void truncateIsRefusedAsPermissionDeniedAndCountedInTheEndpointAndTheMetric() {
        assertThatThrownBy(() -> jdbcTemplate.execute("TRUNCATE customers"))
                .isInstanceOf(PermissionDeniedDataAccessException.class)
                .hasRootCauseInstanceOf(BlockedStatementException.class)
                .hasMessageContaining("dbguard: refused TRUNCATE customers (rule truncate)");
        assertThat(SCHEMA.count("customers")).isEqualTo(PostgresSchema.ROWS);

        DbGuardEndpoint.DataSourceReport report = endpoint.guard(SecurityContext.NONE).dataSources().get("dataSource");
        assertThat(report.environment()).isEqualTo("production");
        assertThat(report.mode()).isEqualTo("block");
        assertThat(report.counters().get("block/truncate")).isPositive();
        assertThat(report.recentRefusals().get(0).rule()).isEqualTo("truncate");
        assertThat(report.recentRefusals().get(0).sql()).isEqualTo(DbGuardEndpoint.HIDDEN);

        Counter refused = meterRegistry.find("dbguard.statements")
                .tags("decision", "block", "rule", "truncate", "datasource", "dataSource").counter();
        assertThat(refused).isNotNull();
        assertThat(refused.count()).isPositive();
    }
}
