package dev.dbguard.spring;

import dev.dbguard.core.Decision;
import dev.dbguard.jdbc.GuardedDataSource;
import dev.dbguard.spring.jpa.JpaApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.sql.SQLException;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code spring.jpa.hibernate.ddl-auto=create-drop} pointed at production: the data survives start and shutdown. */
class HibernateSchemaTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                    HibernateJpaAutoConfiguration.class, DbGuardAutoConfiguration.class))
            .withUserConfiguration(JpaApplication.class)
            .withPropertyValues("dbguard.env=production", "spring.jpa.hibernate.ddl-auto=create-drop");

    private CustomerSchema schema;

    @BeforeEach
    void createSchema() {
        schema = CustomerSchema.create("starter_hibernate");
    }

    @AfterEach
    void dropSchema() throws SQLException {
        schema.drop();
    }

    @Test
    void createDropCannotDropTheProductionSchema() throws SQLException {
        runner.withPropertyValues(schema.dataSourceProperties()).run(context -> {
            assertThat(context).hasNotFailed();
            GuardedDataSource dataSource = context.getBean(DataSource.class).unwrap(GuardedDataSource.class);
            assertThat(dataSource.statementGuard().statistics().count(Decision.BLOCK, "drop")).isPositive();
            assertThat(schema.count("customers")).isEqualTo(CustomerSchema.ROWS);
        });
        // The context is closed now: create-drop has tried to drop the schema a second time.
        assertThat(schema.hasTable("customers")).isTrue();
        assertThat(schema.count("customers")).isEqualTo(CustomerSchema.ROWS);
    }
}
