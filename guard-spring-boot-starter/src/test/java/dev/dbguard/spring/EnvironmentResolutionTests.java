package dev.dbguard.spring;

import dev.dbguard.core.internal.EnvironmentResolver;
import dev.dbguard.core.env.ResolvedEnvironment;
import dev.dbguard.jdbc.GuardedDataSource;
import dev.dbguard.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.support.SystemEnvironmentPropertySourceEnvironmentPostProcessor;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the starter takes the environment from: dbguard.env in any property source, else the profiles. */
class EnvironmentResolutionTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DbGuardAutoConfiguration.class))
            .withBean("dataSource", DataSource.class, () -> TestDatabases.postgres().dataSource());

    @ParameterizedTest(name = "profiles [{0}], dbguard.env={1} -> {2}, mode {3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # profiles        | dbguard.env  | environment | mode      | source
            prod              | -            | production  | block     | active Spring profiles [prod]
            production,eu     | -            | production  | block     | active Spring profiles [production, eu]
            staging           | -            | staging     | audit     | active Spring profiles [staging]
            dev               | -            | development | off       | active Spring profiles [dev]
            local,kafka       | -            | development | off       | active Spring profiles [local, kafka]
            test              | -            | test        | off       | active Spring profiles [test]
            dev,prod          | -            | production  | block     | active Spring profiles [dev, prod] (most protective: prod)
            staging,dev       | -            | staging     | audit     | active Spring profiles [staging, dev] (most protective: staging)
            prod              | development  | development | off       | Spring property dbguard.env
            -                 | staging      | staging     | audit     | Spring property dbguard.env
            -                 | acme-eu      | acme-eu     | block     | Spring property dbguard.env
            """)
    void declaredEnvironmentWinsOverProfilesAndTheMostProtectiveProfileWins(
            String profiles, String env, String environment, String mode, String source) {
        List<String> properties = new ArrayList<>();
        if (profiles != null) {
            properties.add("spring.profiles.active=" + profiles);
        }
        if (env != null) {
            properties.add("dbguard.env=" + env);
        }
        runner.withPropertyValues(properties.toArray(String[]::new)).run(context -> {
            GuardedDataSource dataSource = context.getBean("dataSource", GuardedDataSource.class);
            ResolvedEnvironment resolved = dataSource.target().environment();
            assertThat(resolved.environment().name()).isEqualTo(environment);
            assertThat(resolved.source()).startsWith(source);
            assertThat(resolved.failSafe()).isFalse();
            assertThat(dataSource.target().mode().id()).isEqualTo(mode);
        });
    }

    @Test
    void modesDecideWhichProfileIsTheMostProtective() {
        runner.withPropertyValues("spring.profiles.active=dev,test", "dbguard.modes.test=audit").run(context -> {
            GuardedDataSource dataSource = context.getBean("dataSource", GuardedDataSource.class);
            assertThat(dataSource.target().environment().environment().name()).isEqualTo("test");
            assertThat(dataSource.target().mode().id()).isEqualTo("audit");
        });
    }

    @ParameterizedTest(name = "profiles [{0}]")
    @CsvSource(nullValues = "-", value = {"-", "eu", "'kafka,cloud'"})
    void withoutADeclarationOrEnvironmentProfileTheGuardAssumesProduction(String profiles) {
        String property = profiles == null ? "spring.main.banner-mode=off" : "spring.profiles.active=" + profiles;
        runner.withPropertyValues(property).run(context -> {
            ResolvedEnvironment resolved = context.getBean("dataSource", GuardedDataSource.class)
                    .target().environment();
            assertThat(resolved.environment().name()).isEqualTo("production");
            assertThat(resolved.failSafe()).isTrue();
            assertThat(resolved.source()).isEqualTo(EnvironmentResolver.FAIL_SAFE_SOURCE);
        });
    }

    @ParameterizedTest(name = "origin-aware source: {0}")
    @CsvSource({
            "true,  Spring property dbguard.env (System Environment Property \"DBGUARD_ENV\")",
            "false, Spring property dbguard.env (DBGUARD_ENV in systemEnvironment)"
    })
    void readsDbguardEnvFromTheEnvironmentVariableThroughRelaxedBinding(boolean originAware, String source) {
        runner.withInitializer(context -> {
                    ConfigurableEnvironment environment = context.getEnvironment();
                    environment.getPropertySources().replace(
                            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                            new SystemEnvironmentPropertySource(
                                    StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                    Map.of("DBGUARD_ENV", "staging")));
                    if (originAware) {
                        // What a SpringApplication does to the real environment variables.
                        new SystemEnvironmentPropertySourceEnvironmentPostProcessor()
                                .postProcessEnvironment(environment, new SpringApplication());
                    }
                })
                .withPropertyValues("spring.profiles.active=prod")
                .run(context -> {
                    ResolvedEnvironment resolved = context.getBean("dataSource", GuardedDataSource.class)
                            .target().environment();
                    assertThat(resolved.environment().name()).isEqualTo("staging");
                    assertThat(resolved.source()).isEqualTo(source);
                });
    }

    @Test
    void readsDbguardEnvFromTheCommandLine() {
        runner.withInitializer(context -> addFirst(context,
                        new SimpleCommandLinePropertySource("--dbguard.env=production")))
                .withPropertyValues("dbguard.env=development")
                .run(context -> {
                    ResolvedEnvironment resolved = context.getBean("dataSource", GuardedDataSource.class)
                            .target().environment();
                    assertThat(resolved.environment().name()).isEqualTo("production");
                    assertThat(resolved.source()).isEqualTo("Spring property dbguard.env (commandLineArgs)");
                });
    }

    @Test
    void profileChoiceIgnoresProfilesThatNameNoEnvironment() {
        assertThat(ProfileEnvironment.of(Arrays.asList("eu", "kafka"), env -> dev.dbguard.core.Mode.BLOCK))
                .isEmpty();
    }

    private static void addFirst(ConfigurableApplicationContext context,
                                 org.springframework.core.env.PropertySource<?> source) {
        context.getEnvironment().getPropertySources().addFirst(source);
    }
}
