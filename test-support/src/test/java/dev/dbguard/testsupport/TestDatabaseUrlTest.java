package dev.dbguard.testsupport;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class TestDatabaseUrlTest {

    @ParameterizedTest(name = "{0} {1} in s1 -> {2}")
    @CsvSource(delimiter = '|', value = {
            "POSTGRESQL | jdbc:postgresql://127.0.0.1:5432/test?user=postgres  | jdbc:postgresql://127.0.0.1:5432/test?user=postgres&currentSchema=s1",
            "POSTGRESQL | jdbc:postgresql://localhost:5432/postgres            | jdbc:postgresql://localhost:5432/postgres?currentSchema=s1",
            "MARIADB    | jdbc:mariadb://127.0.0.1:3306/test?user=root         | jdbc:mariadb://127.0.0.1:3306/s1?user=root",
            "MARIADB    | jdbc:mariadb://127.0.0.1:3306/test                   | jdbc:mariadb://127.0.0.1:3306/s1",
            "MARIADB    | jdbc:mariadb://127.0.0.1:3306?user=root              | jdbc:mariadb://127.0.0.1:3306/s1?user=root",
            "MARIADB    | jdbc:mariadb://127.0.0.1:3306/                       | jdbc:mariadb://127.0.0.1:3306/s1",
            "MARIADB    | jdbc:mariadb://h:3306/test?a=b/c                     | jdbc:mariadb://h:3306/s1?a=b/c",
    })
    void pointsTheUrlAtASchema(TestDatabase.Kind kind, String url, String expected) {
        TestDatabase database = new TestDatabase(kind, url, "u", "", "test");

        assertThat(database.jdbcUrl("s1")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "jdbc:postgresql://h/db?user=a&password=secret&ssl=true | POSTGRESQL at jdbc:postgresql://h/db?user=a&password=***&ssl=true (from test)",
            "jdbc:postgresql://h/db                                 | POSTGRESQL at jdbc:postgresql://h/db (from test)",
    })
    void describesItselfWithoutThePassword(String url, String expected) {
        assertThat(new TestDatabase(TestDatabase.Kind.POSTGRESQL, url, "u", "p", "test")).hasToString(expected);
    }
}
