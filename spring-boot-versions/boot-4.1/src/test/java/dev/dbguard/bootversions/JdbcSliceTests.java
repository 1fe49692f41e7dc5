package dev.dbguard.bootversions;

import dev.dbguard.core.BlockedStatementException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.dao.PermissionDeniedDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A {@code @JdbcTest} slice (Spring Boot 4.1's package) pointed at real PostgreSQL in production is refused. */
@JdbcTest(properties = {"dbguard.env=production", "spring.flyway.enabled=false"})
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class JdbcSliceTests {

    private static final PostgresSchema SCHEMA = PostgresSchema.create("boot_versions_slice");

    @Autowired
    private JdbcTemplate jdbcTemplate;

    @DynamicPropertySource
    static void pointAtTheSchema(DynamicPropertyRegistry registry) {
        SCHEMA.register(registry);
    }

    @AfterAll
    static void dropSchema() {
        SCHEMA.drop();
    }

    @Test
    void truncateIsRefused() {
        assertThatThrownBy(() -> jdbcTemplate.execute("TRUNCATE customers"))
                .isInstanceOf(PermissionDeniedDataAccessException.class)
                .hasRootCauseInstanceOf(BlockedStatementException.class);
        assertThat(SCHEMA.count("customers")).isEqualTo(PostgresSchema.ROWS);
    }
}
