package dev.dbguard.jdbc;

import dev.dbguard.core.Classification;
import dev.dbguard.core.Decision;
import dev.dbguard.core.Dialect;
import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.StatementGuard;
import dev.dbguard.core.Verdict;
import dev.dbguard.core.sql.SessionChange;
import dev.dbguard.core.sql.SessionChange.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The session of one connection: which dialect it is read in, and what it remembers after each statement. */
class ConnectionSessionTest {

    private final StatementGuard guard = new StatementGuard(GuardConfig.builder().environment("production").build());

    @ParameterizedTest(name = "{0} | {1} {2} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
        jdbc:postgresql://db/app          | -          | -                          | POSTGRESQL
        jdbc:dbguard:postgresql://db/app  | -          | -                          | POSTGRESQL
        jdbc:postgresql://db/app          | MariaDB    | 10.11.6-MariaDB            | POSTGRESQL
        jdbc:mariadb://db/app             | MariaDB    | 10.11.6-MariaDB            | MARIADB
        jdbc:mariadb://db/app             | MySQL      | 8.0.36                     | MYSQL
        jdbc:mysql://db/app               | MySQL      | 5.5.5-10.11.6-MariaDB      | MARIADB
        jdbc:mysql://db/app               | MySQL      | 8.4.0                      | MYSQL
        jdbc:mysql://db/app               | -          | -                          | MYSQL
        jdbc:p6spy:mariadb://db/app       | -          | -                          | MARIADB
        -                                 | PostgreSQL | 15.6                       | POSTGRESQL
        -                                 | MariaDB    | 10.11.6-MariaDB            | MARIADB
        jdbc:h2:mem:test                  | H2         | 2.2.224                    | UNKNOWN
        -                                 | -          | -                          | UNKNOWN
        """)
    void theDialectComesFromTheUrlAndForMySqlDriversFromTheServer(String url, String product, String version,
                                                                 Dialect expected) {
        Connection connection = connectionReporting(null, product, version);

        assertThat(ConnectionSession.dialectOf(connection, url)).isEqualTo(expected);
    }

    @Test
    void theUrlTheDriverReportsIsUsedWhenNoneWasGiven() {
        Connection connection = connectionReporting("jdbc:mariadb://db/app", null, null);

        assertThat(ConnectionSession.dialectOf(connection, null)).isEqualTo(Dialect.MARIADB);
    }

    @Test
    void metadataThatFailsLeavesTheDialectTheUrlNames() {
        Connection failing = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    throw new SQLException("closed");
                });

        assertThat(ConnectionSession.dialectOf(failing, "jdbc:mariadb://db/app")).isEqualTo(Dialect.MARIADB);
        assertThat(ConnectionSession.dialectOf(failing, null)).isEqualTo(Dialect.UNKNOWN);
    }

    @Test
    void theTargetKeepsTheDataSourcesEnvironmentInTheConnectionsDialect() {
        ConnectionSession session = ConnectionSession.open(guard.target("orders", null),
                connectionReporting(null, "MariaDB", "10.11.6-MariaDB"), null);

        assertThat(session.target().dialect()).isEqualTo(Dialect.MARIADB);
        assertThat(session.target().dataSourceName()).isEqualTo("orders");
        assertThat(session.target().environment().environment().name()).isEqualTo("production");
        assertThat(session.state().dialect()).isEqualTo(Dialect.MARIADB);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
        SET sql_mode = 'ANSI_QUOTES'                    | true
        set session SQL_MODE = concat(@@sql_mode, ',x') | true
        SET @@sql_mode = @saved                         | true
        SET STATEMENT sql_mode='' FOR SELECT 1          | true
        sql_mode                                        | true
        x=@@SESSION.Sql_Mode                            | true
        UPDATE t SET user_id = 1 WHERE sql_id = 2       | false
        SELECT sql_modes_are_not_this                   | true
        sql_mod                                         | false
        _sql_mode_                                      | true
        ____                                            | false
        SET sql mode = 1                                | false
        ''                                              | false
        """)
    void aStatementNamingTheSettingIsFoundByItsUnderscore(String sql, boolean names) {
        assertThat(ConnectionSession.names(sql, "sql_mode")).isEqualTo(names);
    }

    // ---- what the session remembers ----

    @Test
    void aStatementThatRanIsRecordedWhole() {
        ConnectionSession session = unknownSession();

        session.ran(verdict(new SessionChange(Kind.TEMPORARY_TABLE_CREATED, "tmp_a", null),
                new SessionChange(Kind.TEMPORARY_TABLE_CREATED, "tmp_b", null),
                new SessionChange(Kind.TABLE_DROPPED, "tmp_a", null)));

        assertThat(session.state().temporaryTables()).containsExactly("tmp_b");
    }

    /** A string of several statements may fail after some of them ran: only what makes the guard stricter counts. */
    @Test
    void aStatementThatFailedOnlyForgetsTables() {
        ConnectionSession session = unknownSession();
        session.ran(verdict(new SessionChange(Kind.TEMPORARY_TABLE_CREATED, "tmp_a", null)));

        session.failed(verdict(new SessionChange(Kind.TABLE_DROPPED, "tmp_a", null),
                new SessionChange(Kind.TEMPORARY_TABLE_CREATED, "victim", null)));

        assertThat(session.state().temporaryTables()).isEmpty();
        assertThat(session.state().isTemporaryTable("victim")).isFalse();
    }

    @Test
    void aRollbackForgetsTemporaryTables() {
        ConnectionSession session = unknownSession();
        session.ran(verdict(new SessionChange(Kind.TEMPORARY_TABLE_CREATED, "victim", null)));

        session.rolledBack();

        assertThat(session.state().isTemporaryTable("victim")).isFalse();
    }

    /** A pool may reset the session between loans; a table it no longer has must not stay droppable. */
    @Test
    void aNewLoanForgetsTemporaryTables() {
        ConnectionSession session = unknownSession();
        session.ran(verdict(new SessionChange(Kind.TEMPORARY_TABLE_CREATED, "victim", null)));

        session.borrowed();

        assertThat(session.state().temporaryTables()).isEmpty();
    }

    @Test
    void aGuardedConnectionLentOutByADataSourceStartsWithoutTemporaryTables() throws SQLException {
        RecordingJdbc driver = new RecordingJdbc();
        Connection physical = driver.connection();
        GuardedDataSource dataSource = new GuardedDataSource(new SingleConnectionDataSource(physical), "orders", guard,
                new UnwrapAudit(warning -> { }));
        GuardedConnection first = (GuardedConnection) dataSource.getConnection();
        first.gate().session().ran(verdict(new SessionChange(Kind.TEMPORARY_TABLE_CREATED, "victim", null)));

        GuardedConnection second = (GuardedConnection) dataSource.getConnection();

        assertThat(second.gate().session()).as("one session per physical connection")
                .isSameAs(first.gate().session());
        assertThat(second.gate().session().state().isTemporaryTable("victim")).isFalse();
    }

    // ---- helpers ----

    private ConnectionSession unknownSession() {
        return ConnectionSession.open(guard.target("orders", null), connectionReporting(null, null, null), null);
    }

    private static Verdict verdict(SessionChange... changes) {
        return new Verdict(Decision.ALLOW, Classification.SAFE, List.of(), null, List.of(changes));
    }

    private static Connection connectionReporting(String url, String product, String version) {
        DatabaseMetaData metaData = (DatabaseMetaData) Proxy.newProxyInstance(
                ConnectionSessionTest.class.getClassLoader(), new Class<?>[] {DatabaseMetaData.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getURL" -> url;
                    case "getDatabaseProductName" -> product;
                    case "getDatabaseProductVersion" -> version;
                    default -> null;
                });
        return (Connection) Proxy.newProxyInstance(ConnectionSessionTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getMetaData" -> metaData;
                    case "unwrap" -> proxy;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }
}
