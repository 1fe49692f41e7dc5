package dev.dbguard.core.internal;

import dev.dbguard.core.env.StderrCapture;
import dev.dbguard.core.env.Environment;
import dev.dbguard.core.env.ResolvedEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EphemeralUrlPatternsTest {

    private static final ResolvedEnvironment PRODUCTION =
            ResolvedEnvironment.of(Environment.PRODUCTION, "environment variable DBGUARD_ENV");

    private static EphemeralUrlPatterns defaults() {
        return EphemeralUrlPatterns.of(EphemeralUrlPatterns.DEFAULTS,
                new OnceLog(LoggerFactory.getLogger(EnvironmentResolver.LOGGER), 1_000));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            // Spring's embedded databases and the usual test URLs
            "jdbc:h2:mem:testdb                                              | jdbc:h2:mem:*",
            "jdbc:h2:mem:3f2a-9c0d;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=false  | jdbc:h2:mem:*",
            "jdbc:h2:mem:                                                    | jdbc:h2:mem:*",
            "JDBC:H2:MEM:TestDb                                              | jdbc:h2:mem:*",
            "jdbc:dbguard:h2:mem:orders                                      | jdbc:h2:mem:*",
            "jdbc:hsqldb:mem:testdb                                          | jdbc:hsqldb:mem:*",
            "jdbc:derby:memory:testdb;create=true                            | jdbc:derby:memory:*",
            "jdbc:sqlite::memory:                                            | jdbc:sqlite::memory:*",
            "jdbc:sqlite:file::memory:?cache=shared                          | jdbc:sqlite:file::memory:*",
            "jdbc:sqlite:file:shared?mode=memory&cache=shared                | jdbc:sqlite:file:*mode=memory*",
            // databases that outlive the process
            "jdbc:h2:file:./data/app                                         | -",
            "jdbc:h2:./data/app                                              | -",
            "jdbc:h2:tcp://db.internal/mem:shared                            | -",
            "jdbc:hsqldb:file:/var/db/app                                    | -",
            "jdbc:hsqldb:hsql://db.internal/app                              | -",
            "jdbc:derby:/var/db/app                                          | -",
            "jdbc:sqlite:/var/db/app.db                                      | -",
            "jdbc:postgresql://localhost:5432/mem                            | -",
            "jdbc:postgresql://mem.internal/app?options=jdbc:h2:mem:x        | -",
            "jdbc:mysql://localhost/h2                                       | -",
    })
    void theDefaultsCoverInMemoryDatabasesOnly(String url, String pattern) {
        assertThat(defaults().firstMatch(url)).isEqualTo("-".equals(pattern) ? null : pattern);
    }

    @Test
    void aDeclaredProductionInMemoryDatabaseRunsInDevelopmentWithTheReason() {
        ResolvedEnvironment effective = defaults().effective(PRODUCTION, "jdbc:h2:mem:petclinic");

        assertThat(effective.environment()).isEqualTo(Environment.DEVELOPMENT);
        assertThat(effective.failSafe()).isFalse();
        assertThat(effective.source()).isEqualTo("ephemeral URL pattern 'jdbc:h2:mem:*' matched jdbc:h2:mem:petclinic,"
                + " an in-memory database (declared: production from environment variable DBGUARD_ENV)");
    }

    @Test
    void theFailSafeAndStagingGiveWayToo() {
        ResolvedEnvironment failSafe = new ResolvedEnvironment(Environment.PRODUCTION,
                EnvironmentResolver.FAIL_SAFE_SOURCE, true);
        assertThat(defaults().effective(failSafe, "jdbc:hsqldb:mem:x").environment())
                .isEqualTo(Environment.DEVELOPMENT);
        assertThat(defaults().effective(ResolvedEnvironment.of(Environment.STAGING, "x"), "jdbc:h2:mem:x")
                .environment()).isEqualTo(Environment.DEVELOPMENT);
        assertThat(defaults().effective(ResolvedEnvironment.of(Environment.of("qa-eu"), "x"), "jdbc:h2:mem:x")
                .environment()).isEqualTo(Environment.DEVELOPMENT);
    }

    @Test
    void aDeclaredDevelopmentOrTestEnvironmentIsKeptAsDeclared() {
        ResolvedEnvironment test = ResolvedEnvironment.of(Environment.TEST, "active Spring profiles [test]");
        assertThat(defaults().effective(test, "jdbc:h2:mem:x")).isSameAs(test);
        ResolvedEnvironment dev = ResolvedEnvironment.of(Environment.DEVELOPMENT, "x");
        assertThat(defaults().effective(dev, "jdbc:h2:mem:x")).isSameAs(dev);
    }

    @Test
    void otherUrlsAndAnUnknownUrlKeepTheDeclaredEnvironment() {
        assertThat(defaults().effective(PRODUCTION, "jdbc:postgresql://db/app")).isSameAs(PRODUCTION);
        assertThat(defaults().effective(PRODUCTION, null)).isSameAs(PRODUCTION);
        assertThat(EphemeralUrlPatterns.of(List.of()).effective(PRODUCTION, "jdbc:h2:mem:x")).isSameAs(PRODUCTION);
    }

    @Test
    void theChangeIsLoggedOnceAtInfoWithTheReasonAndTheWayBack() {
        EphemeralUrlPatterns patterns = defaults();

        List<String> lines = StderrCapture.linesOf(() -> {
            patterns.effective(PRODUCTION, "jdbc:h2:mem:once;PASSWORD=secret");
            patterns.effective(PRODUCTION, "jdbc:h2:mem:once;PASSWORD=secret");
        });

        assertThat(lines).filteredOn(line -> line.contains("dbguard.environment")).singleElement()
                .satisfies(line -> assertThat(line).contains("INFO dbguard.environment")
                        .contains("jdbc:h2:mem:once;PASSWORD=*** is an in-memory database (ephemeral URL pattern"
                                + " 'jdbc:h2:mem:*'), which cannot hold production data, so it runs in development"
                                + " mode although the environment is declared production")
                        .contains("remove the pattern from dbguard.ephemeral-url-patterns")
                        .doesNotContain("secret"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "' '            | is blank",
            "h2:mem:*       | start it with jdbc:",
            "*.internal     | start it with jdbc:",
            "'jdbc:h2:mem:* jdbc:hsqldb:mem:*' | contains whitespace",
    })
    void malformedPatternsAreRejectedWithTheEntryNamed(String pattern, String problem) {
        assertThatIllegalArgumentException().isThrownBy(() -> EphemeralUrlPatterns.of(List.of("jdbc:h2:mem:*", pattern)))
                .withMessageContaining("dbguard.ephemeral-url-patterns entry #2")
                .withMessageContaining(problem);
    }
}
