package dev.dbguard.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.dbguard.DbGuard;
import dev.dbguard.core.Dialect;
import dev.dbguard.core.SessionReadings;
import dev.dbguard.core.internal.LexicalRules;
import dev.dbguard.testsupport.TestDatabase;
import dev.dbguard.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL's {@code standard_conforming_strings} as the guard learns it: from the server, however it was set (at
 * connect, by the pool, by {@code SET}, by {@code set_config}), and undone by a rollback. These tests check what the
 * session was told; {@link DialectAttacksPostgresTest} checks what the guard then refuses, and that the data is
 * intact.
 */
class SessionSettingsPostgresTest {

    private static final TestDatabase POSTGRES = TestDatabases.postgres();

    private static String schema;

    @BeforeAll
    static void createSchema() throws SQLException {
        schema = POSTGRES.freshSchema("h4_settings");
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        POSTGRES.dropSchema(schema);
    }

    @Test
    void aConnectionIsReadAsPostgresWithTheSettingOnByDefault() throws SQLException {
        try (Connection connection = guardedDriver("").getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");

            assertThat(((GuardedConnection) connection).gate().target().dialect()).isEqualTo(Dialect.POSTGRESQL);
            assertThat(readings(connection)).containsExactly(LexicalRules.postgresql(true));
        }
    }

    @Test
    void aServerThatStartsSessionsWithTheSettingOffIsReadThatWay() throws SQLException {
        try (Connection connection = guardedDriver("&options=-c%20standard_conforming_strings%3Doff")
                .getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");

            assertThat(readings(connection)).containsExactly(LexicalRules.postgresql(false));
        }
    }

    @Test
    void aSettingThePoolMadeBeforeTheGuardSawTheConnectionIsReadFromTheServer() throws SQLException {
        HikariConfig config = poolConfig();
        config.setConnectionInitSql("SET standard_conforming_strings = off");
        try (HikariDataSource pool = new HikariDataSource(config)) {
            DataSource guarded = DbGuard.wrap(pool).environment("production").build();
            try (Connection connection = guarded.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("SELECT 1");

                assertThat(readings(connection)).containsExactly(LexicalRules.postgresql(false));
            }
        }
    }

    @Test
    void aSetOnTheConnectionIsFollowed() throws SQLException {
        try (Connection connection = guardedDataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("SET standard_conforming_strings = off");
            statement.execute("SELECT 1");
            assertThat(readings(connection)).containsExactly(LexicalRules.postgresql(false));

            statement.execute("RESET standard_conforming_strings");
            statement.execute("SELECT 1");
            assertThat(readings(connection)).containsExactly(LexicalRules.postgresql(true));
        }
    }

    /** A change the statement's text does not show: the server's report of it is what the guard reads. */
    @Test
    void aChangeMadeBySetConfigIsFollowed() throws SQLException {
        try (Connection connection = guardedDataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("SELECT set_config('standard_conforming_strings', 'off', false)");
            statement.execute("SELECT 1");

            assertThat(readings(connection)).containsExactly(LexicalRules.postgresql(false));
        }
    }

    @Test
    void aSetUndoneByARollbackNoLongerApplies() throws SQLException {
        try (Connection connection = guardedDataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET standard_conforming_strings = off");
                statement.execute("SELECT 1");
                assertThat(readings(connection)).containsExactly(LexicalRules.postgresql(false));

                connection.rollback();
                statement.execute("SELECT 1");

                assertThat(readings(connection)).containsExactly(LexicalRules.postgresql(true));
            }
        }
    }

    @Test
    void aPooledConnectionKeepsItsSessionAcrossLoans() throws SQLException {
        HikariConfig config = poolConfig();
        config.setMaximumPoolSize(1);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            DataSource guarded = DbGuard.wrap(pool).environment("production").build();
            ConnectionSession first;
            try (Connection connection = guarded.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("SET standard_conforming_strings = off");
                first = ((GuardedConnection) connection).gate().session();
            }
            try (Connection connection = guarded.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("SELECT 1");

                assertThat(((GuardedConnection) connection).gate().session()).isSameAs(first);
                assertThat(readings(connection)).containsExactly(LexicalRules.postgresql(false));
            }
        }
    }

    /** In development nothing is judged, so nothing is read either. */
    @Test
    void nothingIsReadWhereNothingIsJudged() throws SQLException {
        try (Connection connection = DbGuard.wrap(POSTGRES.dataSource(schema)).environment("development").build()
                .getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("SET standard_conforming_strings = off");
            statement.execute("SELECT 1");

            assertThat(readings(connection)).containsExactly(LexicalRules.postgresql(true));
        }
    }

    // ---- helpers ----

    private static List<LexicalRules> readings(Connection connection) {
        return SessionReadings.of(((GuardedConnection) connection).gate().session().state());
    }

    private static HikariConfig poolConfig() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(POSTGRES.jdbcUrl(schema));
        config.setUsername(POSTGRES.user());
        config.setPassword(POSTGRES.password());
        config.setMaximumPoolSize(2);
        return config;
    }

    private static DataSource guardedDataSource() {
        return DbGuard.wrap(POSTGRES.dataSource(schema)).environment("production").build();
    }

    /** Connections through {@code jdbc:dbguard:} with extra URL parameters. */
    private static DataSource guardedDriver(String parameters) {
        String url = "jdbc:dbguard:" + POSTGRES.jdbcUrl(schema).substring("jdbc:".length()) + parameters
                + "&dbguard.env=production";
        return new DriverUrlDataSource(url);
    }

    /** Just enough of a DataSource over {@link DriverManager} for these tests. */
    private record DriverUrlDataSource(String url) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            return DriverManager.getConnection(url, POSTGRES.user(), POSTGRES.password());
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }

        @Override
        public java.io.PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(java.io.PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public java.util.logging.Logger getParentLogger() {
            return java.util.logging.Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
