package dev.dbguard.spring;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import com.zaxxer.hikari.HikariDataSource;
import dev.dbguard.DbGuard;
import dev.dbguard.core.BlockedStatementException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.PermissionDeniedDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A plain Spring Boot web application with the starter, actuator and {@code dbguard.env=production}, against real
 * PostgreSQL: no dbguard code in the application at all.
 */
@SpringBootTest(classes = ProductionApplicationTests.Application.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "dbguard.env=production",
                "management.endpoints.web.exposure.include=dbguard,health",
                "management.endpoint.dbguard.show-values=always",
                "management.endpoint.health.show-details=always"
        })
class ProductionApplicationTests {

    private static final CustomerSchema SCHEMA = CustomerSchema.create("starter_production");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    private JdbcTemplate jdbcTemplate;

    @Autowired
    private JdbcClient jdbcClient;

    @Autowired
    private DataSource dataSource;

    @Autowired
    private MeterRegistry meterRegistry;

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void pointAtTheSchema(DynamicPropertyRegistry registry) {
        for (String property : SCHEMA.dataSourceProperties()) {
            int equals = property.indexOf('=');
            registry.add(property.substring(0, equals), () -> property.substring(equals + 1));
        }
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        SCHEMA.drop();
    }

    @Test
    void truncateIsRefusedAsPermissionDeniedWithTheDbguardMessage() throws SQLException {
        assertThatThrownBy(() -> jdbcTemplate.execute("TRUNCATE customers"))
                .isInstanceOf(PermissionDeniedDataAccessException.class)
                .hasMessageContaining("dbguard:")
                .hasMessageContaining("truncate")
                .hasMessageContaining("production")
                .hasRootCauseInstanceOf(BlockedStatementException.class);
        assertThatThrownBy(() -> jdbcClient.sql("TRUNCATE customers").update())
                .isInstanceOf(PermissionDeniedDataAccessException.class)
                .hasMessageContaining("dbguard:");
        assertThat(SCHEMA.count("customers")).isEqualTo(CustomerSchema.ROWS);
        assertThat(jdbcTemplate.queryForObject("SELECT COUNT(*) FROM customers WHERE id > ?", Integer.class, 1))
                .isEqualTo(CustomerSchema.ROWS - 1);
    }

    @Test
    void actuatorEndpointShowsTheEnvironmentItsSourceAndTheRefusal() throws Exception {
        assertThatThrownBy(() -> jdbcTemplate.update("DELETE FROM customers"))
                .isInstanceOf(PermissionDeniedDataAccessException.class);

        HttpResponse<String> response = get("/actuator/dbguard");

        assertThat(response.statusCode()).isEqualTo(200);
        DocumentContext json = JsonPath.parse(response.body());
        assertThat(json.read("$.dataSources.dataSource.environment", String.class)).isEqualTo("production");
        assertThat(json.read("$.dataSources.dataSource.environmentSource", String.class))
                .startsWith("Spring property dbguard.env");
        assertThat(json.read("$.dataSources.dataSource.failSafe", Boolean.class)).isFalse();
        assertThat(json.read("$.dataSources.dataSource.mode", String.class)).isEqualTo("block");
        List<String> rules = json.read("$.dataSources.dataSource.rules");
        assertThat(rules).containsExactly("drop", "truncate", "unscoped-delete", "unscoped-update", "alter-drop",
                "dynamic-sql", "rename", "alter-type");
        assertThat(json.read("$.dataSources.dataSource.counters['block/unscoped-delete']", Integer.class))
                .isGreaterThanOrEqualTo(1);
        Map<String, Object> newest = json.read("$.dataSources.dataSource.recentRefusals[0]");
        assertThat(newest).containsEntry("outcome", "refused").containsEntry("rule", "unscoped-delete")
                .containsEntry("objects", List.of("customers"));
        assertThat((String) newest.get("sql")).containsIgnoringCase("DELETE FROM customers");
        assertThat((String) newest.get("caller")).contains(ProductionApplicationTests.class.getSimpleName());
        assertThat((String) newest.get("time")).isNotBlank();

        assertThat(get("/actuator/dbguard/dataSource").body()).contains("\"mode\":\"block\"");
        assertThat(get("/actuator/dbguard/noSuchDataSource").statusCode()).isEqualTo(404);
    }

    @Test
    void refusalsAreCountedInMicrometer() {
        double before = refusedTruncates();
        assertThatThrownBy(() -> jdbcTemplate.execute("TRUNCATE TABLE customers"))
                .isInstanceOf(PermissionDeniedDataAccessException.class);
        assertThat(refusedTruncates()).isEqualTo(before + 1);
        assertThat(meterRegistry.find(DbGuardMetrics.METRIC_NAME)
                .tags("decision", "allow", "rule", "none", "datasource", "dataSource").counter())
                .as("allowed statements are counted too").isNotNull();
    }

    @Test
    void bootsHikariMetricsAndHealthStillReachThePool() throws Exception {
        assertThat(DbGuard.isGuarded(dataSource)).isTrue();
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        jdbcTemplate.queryForObject("SELECT 1", Integer.class);
        assertThat(meterRegistry.find("hikaricp.connections").tag("pool", pool.getPoolName()).gauge()).isNotNull();

        DocumentContext health = JsonPath.parse(get("/actuator/health").body());
        assertThat(health.read("$.components.db.status", String.class)).isEqualTo("UP");
        assertThat(health.read("$.components.db.details.database", String.class)).isEqualTo("PostgreSQL");
    }

    private double refusedTruncates() {
        Counter counter = meterRegistry.find(DbGuardMetrics.METRIC_NAME)
                .tags("decision", "block", "rule", "truncate", "datasource", "dataSource").counter();
        return counter == null ? 0 : counter.count();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration(excludeName = {
            "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
            "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
            "org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration"
    })
    static class Application {
    }
}
