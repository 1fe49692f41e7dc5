package dev.dbguard.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.dbguard.core.BlockedStatementException;
import dev.dbguard.testsupport.TestDatabase;
import dev.dbguard.testsupport.TestDatabases;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code jdbc:dbguard:} driver in front of a real PostgreSQL, as tools and pools use it. */
class DbGuardDriverTest {

    private static final TestDatabase POSTGRES = TestDatabases.postgres();

    private static String schema;

    @BeforeAll
    static void createSchema() throws SQLException {
        schema = POSTGRES.freshSchema("proxy_driver");
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        POSTGRES.dropSchema(schema);
    }

    @BeforeEach
    void createVictim() throws SQLException {
        try (Connection connection = POSTGRES.dataSource(schema).getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS victim");
            statement.execute("CREATE TABLE victim (id int PRIMARY KEY)");
            statement.execute("INSERT INTO victim VALUES (1), (2), (3)");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        dbguard.env=production                                          | 3
        dbguard.env=prod                                                | 3
        dbguard.env=development                                         | 0
        dbguard.env=staging                                             | 0
        dbguard.env=staging&dbguard.modes.staging=block                 | 3
        dbguard.env=production&dbguard.rules.truncate.enabled=false     | 0
        dbguard.env=production&dbguard.allow=truncate:vic*              | 0
        """)
    void urlParametersConfigureTheGuard(String parameters, int rowsLeft) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                guardedUrl() + "&" + parameters, POSTGRES.user(), POSTGRES.password());
             Statement statement = connection.createStatement()) {
            if (rowsLeft == 3) {
                assertThatThrownBy(() -> statement.execute("TRUNCATE victim"))
                        .isInstanceOf(BlockedStatementException.class)
                        .hasMessageStartingWith("dbguard:");
            } else {
                statement.execute("TRUNCATE victim");
            }
        }

        assertThat(POSTGRES.count(schema + ".victim")).isEqualTo(rowsLeft);
    }

    @Test
    void dbguardParametersNeverReachTheRealDriver() throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                guardedUrl() + "&dbguard.env=production", POSTGRES.user(), POSTGRES.password())) {
            assertThat(connection).isInstanceOf(GuardedConnection.class);
            assertThat(connection.getMetaData().getURL()).startsWith("jdbc:postgresql:").doesNotContain("dbguard");
        }
    }

    @Test
    void connectionPropertiesConfigureTheGuardToo() throws SQLException {
        Properties info = new Properties();
        info.setProperty("user", POSTGRES.user());
        info.setProperty("password", POSTGRES.password());
        info.setProperty("dbguard.env", "production");

        try (Connection connection = DriverManager.getConnection(guardedUrl(), info);
             Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute("DROP TABLE victim"))
                    .isInstanceOf(BlockedStatementException.class);
        }

        assertThat(POSTGRES.count(schema + ".victim")).isEqualTo(3);
    }

    @Test
    void systemPropertiesConfigureTheGuardAndUrlParametersWin() throws SQLException {
        String previous = System.setProperty("dbguard.env", "production");
        try {
            try (Connection connection = DriverManager.getConnection(guardedUrl(), POSTGRES.user(), POSTGRES.password());
                 Statement statement = connection.createStatement()) {
                assertThatThrownBy(() -> statement.execute("TRUNCATE victim"))
                        .isInstanceOf(BlockedStatementException.class)
                        .hasMessageContaining("system property");
            }
            assertThat(POSTGRES.count(schema + ".victim")).isEqualTo(3);

            try (Connection connection = DriverManager.getConnection(
                    guardedUrl() + "&dbguard.env=development", POSTGRES.user(), POSTGRES.password());
                 Statement statement = connection.createStatement()) {
                statement.execute("TRUNCATE victim");
            }
            assertThat(POSTGRES.count(schema + ".victim")).isZero();
        } finally {
            if (previous == null) {
                System.clearProperty("dbguard.env");
            } else {
                System.setProperty("dbguard.env", previous);
            }
        }
    }

    @Test
    void productionUrlPatternsApplyToEachConnectionUrl() throws SQLException {
        String host = URI.create(POSTGRES.jdbcUrl().substring("jdbc:".length())).getHost();
        String url = guardedUrl() + "&dbguard.env=development&dbguard.production-url-patterns=" + host;

        try (Connection connection = DriverManager.getConnection(url, POSTGRES.user(), POSTGRES.password());
             Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute("DELETE FROM victim"))
                    .isInstanceOf(BlockedStatementException.class);
        }

        assertThat(POSTGRES.count(schema + ".victim")).isEqualTo(3);
    }

    @Test
    void worksAsTheJdbcUrlOfAHikariPoolAndForFlywayThroughIt() throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setPoolName("dbguard-driver-url");
        config.setJdbcUrl(guardedUrl() + "&dbguard.env=production");
        config.setUsername(POSTGRES.user());
        config.setPassword(POSTGRES.password());
        config.setMaximumPoolSize(2);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                assertThat(statement.executeQuery("SELECT count(*) FROM victim").next()).isTrue();
                assertThatThrownBy(() -> statement.execute("DROP TABLE victim"))
                        .isInstanceOf(BlockedStatementException.class);
            }

            Flyway flyway = Flyway.configure().dataSource(pool).schemas(schema).cleanDisabled(false).load();
            assertThatThrownBy(flyway::clean)
                    .isInstanceOf(FlywayException.class)
                    .hasRootCauseInstanceOf(BlockedStatementException.class);
        }

        assertThat(POSTGRES.count(schema + ".victim")).isEqualTo(3);
    }

    @Test
    void isFoundByDriverManagerForDbguardUrlsOnly() throws SQLException {
        assertThat(DriverManager.getDriver("jdbc:dbguard:postgresql://db.example.com/orders"))
                .isInstanceOf(DbGuardDriver.class);
        assertThat(DriverManager.getDriver("jdbc:postgresql://db.example.com/orders"))
                .isNotInstanceOf(DbGuardDriver.class);

        DbGuardDriver driver = new DbGuardDriver();
        assertThat(driver.acceptsURL("jdbc:postgresql://db.example.com/orders")).isFalse();
        assertThat(driver.connect("jdbc:postgresql://db.example.com/orders", new Properties())).isNull();
        assertThat(driver.jdbcCompliant()).isFalse();
        assertThat(Arrays.stream(driver.getPropertyInfo(guardedUrl() + "&dbguard.env=staging", new Properties()))
                .filter(property -> property.name.equals("dbguard.env"))
                .map(property -> property.value))
                .containsExactly("staging");
        assertThat(Arrays.stream(driver.getPropertyInfo(guardedUrl(), new Properties()))
                .map(property -> property.name))
                .contains("user", "dbguard.env");
    }

    @Test
    void aUrlWithoutARealDriverFailsWithAMessageSayingWhatToAdd() {
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:dbguard:nosuchdb://db.example.com/orders?password=s"))
                .isInstanceOf(SQLException.class)
                .hasMessage("dbguard: no JDBC driver on the class path accepts jdbc:nosuchdb://db.example.com/orders;"
                        + " add the database's driver next to dbguard");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        dbguard.modes.production=sometimes          | dbguard.modes.production
        dbguard.production-url-patterns=db:5432     | db:5432
        """)
    void aMalformedSettingFailsTheConnectionSayingWhich(String setting, String named) {
        assertThatThrownBy(() -> DriverManager.getConnection(guardedUrl() + "&" + setting,
                POSTGRES.user(), POSTGRES.password()))
                .isInstanceOf(SQLException.class)
                .hasMessageStartingWith("dbguard: invalid configuration:")
                .hasMessageContaining(named);
    }

    /** The test database's URL, in this class's schema, behind the dbguard driver; always has a query string. */
    private static String guardedUrl() {
        return "jdbc:dbguard:" + POSTGRES.jdbcUrl(schema).substring("jdbc:".length());
    }
}
