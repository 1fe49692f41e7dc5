package dev.dbguard.spring;

import dev.dbguard.core.Decision;
import dev.dbguard.jdbc.GuardedDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.sql.SQLException;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The same application on a developer's machine: the {@code dev} profile turns the guard off. */
@SpringBootTest(classes = DevelopmentApplicationTests.Application.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "spring.profiles.active=dev")
class DevelopmentApplicationTests {

    private static final CustomerSchema SCHEMA = CustomerSchema.create("starter_development");

    @Autowired
    private JdbcTemplate jdbcTemplate;

    @Autowired
    private DataSource dataSource;

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
    void truncateRunsInDevelopment() throws SQLException {
        GuardedDataSource guarded = dataSource.unwrap(GuardedDataSource.class);
        assertThat(guarded.target().environment().environment().name()).isEqualTo("development");
        assertThat(guarded.target().environment().source()).isEqualTo("active Spring profiles [dev]");
        long allowedBefore = guarded.statementGuard().statistics().count(Decision.ALLOW);

        jdbcTemplate.execute("TRUNCATE customers");

        assertThat(SCHEMA.count("customers")).isZero();
        assertThat(guarded.statementGuard().statistics().count(Decision.ALLOW)).isEqualTo(allowedBefore + 1);
        assertThat(guarded.statementGuard().statistics().count(Decision.BLOCK)).isZero();
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
