package dev.dbguard.spring.slices;

import dev.dbguard.spring.CustomerSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import jakarta.persistence.EntityManager;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import javax.sql.DataSource;

/**
 * {@code DataJpaTest} pointed at a real PostgreSQL ({@code replace = NONE}): its context holds only the slice's
 * auto-configurations, and dbguard is one of them, so an integration test aimed at production is refused.
 */
@DataJpaTest(properties = {"spring.liquibase.enabled=false", "spring.flyway.enabled=false"})
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class DataJpaSliceTests {

    private static final CustomerSchema SCHEMA = CustomerSchema.create("slice_jpa");

    @Autowired
    private DataSource dataSource;

    @Autowired
    private EntityManager entityManager;

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
            assertThatThrownBy(() -> entityManager.createNativeQuery("DELETE FROM customers").executeUpdate())
                    .hasStackTraceContaining("dbguard: refused DELETE FROM customers");
            assertThat(entityManager.find(SliceCustomer.class, 1).getName()).isEqualTo("Ada");
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
