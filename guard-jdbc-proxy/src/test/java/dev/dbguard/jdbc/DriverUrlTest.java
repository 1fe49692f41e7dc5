package dev.dbguard.jdbc;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DriverUrlTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        jdbc:dbguard:postgresql://h/db                            | jdbc:postgresql://h/db                    |
        jdbc:dbguard:postgresql://h/db?dbguard.env=prod           | jdbc:postgresql://h/db                    | dbguard.env=prod
        jdbc:dbguard:pg://h?user=u&dbguard.env=prod&ssl=true      | jdbc:pg://h?user=u&ssl=true               | dbguard.env=prod
        jdbc:dbguard:pg://h?dbguard.env=prod&user=u               | jdbc:pg://h?user=u                        | dbguard.env=prod
        jdbc:dbguard:pg://h?DBGUARD.ENV=qa&dbguard.modes.qa=block | jdbc:pg://h                               | dbguard.env=qa,dbguard.modes.qa=block
        jdbc:dbguard:pg://h?dbguard.allow=truncate%3Atmp_*        | jdbc:pg://h                               | dbguard.allow=truncate:tmp_*
        jdbc:dbguard:sqlserver://h;db=x;dbguard.env=prod          | jdbc:sqlserver://h;db=x                   | dbguard.env=prod
        jdbc:dbguard:h2:mem:t;dbguard.env=dev;DB_CLOSE_DELAY=-1   | jdbc:h2:mem:t;DB_CLOSE_DELAY=-1           | dbguard.env=dev
        jdbc:dbguard:mariadb://h/db?user=u&password=a%26b         | jdbc:mariadb://h/db?user=u&password=a%26b |
        jdbc:dbguard:pg://h?options=-c%20x%3Ddbguard.y            | jdbc:pg://h?options=-c%20x%3Ddbguard.y    |
        """)
    void stripsDbguardParametersBeforeTheRealDriverSeesTheUrl(String url, String realUrl, String parameters) {
        DriverUrl parsed = DriverUrl.parse(url);

        assertThat(parsed.realUrl()).isEqualTo(realUrl);
        assertThat(parsed.parameters()).containsExactlyEntriesOf(map(parameters));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        jdbc:postgresql://h:5432/db?user=u&password=secret    | jdbc:postgresql://h:5432/db
        jdbc:mysql://u:secret@h:3306/db                       | jdbc:mysql://h:3306/db
        jdbc:sqlserver://h;user=u;password=secret             | jdbc:sqlserver://h
        jdbc:oracle:thin:scott/tiger@db.example.com:1521:orcl | jdbc:oracle:thin:db.example.com:1521:orcl
        jdbc:oracle:thin:@//db.example.com:1521/svc           | jdbc:oracle:thin:@//db.example.com:1521/svc
        jdbc:postgresql://h/db                                | jdbc:postgresql://h/db
        """)
    void showsUrlsWithoutParametersOrUserInfo(String url, String shown) {
        assertThat(DriverUrl.withoutParameters(url)).isEqualTo(shown);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:postgresql://h/db", "jdbc:dbguardx:postgresql://h/db", ""})
    void acceptsOnlyDbguardUrls(String url) {
        assertThat(DriverUrl.accepts(url)).isFalse();
        assertThat(DriverUrl.accepts("JDBC:DBGUARD:postgresql://h/db")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:dbguard:", "jdbc:dbguard:dbguard:postgresql://h/db"})
    void refusesUrlsThatNameNoRealDatabase(String url) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DriverUrl.parse(url))
                .withMessageStartingWith("dbguard: the URL must name the real database");
    }

    private static Map<String, String> map(String pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        if (pairs != null) {
            for (String pair : pairs.split(",")) {
                String[] keyValue = pair.split("=", 2);
                map.put(keyValue[0], keyValue[1]);
            }
        }
        return map;
    }
}
