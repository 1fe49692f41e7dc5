package dev.dbguard.spring;

import dev.dbguard.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a person reads when dbguard stops a start: Spring Boot's failure report, written by dbguard's analyzers. */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureReportTests {

    private CustomerSchema schema;

    @AfterEach
    void dropSchema() throws SQLException {
        if (schema != null) {
            schema.drop();
        }
    }

    @Test
    void invalidSettingIsReportedWithWhatToWrite(CapturedOutput output) {
        assertThatThrownBy(() -> application(InvalidSettingApplication.class).run("--dbguard.env=production",
                "--dbguard.modes.production=blok", "--spring.main.banner-mode=off"))
                .isInstanceOf(RuntimeException.class);
        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains("The dbguard setting 'dbguard.modes.production' has an invalid value.")
                .contains("Value: \"blok\"")
                .contains("Origin: \"dbguard.modes.production\" from property source \"commandLineArgs\"")
                .contains("Change dbguard.modes.production in your application's configuration: use one of"
                        + " block, audit, off, read-only");
    }

    @Test
    void statementRefusedDuringStartIsTheHeadlineOfTheReport(CapturedOutput output) throws SQLException {
        schema = CustomerSchema.create("starter_startup");
        assertThatThrownBy(() -> application(TruncatingApplication.class).run("--dbguard.env=production",
                "--spring.main.banner-mode=off", "--test.url=" + schema.jdbcUrl()))
                .isInstanceOf(RuntimeException.class);
        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains("dbguard refused a statement while the application was starting, so the start was stopped"
                        + " before the statement reached the database (environment production, rule truncate).")
                .contains("dbguard: refused")
                .contains("let it through deliberately (it is audited): add dbguard.allow=truncate:customers, or run it"
                        + " inside DbGuard.override(\"<reason>\", \"truncate\")");
        assertThat(schema.count("customers")).isEqualTo(CustomerSchema.ROWS);
    }

    private static SpringApplication application(Class<?> configuration) {
        SpringApplication application = new SpringApplication(configuration);
        application.setWebApplicationType(WebApplicationType.NONE);
        return application;
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(DbGuardAutoConfiguration.class)
    static class InvalidSettingApplication {

        @Bean
        DataSource dataSource() {
            return TestDatabases.postgres().dataSource();
        }
    }

    /** Clears a table while starting, like a careless data-loading script. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(DbGuardAutoConfiguration.class)
    static class TruncatingApplication {

        @Bean
        DataSource dataSource(org.springframework.core.env.Environment environment) {
            return new org.springframework.jdbc.datasource.DriverManagerDataSource(
                    environment.getRequiredProperty("test.url"), TestDatabases.postgres().user(),
                    TestDatabases.postgres().password());
        }

        @Bean
        InitializingBean clearCustomers(DataSource dataSource) {
            return () -> {
                try (Connection connection = dataSource.getConnection();
                     Statement statement = connection.createStatement()) {
                    statement.execute("TRUNCATE customers");
                }
            };
        }
    }
}
