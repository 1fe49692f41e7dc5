package dev.dbguard.spring.h2app;

import dev.dbguard.core.BlockedStatementException;
import dev.dbguard.core.env.ResolvedEnvironment;
import dev.dbguard.jdbc.GuardedDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Why the pet clinic's own tests pass: its in-memory H2 database matches an ephemeral URL pattern, so its
 * connections run in development mode whatever is declared, and dbguard says so once at INFO.
 */
@ExtendWith(OutputCaptureExtension.class)
class InMemoryDatabaseTests {

    @Test
    void withNoEnvironmentDeclaredTheInMemoryDatabaseRunsInDevelopment(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext context = start()) {
            GuardedDataSource dataSource = context.getBean(DataSource.class).unwrap(GuardedDataSource.class);
            ResolvedEnvironment environment = dataSource.target().environment();
            assertThat(environment.environment().name()).isEqualTo("development");
            assertThat(environment.source()).startsWith("ephemeral URL pattern 'jdbc:h2:mem:*' matched jdbc:h2:mem:")
                    .contains("(declared: production from fail-safe default");
            assertThat(dataSource.target().mode().id()).isEqualTo("off");
        }
        assertThat(output).containsPattern("dbguard: guarding data source 'dataSource': environment development \\(from"
                + " ephemeral URL pattern 'jdbc:h2:mem:\\*' matched jdbc:h2:mem:\\S+, an in-memory database");
        assertThat(output).containsPattern("INFO .*dbguard.environment - dbguard: jdbc:h2:mem:\\S+ is an in-memory"
                + " database \\(ephemeral URL pattern 'jdbc:h2:mem:\\*'\\), which cannot hold production data, so it"
                + " runs in development mode although the environment is not declared");
    }

    @Test
    void evenADeclaredProductionLeavesTheInMemoryDatabaseAlone() throws Exception {
        try (ConfigurableApplicationContext context = start("--dbguard.env=production")) {
            GuardedDataSource dataSource = context.getBean(DataSource.class).unwrap(GuardedDataSource.class);
            assertThat(dataSource.target().environment().environment().name()).isEqualTo("development");
            assertThat(context.getBean(OwnerRepository.class).count()).isEqualTo(2);
        }
    }

    @Test
    void withoutTheExceptionTheFailSafeRefusesTheSchemaScript() {
        assertThatThrownBy(() -> start("--dbguard.ephemeral-url-patterns="))
                .hasRootCauseInstanceOf(BlockedStatementException.class)
                .rootCause().hasMessageContaining("dbguard: refused DROP TABLE visits (rule drop)")
                .hasMessageContaining("sent by spring.sql.init script classpath:h2app/schema.sql (statement 1)");
    }

    @Test
    void aProductionUrlPatternStillWins() {
        assertThatThrownBy(() -> start("--dbguard.production-url-patterns=jdbc:h2:mem:*"))
                .hasRootCauseInstanceOf(BlockedStatementException.class);
    }

    private static ConfigurableApplicationContext start(String... args) {
        SpringApplication application = new SpringApplication(PetClinicApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--spring.main.banner-mode=off";
        // A database of its own per start, as separate runs of the application would have.
        all[args.length + 1] = "--spring.datasource.generate-unique-name=true";
        return application.run(all);
    }
}
