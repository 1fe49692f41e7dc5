package dev.dbguard.samples.tasks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SampleArgumentsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "jdbc:postgresql://db.internal:5432/app?user=me        | jdbc:postgresql://db.internal:5432/app?user=me        | db.internal",
            "postgres://me:s%40cret@db.internal:5432/app            | jdbc:postgresql://db.internal:5432/app?user=me&password=s%40cret | db.internal",
            "postgresql://me@10.1.2.3/app?sslmode=require          | jdbc:postgresql://10.1.2.3/app?sslmode=require&user=me | 10.1.2.3",
            "postgres://db.internal                                | jdbc:postgresql://db.internal/                        | db.internal",
            "jdbc:postgresql://primary:5432,replica:5433/app       | jdbc:postgresql://primary:5432,replica:5433/app       | primary",
            "jdbc:postgresql://[::1]:5432/app                      | jdbc:postgresql://[::1]:5432/app                      | ::1",
    })
    void readsJdbcUrlsAndTheUriFormOfDatabaseUrl(String url, String jdbcUrl, String host) {
        PostgresDatabase database = PostgresDatabase.fromUrl(url, "--url");

        assertThat(database.jdbcUrl()).isEqualTo(jdbcUrl);
        assertThat(database.host()).isEqualTo(host);
        assertThat(database.jdbcUrl("dbguard_drill")).endsWith("currentSchema=dbguard_drill");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "mysql://db/app                  | --url is not a PostgreSQL URL",
            "jdbc:mariadb://db/app           | --url is not a PostgreSQL URL",
            "postgres://me:secret@db/app x   | --url is not a PostgreSQL URL",
    })
    void refusesWhatIsNotPostgres(String url, String message) {
        assertThatThrownBy(() -> PostgresDatabase.fromUrl(url, "--url"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message)
                .hasMessageNotContaining("secret");
    }

    @Test
    void passwordsAreNotPrinted() {
        PostgresDatabase database = PostgresDatabase.fromUrl("postgres://me:secret@db:5432/app", "DATABASE_URL");

        assertThat(database.redactedUrl()).isEqualTo("jdbc:postgresql://db:5432/app?user=me&password=***");
        assertThat(database.description()).doesNotContain("secret");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--drill                                      | true  | false | -                | -",
            "--drill --url jdbc:postgresql://h/db         | true  | false | jdbc:postgresql://h/db | -",
            "--drill --url=jdbc:postgresql://h/db --verbose | true | true | jdbc:postgresql://h/db | -",
            "--schema my_drill --drill                    | true  | false | -                | my_drill",
            "--server.port=9090                           | false | false | -                | -",
    })
    void readsItsOwnOptions(String line, boolean drill, boolean verbose, String url, String schema) {
        SampleArguments arguments = SampleArguments.parse(line.split(" "), Map.of());

        assertThat(arguments.drill()).isEqualTo(drill);
        assertThat(arguments.verbose()).isEqualTo(verbose);
        assertThat(arguments.database() == null ? "-" : arguments.database().jdbcUrl()).isEqualTo(url);
        assertThat(arguments.schema() == null ? "-" : arguments.schema()).isEqualTo(schema);
    }

    @Test
    void handsEverythingElseToSpringBoot() {
        SampleArguments arguments = SampleArguments.parse(
                new String[] {"--server.port=9090", "--drill", "", "--spring.profiles.active=demo"}, Map.of());

        assertThat(arguments.spring()).isEqualTo(List.of("--server.port=9090", "--spring.profiles.active=demo"));
    }

    @Test
    void takesDatabaseUrlWhenNoUrlIsGivenAndPrefersTheOption() {
        Map<String, String> environment = Map.of("DATABASE_URL", "postgres://me@env-host/app");

        assertThat(SampleArguments.parse(new String[] {"--drill"}, environment).database().host())
                .isEqualTo("env-host");
        assertThat(SampleArguments.parse(new String[] {"--url", "jdbc:postgresql://option-host/app"}, environment)
                .database().host()).isEqualTo("option-host");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--url                   | --url needs a value",
            "--url --drill           | --url needs a value",
            "--schema                | --schema needs a value",
            "--schema Drop;Table     | is not a usable schema name",
    })
    void saysWhatIsMissing(String line, String message) {
        assertThatThrownBy(() -> SampleArguments.parse(line.split(" "), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
