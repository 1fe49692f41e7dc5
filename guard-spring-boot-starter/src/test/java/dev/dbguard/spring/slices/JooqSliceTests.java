package dev.dbguard.spring.slices;

import dev.dbguard.spring.CustomerSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.jooq.test.autoconfigure.JooqTest;
import org.jooq.DSLContext;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import javax.sql.DataSource;

/**
 * {@code JooqTest} pointed at a real PostgreSQL ({@code replace = NONE}): its context holds only the slice's
 * auto-configurations, and dbguard is one of them, so an integration test aimed at production is refused.
 */
@JooqTest(properties = {"spring.liquibase.enabled=false", "spring.flyway.enabled=false"})
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class JooqSliceTests {

    private static final CustomerSchema SCHEMA = CustomerSchema.create("slice_jooq");

    @Autowired
    private DataSource dataSource;

    @Autowired
    private DSLContext jooq;

    @DynamicPropertySource
    static void pointAtTheSchema(DynamicPropertyRegistry registry) {
        SCHEMA.register(registry);
    }

    @AfterAll
    static void dropSchema() throws Exception {
        SCHEMA.drop();
    }

    @Nested
    @TestPropertySource(properties = "dbguard.env=production")
    class InProduction {

        @Test
        void truncateIsRefused() throws Exception {
            SliceChecks.truncateIsRefused(dataSource, SCHEMA);
            assertThatThrownBy(() -> jooq.execute("DROP TABLE customers"))
                    .hasStackTraceContaining("dbguard: refused DROP TABLE customers (rule drop)");
        }
    }

    @Nested
    @TestPropertySource(properties = "dbguard.env=test")
    class InTest {

        @Test
        void truncateRuns() {
            SliceChecks.truncateRuns(dataSource);
        }
    }
}
