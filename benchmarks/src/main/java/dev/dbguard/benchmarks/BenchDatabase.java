package dev.dbguard.benchmarks;

import dev.dbguard.testsupport.TestDatabase;
import dev.dbguard.testsupport.TestDatabases;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL schema the end-to-end runs work in: found by {@link TestDatabases#postgres()} (a configured URL,
 * else a container, else embedded PostgreSQL), holding one table of {@value #ROWS} accounts, and dropped on close.
 *
 * <p>Connections use {@code synchronous_commit=off} (a session setting, nothing changes on the server): with it on,
 * every write waits for the disk and all layers look alike; off, the run measures the client path, where an
 * interception layer's cost shows.
 */
final class BenchDatabase implements AutoCloseable {

    /** Accounts read and updated by key; inserts and deletes use keys above them. */
    static final int ROWS = 10_000;

    private final TestDatabase server;
    private final String schema;
    private final String jdbcUrl;
    private final String serverVersion;

    private BenchDatabase(TestDatabase server, String schema) throws SQLException {
        this.server = server;
        this.schema = schema;
        this.jdbcUrl = server.jdbcUrl(schema) + "&options=-c%20synchronous_commit%3Doff";
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE bench_accounts (id bigint PRIMARY KEY, balance bigint NOT NULL,"
                    + " note text NOT NULL)");
            statement.execute("INSERT INTO bench_accounts SELECT g, 0, 'account ' || g FROM generate_series(1, "
                    + ROWS + ") g");
            statement.execute("ANALYZE bench_accounts");
            try (ResultSet rows = statement.executeQuery("SHOW synchronous_commit")) {
                rows.next();
                if (!rows.getString(1).equals("off")) {
                    throw new IllegalStateException("dbguard benchmarks: the connection options did not reach"
                            + " PostgreSQL (synchronous_commit is " + rows.getString(1) + ")");
                }
            }
            serverVersion = connection.getMetaData().getDatabaseProductVersion();
        }
    }

    /** Creates a fresh schema with the accounts table on the test PostgreSQL. */
    static BenchDatabase create() throws SQLException {
        TestDatabase server = TestDatabases.postgres();
        String schema = server.freshSchema("dbguard_bench");
        try {
            return new BenchDatabase(server, schema);
        } catch (SQLException | RuntimeException e) {
            server.dropSchema(schema);
            throw e;
        }
    }

    /** The PostgreSQL JDBC URL of the schema ({@code jdbc:postgresql://...}). */
    String jdbcUrl() {
        return jdbcUrl;
    }

    String user() {
        return server.user();
    }

    String password() {
        return server.password();
    }

    String serverVersion() {
        return serverVersion;
    }

    /** Where the server came from, for the report. */
    String source() {
        return server.source();
    }

    /** A new unpooled connection to the schema; the caller closes it. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, server.user(), server.password());
    }

    /** Vacuums the accounts table (not timed): removes the dead rows that the last run's inserts and deletes left. */
    void vacuum() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("VACUUM bench_accounts");
        }
    }

    /** Rows in the accounts table (the mix keeps it at {@value #ROWS}). */
    long rowCount() throws SQLException {
        try (Connection connection = connect();
             PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM bench_accounts");
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Override
    public void close() throws SQLException {
        server.dropSchema(schema);
    }
}
