package dev.dbguard.core.internal;

import dev.dbguard.core.env.StderrCapture;
import dev.dbguard.core.env.Environment;
import dev.dbguard.core.env.ResolvedEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class EnvironmentResolverTest {

    private static final String SPRING = "Spring property dbguard.env";
    private static final String PROFILES = "active Spring profiles [x]";
    private static final String SYSTEM_PROPERTY = "system property dbguard.env";
    private static final String VARIABLE = "environment variable DBGUARD_ENV";

    private static Function<String, String> only(String key, String value) {
        return name -> name.equals(key) ? value : null;
    }

    private static EnvironmentResolver.Builder resolver(String property, String variable) {
        return EnvironmentResolver.builder()
                .systemProperties(only("dbguard.env", property))
                .environmentVariables(only("DBGUARD_ENV", variable))
                .warnings(new OnceLog(LoggerFactory.getLogger(EnvironmentResolver.LOGGER), 1));
    }

    @ParameterizedTest(name = "explicit={0} property={1} variable={2} fallback={3} -> {4} from {5}")
    @CsvSource(nullValues = "null", value = {
            // the explicit value beats everything
            "prod,  dev,   test,  staging, production,  " + SPRING,
            "dev,   prod,  prod,  prod,    development, " + SPRING,
            "qa-eu, dev,   dev,   dev,     qa-eu,       " + SPRING,
            // then the system property
            "null,  dev,   prod,  prod,    development, " + SYSTEM_PROPERTY,
            "'',    test,  prod,  prod,    test,        " + SYSTEM_PROPERTY,
            "'  ',  stage, prod,  prod,    staging,     " + SYSTEM_PROPERTY,
            // then the environment variable
            "null,  null,  ci,    prod,    test,        " + VARIABLE,
            "null,  '',    local, prod,    development, " + VARIABLE,
            "null,  ' ',   live,  dev,     production,  " + VARIABLE,
            // then the fallback
            "null,  null,  null,  dev,     development, " + PROFILES,
            "null,  '',    '',    preprod, staging,     " + PROFILES,
            "'\t',  ' ',   ' ',   PROD,    production,  " + PROFILES,
    })
    void firstSourceWithAValueWins(String explicit, String property, String variable, String fallback,
                                   String expectedName, String expectedSource) {
        ResolvedEnvironment resolved = resolver(property, variable)
                .explicit(explicit, SPRING)
                .fallback(fallback, PROFILES)
                .build()
                .resolve();

        assertThat(resolved.environment().name()).isEqualTo(expectedName);
        assertThat(resolved.source()).isEqualTo(expectedSource);
        assertThat(resolved.failSafe()).isFalse();
    }

    @ParameterizedTest(name = "explicit={0} property={1} variable={2} fallback={3} -> fail-safe production")
    @CsvSource(nullValues = "null", value = {
            "null, null, null, null",
            "'',   '',   '',   ''",
            "' ',  '\t', '  ', ' '",
    })
    void nothingSetIsProductionFailSafe(String explicit, String property, String variable, String fallback) {
        ResolvedEnvironment resolved = resolver(property, variable)
                .explicit(explicit, SPRING)
                .fallback(fallback, PROFILES)
                .build()
                .resolve();

        assertThat(resolved.environment()).isEqualTo(Environment.PRODUCTION);
        assertThat(resolved.failSafe()).isTrue();
        assertThat(resolved.source()).isEqualTo(
                "fail-safe default: no dbguard.env system property, DBGUARD_ENV variable or configured value");
    }

    @Test
    void noSourceAtAllIsProductionFailSafe() {
        ResolvedEnvironment resolved = resolver(null, null).build().resolve();

        assertThat(resolved).isEqualTo(
                new ResolvedEnvironment(Environment.PRODUCTION, EnvironmentResolver.FAIL_SAFE_SOURCE, true));
    }

    @ParameterizedTest(name = "fallbacks {0}, {1} -> {2} from {3}")
    @CsvSource(nullValues = "null", value = {
            "dev,  prod, development, first",
            "null, prod, production,  second",
            "' ',  test, test,        second",
            "null, null, production,  '" + EnvironmentResolver.FAIL_SAFE_SOURCE + "'",
    })
    void fallbacksAreTriedInOrder(String first, String second, String expectedName, String expectedSource) {
        ResolvedEnvironment resolved = resolver(null, null)
                .fallback(first, "first")
                .fallback(second, "second")
                .build()
                .resolve();

        assertThat(resolved.environment().name()).isEqualTo(expectedName);
        assertThat(resolved.source()).isEqualTo(expectedSource);
    }

    @Test
    void laterExplicitValueReplacesEarlierOne() {
        ResolvedEnvironment resolved = resolver(null, null)
                .explicit("prod", "first call")
                .explicit("dev", "builder call")
                .build()
                .resolve();

        assertThat(resolved).isEqualTo(ResolvedEnvironment.of(Environment.DEVELOPMENT, "builder call"));
    }

    @Test
    void readsOnlyTheDocumentedKeys() {
        Map<String, String> properties = Map.of("dbguard.environment", "dev", "DBGUARD_ENV", "dev");
        Map<String, String> variables = Map.of("dbguard.env", "dev", "DBGUARD_ENVIRONMENT", "dev");

        ResolvedEnvironment resolved = EnvironmentResolver.builder()
                .systemProperties(properties::get)
                .environmentVariables(variables::get)
                .warnings(new OnceLog(LoggerFactory.getLogger(EnvironmentResolver.LOGGER), 1))
                .build()
                .resolve();

        assertThat(resolved.failSafe()).isTrue();
    }

    @Test
    void staticShortcutPrefersTheExplicitValue() {
        ResolvedEnvironment resolved = EnvironmentResolver.resolve("staging", SPRING, "dev", PROFILES);

        assertThat(resolved).isEqualTo(ResolvedEnvironment.of(Environment.STAGING, SPRING));
    }

    @Test
    void staticShortcutReadsTheRealSystemPropertiesBeforeItsFallback() {
        String before = System.getProperty("dbguard.env");
        System.setProperty("dbguard.env", "stage");
        try {
            ResolvedEnvironment resolved = EnvironmentResolver.resolve(null, null, "ci", PROFILES);

            assertThat(resolved).isEqualTo(ResolvedEnvironment.of(Environment.STAGING, SYSTEM_PROPERTY));
        } finally {
            if (before == null) {
                System.clearProperty("dbguard.env");
            } else {
                System.setProperty("dbguard.env", before);
            }
        }
    }

    @Test
    void nullSourceTextIsReplacedByAGenericOne() {
        ResolvedEnvironment resolved = resolver(null, null).explicit("dev", null).build().resolve();

        assertThat(resolved.source()).isEqualTo("configured value");
    }

    @Test
    void failSafeWarningIsLoggedOnceWithTheSettingToChange() {
        EnvironmentResolver resolver = resolver(null, null).build();

        List<String> lines = StderrCapture.linesOf(() -> {
            resolver.resolve();
            resolver.resolve();
            resolver.resolve();
        });

        assertThat(lines).filteredOn(line -> line.contains("dbguard.environment")).singleElement().satisfies(line -> {
            assertThat(line).contains("WARN dbguard.environment");
            assertThat(line).endsWith(EnvironmentResolver.FAIL_SAFE_WARNING);
        });
        assertThat(EnvironmentResolver.FAIL_SAFE_WARNING).contains("-Ddbguard.env=development", "DBGUARD_ENV",
                "treated as production");
    }

    @Test
    void failSafeWarningIsSharedByEveryResolverInTheJvm() {
        EnvironmentResolver.builder().systemProperties(name -> null).environmentVariables(name -> null).build()
                .resolve();

        List<String> lines = StderrCapture.linesOf(() -> {
            EnvironmentResolver.builder().systemProperties(name -> null).environmentVariables(name -> null).build()
                    .resolve();
            EnvironmentResolver.builder().systemProperties(name -> null).environmentVariables(name -> null).build()
                    .resolve();
        });

        assertThat(lines).noneMatch(line -> line.contains("dbguard.environment"));
    }

    @Test
    void resolvedEnvironmentLogsNothing() {
        List<String> lines = StderrCapture.linesOf(() -> resolver("dev", null).build().resolve());

        assertThat(lines).noneMatch(line -> line.contains("dbguard.environment"));
    }
}
