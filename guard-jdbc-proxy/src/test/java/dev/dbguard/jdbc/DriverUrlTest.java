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
        jdbc:dbguard:postgresql://h/db                                               | jdbc:postgresql://h/db                                  |
        jdbc:dbguard:postgresql://h/db?dbguard.env=production                        | jdbc:postgresql://h/db                                  | dbguard.env=production
        jdbc:dbguard:postgresql://h/db?user=u&dbguard.env=prod&ssl=true              | jdbc:postgresql://h/db?user=u&ssl=true                  | dbguard.env=prod
        jdbc:dbguard:postgresql://h/db?dbguard.env=prod&user=u                       | jdbc:postgresql://h/db?user=u                           | dbguard.env=prod
        jdbc:dbguard:postgresql://h/db?DBGUARD.ENV=staging&dbguard.modes.staging=block | jdbc:postgresql://h/db                                | dbguard.env=staging,dbguard.modes.staging=block
        jdbc:dbguard:postgresql://h/db?dbguard.allow=truncate%3Aaudit_tmp_*          | jdbc:postgresql://h/db                                  | dbguard.allow=truncate:audit_tmp_*
        jdbc:dbguard:sqlserver://h;databaseName=db;dbguard.env=production            | jdbc:sqlserver://h;databaseName=db                      | dbguard.env=production
        jdbc:dbguard:h2:mem:t;dbguard.env=dev;DB_CLOSE_DELAY=-1                      | jdbc:h2:mem:t;DB_CLOSE_DELAY=-1                         | dbguard.env=dev
        jdbc:dbguard:mariadb://h:3306/db?user=root&password=a%26b                    | jdbc:mariadb://h:3306/db?user=root&password=a%26b       |
        jdbc:dbguard:postgresql://h/db?options=-c%20search_path%3Ddbguard.x          | jdbc:postgresql://h/db?options=-c%20search_path%3Ddbguard.x |
        """)
    void stripsDbguardParametersBeforeTheRealDriverSeesTheUrl(String url, String realUrl, String parameters) {
        DriverUrl parsed = DriverUrl.parse(url);

        assertThat(parsed.realUrl()).isEqualTo(realUrl);
        assertThat(parsed.parameters()).containsExactlyEntriesOf(map(parameters));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        jdbc:postgresql://h:5432/db?user=u&password=secret           | jdbc:postgresql://h:5432/db
        jdbc:mysql://u:secret@h:3306/db                              | jdbc:mysql://h:3306/db
        jdbc:sqlserver://h;user=u;password=secret                    | jdbc:sqlserver://h
        jdbc:oracle:thin:scott/tiger@db.example.com:1521:orcl        | jdbc:oracle:thin:db.example.com:1521:orcl
        jdbc:oracle:thin:@//db.example.com:1521/svc                  | jdbc:oracle:thin:@//db.example.com:1521/svc
        jdbc:postgresql://h/db                                       | jdbc:postgresql://h/db
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
