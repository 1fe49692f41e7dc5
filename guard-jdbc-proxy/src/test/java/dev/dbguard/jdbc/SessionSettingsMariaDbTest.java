package dev.dbguard.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.dbguard.DbGuard;
import dev.dbguard.core.Dialect;
import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.SessionReadings;
import dev.dbguard.core.internal.LexicalRules;
import dev.dbguard.testsupport.TestDatabase;
import dev.dbguard.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MariaDB's {@code sql_mode} as the guard learns it: read from the server before the first statement, once per
 * physical connection, so that a mode set by the pool or at connect is the mode the text is read in. These tests
 * check what the session was told; {@link DialectAttacksMariaDbTest} checks what the guard then refuses. Skipped,
 * loudly, without MariaDB.
 */
class SessionSettingsMariaDbTest {

    private static TestDatabase mariadb;
    private static String database;

    @BeforeAll
    static void createDatabase() throws SQLException {
        mariadb = TestDatabases.of(TestDatabase.Kind.MARIADB);
        database = mariadb.freshSchema("h4_settings");
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        if (database != null) {
            mariadb.dropSchema(database);
        }
    }

    @BeforeEach
    void createTable() throws SQLException {
        try (Connection connection = mariadb.dataSource(database).getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS h4_set");
            statement.execute("CREATE TABLE h4_set (id int PRIMARY KEY, v varchar(40)) ENGINE=InnoDB");
            statement.execute("INSERT INTO h4_set VALUES (1, 'a'), (2, 'b')");
        }
    }

    @Test
    void theServersModeIsTheReadingBeforeAnythingSetsIt() throws SQLException {
        try (HikariDataSource pool = pool(config -> { })) {
            try (Connection connection = guarded(pool).getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("SELECT 1");

                assertThat(readings(connection)).containsExactly(LexicalRules.mysql(true, false, false, false));
            }
        }
    }

    @Test
    void noBackslashEscapesSetByThePoolIsReadFromTheServer() throws SQLException {
        try (HikariDataSource pool = pool(config ->
                config.setConnectionInitSql("SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES')"))) {
            try (Connection connection = guarded(pool).getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("SELECT 1");

                assertThat(readings(connection)).containsExactly(LexicalRules.mysql(true, false, true, false));
            }
        }
    }

    @Test
    void ansiQuotesSetAtConnectIsReadFromTheServer() throws SQLException {
        try (HikariDataSource pool = pool(config -> config.setJdbcUrl(config.getJdbcUrl()
                + "&sessionVariables=sql_mode=ANSI_QUOTES"))) {
            try (Connection connection = guarded(pool).getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("SELECT 1");

                assertThat(readings(connection)).containsExactly(LexicalRules.mysql(true, true, false, false));
            }
        }
    }

    /**
     * A change of the mode through the guard is read back from the server before the next statement, whatever form
     * it takes: the server's answer is exact even where the statement's text is not (a variable, a function).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        SET sql_mode = 'NO_BACKSLASH_ESCAPES'                                       | false | true  | false
        SET SESSION sql_mode = CONCAT(@@sql_mode, ',ANSI_QUOTES')                   | true  | false | false
        SET @@sql_mode = 'PIPES_AS_CONCAT,ANSI_QUOTES'                              | true  | false | true
        SET @m = 'ANSI'; SET sql_mode = @m                                          | true  | false | true
        SET sql_mode = 'ANSI_QUOTES'; SET sql_mode = DEFAULT                        | false | false | false
        SET STATEMENT sql_mode = 'NO_BACKSLASH_ESCAPES' FOR SELECT 1                | false | false | false
        """)
    void aChangeOfTheModeThroughTheGuardIsReadBackFromTheServer(String set, boolean ansiQuotes,
                                                                 boolean noBackslashEscapes, boolean pipesAsConcat)
            throws SQLException {
        try (HikariDataSource pool = pool(config -> { })) {
            try (Connection connection = guarded(pool).getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("SELECT 1");
                statement.execute(set);
                statement.execute("SELECT 1");

                assertThat(readings(connection)).containsExactly(
                        LexicalRules.mysql(true, ansiQuotes, noBackslashEscapes, pipesAsConcat));
            }
        }
    }

    /** The jdbc:dbguard: driver reads the mode of each connection it opens. */
    @Test
    void theDriverReadsTheModeOfEachConnection() throws SQLException {
        String url = "jdbc:dbguard:" + mariadb.jdbcUrl(database).substring("jdbc:".length())
                + "&sessionVariables=sql_mode=PIPES_AS_CONCAT&dbguard.env=production";
        try (Connection connection = DriverManager.getConnection(url, mariadb.user(), mariadb.password());
             Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");

            assertThat(((GuardedConnection) connection).gate().target().dialect()).isEqualTo(Dialect.MARIADB);
            assertThat(readings(connection)).containsExactly(LexicalRules.mysql(true, false, false, true));
        }
    }

    /**
     * {@code Com_select} counts the session's SELECTs: the guard's own read of sql_mode is one more than the same work
     * without the guard, once per physical connection, not once per loan or statement.
     */
    @Test
    void theModeIsReadOncePerPhysicalConnectionNotPerLoanOrStatement() throws SQLException {
        long unguarded;
        try (HikariDataSource pool = pool(config -> config.setMaximumPoolSize(1))) {
            unguarded = selectsAfterThreeDeletes(pool);
        }
        try (HikariDataSource pool = pool(config -> config.setMaximumPoolSize(1))) {
            DataSource guarded = guarded(pool);
            for (int loan = 0; loan < 3; loan++) {
                assertThat(selectsAfterThreeDeletes(guarded)).as("SELECTs of the session after loan " + loan)
                        .isEqualTo(unguarded + 1);
            }
        }
        assertIntact();
    }

    private static long selectsAfterThreeDeletes(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (int i = 0; i < 3; i++) {
                statement.executeUpdate("DELETE FROM h4_set WHERE id = 99");
            }
            return comSelect(statement);
        }
    }

    /** The read does not open a transaction, so the isolation level of the next one can still be set. */
    @Test
    void readingTheModeLeavesTheNextTransactionToTheApplication() throws SQLException {
        try (HikariDataSource pool = pool(config -> config.setAutoCommit(false))) {
            try (Connection connection = guarded(pool).getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE");
                statement.executeUpdate("UPDATE h4_set SET v = 'c' WHERE id = 1");
                connection.commit();
            }
        }
        assertThat(value(1)).isEqualTo("c");
    }

    // ---- helpers ----

    private static List<LexicalRules> readings(Connection connection) {
        return SessionReadings.of(((GuardedConnection) connection).gate().session().state());
    }

    private static long comSelect(Statement statement) throws SQLException {
        try (ResultSet status = statement.executeQuery("SHOW SESSION STATUS LIKE 'Com_select'")) {
            assertThat(status.next()).isTrue();
            return status.getLong(2);
        }
    }

    /** Without the posture check, whose one catalog SELECT on the first connection would be counted here too. */
    private static DataSource guarded(DataSource pool) {
        return DbGuard.wrap(pool).config(GuardConfig.builder().postureEnabled(false).build())
                .environment("production").build();
    }

    private static HikariDataSource pool(Consumer<HikariConfig> customizer) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(mariadb.jdbcUrl(database) + (mariadb.jdbcUrl(database).contains("?") ? "&" : "?")
                + "allowMultiQueries=true");
        config.setUsername(mariadb.user());
        config.setPassword(mariadb.password());
        config.setMaximumPoolSize(2);
        customizer.accept(config);
        return new HikariDataSource(config);
    }

    private static void assertIntact() throws SQLException {
        assertThat(mariadb.count(database + ".h4_set")).isEqualTo(2);
    }

    private static String value(int id) throws SQLException {
        try (Connection connection = mariadb.dataSource(database).getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT v FROM h4_set WHERE id = " + id)) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }
}
