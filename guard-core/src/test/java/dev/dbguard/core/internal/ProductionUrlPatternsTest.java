package dev.dbguard.core.internal;

import dev.dbguard.core.env.StderrCapture;
import dev.dbguard.core.env.Environment;
import dev.dbguard.core.env.ResolvedEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ProductionUrlPatternsTest {

    private static final ResolvedEnvironment DEVELOPMENT =
            ResolvedEnvironment.of(Environment.DEVELOPMENT, "system property dbguard.env");

    private static ProductionUrlPatterns patterns(String... patterns) {
        return ProductionUrlPatterns.of(Arrays.asList(patterns),
                new OnceLog(LoggerFactory.getLogger(EnvironmentResolver.LOGGER), 1_000));
    }

    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            // host globs
            "*.rds.amazonaws.com       | jdbc:postgresql://orders.c9x.eu-west-1.rds.amazonaws.com:5432/orders | true",
            "*.rds.amazonaws.com       | jdbc:postgresql://ORDERS.C9X.EU-WEST-1.RDS.AMAZONAWS.COM/orders     | true",
            "*.RDS.amazonaws.com       | jdbc:postgresql://a.rds.amazonaws.com/orders                        | true",
            "*.rds.amazonaws.com       | jdbc:postgresql://rds.amazonaws.com.evil.example/orders             | false",
            "*.rds.amazonaws.com       | jdbc:postgresql://localhost:5432/orders                             | false",
            "db.*.supabase.co          | jdbc:postgresql://db.abcdefgh.supabase.co:5432/postgres             | true",
            "db.*.supabase.co          | jdbc:postgresql://pooler.abcdefgh.supabase.co:5432/postgres         | false",
            "prod-db-?.internal        | jdbc:mysql://prod-db-3.internal/shop                                | true",
            "prod-db-?.internal        | jdbc:mysql://prod-db-12.internal/shop                               | false",
            "prod-db-?.internal        | jdbc:mysql://prod-db-.internal/shop                                 | false",
            "prod-db-?.internal        | jdbc:mariadb:replication://dev-db,prod-db-1.internal/shop           | true",
            "prod-db-?.internal        | jdbc:mysql://address=(host=prod-db-2.internal)(port=3306)/shop      | true",
            "prod-db-?.internal        | jdbc:dbguard:postgresql://prod-db-4.internal/app                    | true",
            "sql.corp                  | jdbc:sqlserver://sql.corp\\prod:1433;databaseName=crm               | true",
            "ora.corp                  | jdbc:oracle:thin:@//ora.corp:1521/svc                               | true",
            "ora.corp                  | jdbc:oracle:thin:@ora.corp:1521:sid                                 | true",
            "real-db                   | jdbc:postgresql://proxy/app?host=real-db                            | true",
            "db.example.com            | jdbc:postgresql://db.example.com.local/app                          | false",
            "db.example.com            | jdbc:postgresql://other/db.example.com                              | false",
            "*                         | jdbc:postgresql://anything/app                                      | true",
            "*                         | jdbc:h2:mem:test                                                    | false",
            // whole-URL globs
            "jdbc:postgresql://10.1.*  | jdbc:postgresql://10.1.4.7:5432/app                                 | true",
            "jdbc:postgresql://10.1.*  | jdbc:dbguard:postgresql://10.1.4.7:5432/app                         | true",
            "jdbc:postgresql://10.1.*  | jdbc:postgresql://10.10.4.7/app                                     | false",
            "jdbc:postgresql://10.1.*  | jdbc:mysql://10.1.4.7/app                                           | false",
            "JDBC:POSTGRESQL://10.1.*  | jdbc:postgresql://10.1.4.7/app                                      | true",
            "jdbc:h2:mem:*             | jdbc:h2:mem:test                                                    | true",
            "*://*.prod.corp/*         | jdbc:mariadb://billing.prod.corp/ledger                             | true",
            "*://*.prod.corp/*         | jdbc:mariadb://billing.dev.corp/ledger                              | false",
            "jdbc:dbguard:*            | jdbc:dbguard:postgresql://x/app                                     | true",
    })
    void matchesHostsAndUrls(String pattern, String url, boolean expected) {
        assertThat(patterns(pattern).matches(url)).isEqualTo(expected);
    }

    @Test
    void anyPatternOfSeveralMatches() {
        ProductionUrlPatterns patterns = patterns("*.rds.amazonaws.com", "jdbc:mysql://10.*", "prod-db");

        assertThat(patterns.matches("jdbc:mysql://10.0.0.1/shop")).isTrue();
        assertThat(patterns.matches("jdbc:postgresql://prod-db/app")).isTrue();
        assertThat(patterns.matches("jdbc:postgresql://dev-db/app")).isFalse();
    }

    @Test
    void nothingMatchesWithoutPatternsOrUrl() {
        assertThat(ProductionUrlPatterns.none().matches("jdbc:postgresql://db/app")).isFalse();
        assertThat(ProductionUrlPatterns.of(List.of()).matches("jdbc:postgresql://db/app")).isFalse();
        assertThat(patterns("*").matches(null)).isFalse();
        assertThat(patterns("*").matches("  ")).isFalse();
    }

    @Test
    void keepsPatternsTrimmedInOrder() {
        assertThat(patterns(" *.rds.amazonaws.com ", "db.*.supabase.co").patterns())
                .containsExactly("*.rds.amazonaws.com", "db.*.supabase.co");
    }

    @ParameterizedTest(name = "''{0}'' is refused: {1}")
    @CsvSource(delimiter = '|', value = {
            "''                          | entry #1 is blank",
            "'   '                       | entry #1 is blank",
            "db prod.example.com         | contains whitespace",
            "'db.example.com\tprod'      | contains whitespace",
            "db.example.com:5432         | has a port but is matched against host names; drop the port (db.example.com)",
            "db.example.com/app          | has a path but is matched against host names",
    })
    void refusesMalformedPatterns(String pattern, String message) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ProductionUrlPatterns.of(List.of(pattern)))
                .withMessageContaining("dbguard.production-url-patterns entry #1")
                .withMessageContaining(message);
    }

    @Test
    void namesTheBadEntryByPosition() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ProductionUrlPatterns.of(Arrays.asList("*.rds.amazonaws.com", null)))
                .withMessageStartingWith("dbguard.production-url-patterns entry #2 is blank");
    }

    @ParameterizedTest(name = "declared {0} + {1} -> {2} from {3}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "development | jdbc:postgresql://orders.rds.amazonaws.com/app | production  | production URL pattern '*.rds.amazonaws.com' matched host 'orders.rds.amazonaws.com' (declared: development from declared source)",
            "test        | jdbc:postgresql://orders.rds.amazonaws.com/app | production  | production URL pattern '*.rds.amazonaws.com' matched host 'orders.rds.amazonaws.com' (declared: test from declared source)",
            "staging     | jdbc:postgresql://h1,orders.rds.amazonaws.com/a | production | production URL pattern '*.rds.amazonaws.com' matched host 'orders.rds.amazonaws.com' (declared: staging from declared source)",
            "development | jdbc:mysql://10.1.0.9/shop                      | production | production URL pattern 'jdbc:mysql://10.1.*' matched URL 'jdbc:mysql://10.1.0.9/shop' (declared: development from declared source)",
            "development | jdbc:postgresql://localhost/app                 | development | declared source",
            "development | null                                            | development | declared source",
            "production  | jdbc:postgresql://orders.rds.amazonaws.com/app  | production  | declared source",
            "qa-eu       | jdbc:postgresql://orders.rds.amazonaws.com/app  | qa-eu       | declared source",
    })
    void effectiveEnvironment(String declaredName, String url, String expectedName, String expectedSource) {
        ResolvedEnvironment declared = ResolvedEnvironment.of(Environment.of(declaredName), "declared source");

        ResolvedEnvironment effective = patterns("*.rds.amazonaws.com", "jdbc:mysql://10.1.*")
                .effective(declared, url);

        assertThat(effective.environment().name()).isEqualTo(expectedName);
        assertThat(effective.source()).isEqualTo(expectedSource);
        assertThat(effective.failSafe()).isFalse();
    }

    @Test
    void unchangedEnvironmentIsTheDeclaredOneItself() {
        ProductionUrlPatterns patterns = patterns("*.rds.amazonaws.com");

        assertThat(patterns.effective(DEVELOPMENT, "jdbc:postgresql://localhost/app")).isSameAs(DEVELOPMENT);
        assertThat(patterns.effective(DEVELOPMENT, null)).isSameAs(DEVELOPMENT);
    }

    @Test
    void mismatchIsLoggedOnceAtErrorPerDeclaredEnvironmentAndUrl() {
        ProductionUrlPatterns patterns = patterns("*.rds.amazonaws.com");
        ResolvedEnvironment test = ResolvedEnvironment.of(Environment.TEST, "environment variable DBGUARD_ENV");
        String url = "jdbc:postgresql://orders.rds.amazonaws.com/app?user=app&password=s3cret";

        List<String> lines = StderrCapture.linesOf(() -> {
            patterns.effective(DEVELOPMENT, url);
            patterns.effective(DEVELOPMENT, url);
            patterns.effective(test, url);
            patterns.effective(test, url);
            patterns.effective(DEVELOPMENT, "jdbc:postgresql://billing.rds.amazonaws.com/app");
            patterns.effective(DEVELOPMENT, "jdbc:postgresql://localhost/app");
        });

        List<String> errors = lines.stream().filter(line -> line.contains("dbguard.environment")).toList();
        assertThat(errors).hasSize(3).allSatisfy(line -> {
            assertThat(line).contains("ERROR dbguard.environment");
            assertThat(line).contains("matches production URL pattern '*.rds.amazonaws.com'");
            assertThat(line).contains("treated as production");
            assertThat(line).contains("remove or narrow the pattern in dbguard.production-url-patterns");
            assertThat(line).contains("fix the environment setting or the URL");
            assertThat(line).doesNotContain("s3cret");
        });
        assertThat(errors.get(0)).contains("declared development (from system property dbguard.env)");
        assertThat(errors.get(1)).contains("declared test (from environment variable DBGUARD_ENV)");
        assertThat(errors.get(2)).contains("billing.rds.amazonaws.com");
    }

    @Test
    void productionDeclaredIsNotAMismatch() {
        ProductionUrlPatterns patterns = patterns("*.rds.amazonaws.com");
        ResolvedEnvironment production = ResolvedEnvironment.of(Environment.PRODUCTION, "system property dbguard.env");

        List<String> lines = StderrCapture.linesOf(
                () -> patterns.effective(production, "jdbc:postgresql://orders.rds.amazonaws.com/app"));

        assertThat(lines).noneMatch(line -> line.contains("dbguard.environment"));
    }
}
