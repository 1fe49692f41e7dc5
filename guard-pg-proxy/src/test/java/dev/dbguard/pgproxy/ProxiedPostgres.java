package dev.dbguard.pgproxy;

import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.StatementGuard;
import dev.dbguard.core.audit.AuditEvent;
import dev.dbguard.testsupport.TestDatabase;
import dev.dbguard.testsupport.TestDatabases;

import java.net.InetSocketAddress;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The test PostgreSQL server behind a proxy started in this JVM on a free port, in production (block mode), with a
 * schema of its own that {@link #close()} drops, and the audit events the guard emitted.
 */
final class ProxiedPostgres implements AutoCloseable {

    final TestDatabase database = TestDatabases.postgres();
    final List<AuditEvent> events = new CopyOnWriteArrayList<>();
    final String schema;
    final InetSocketAddress upstream;
    final String databaseName;
    final PgProxy proxy;

    ProxiedPostgres(String schemaPrefix) throws Exception {
        this(schemaPrefix, Route.DEFAULT_MAX_MESSAGE_LENGTH);
    }

    ProxiedPostgres(String schemaPrefix, int maxMessageLength) throws Exception {
        URI uri = URI.create(database.jdbcUrl().substring("jdbc:".length()));
        upstream = new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort());
        String path = uri.getPath();
        databaseName = path == null || path.length() <= 1 ? database.user() : path.substring(1);
        schema = database.freshSchema(schemaPrefix);
        StatementGuard guard = new StatementGuard(GuardConfig.builder()
                .environment("production", "test")
                .auditSink(events::add)
                .build());
        proxy = PgProxy.start(new Route("test-route", new InetSocketAddress("127.0.0.1", 0), upstream,
                maxMessageLength), guard);
    }

    int port() {
        return proxy.address().getPort();
    }

    /** PgJDBC through the proxy, in the test schema, server-side prepared statements from the first execution. */
    Connection connect() throws SQLException {
        return connect("pg-proxy-test");
    }

    /** As {@link #connect()}, with this {@code ApplicationName}. */
    Connection connect(String applicationName) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("prepareThreshold", "1");
        properties.setProperty("ApplicationName", applicationName);
        return connect(port(), properties);
    }

    /**
     * PgJDBC through a proxy of the test's own listening on {@code port}, to this database, in the test schema, with
     * {@code extra} properties on top of the defaults (no TLS, bounded timeouts).
     */
    Connection connect(int port, Properties extra) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", database.user());
        if (!database.password().isEmpty()) {
            properties.setProperty("password", database.password());
        }
        properties.setProperty("currentSchema", schema);
        properties.setProperty("sslmode", "disable");
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("socketTimeout", "30");
        properties.putAll(extra);
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + databaseName, properties);
    }

    /** Rows of a table of the test schema, counted on a direct connection (not through the proxy). */
    int count(String table) throws SQLException {
        return database.count(schema + "." + table);
    }

    /** Whether a table of the test schema exists, asked on a direct connection. */
    boolean exists(String table) throws SQLException {
        try (Connection connection = database.connect();
             var statement = connection.prepareStatement(
                     "SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = ?")) {
            statement.setString(1, schema);
            statement.setString(2, table);
            try (var rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** Runs statements on a direct connection, in the test schema. */
    void direct(String... sql) throws SQLException {
        try (Connection connection = database.dataSource(schema).getConnection();
             var statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            proxy.close();
        } finally {
            database.dropSchema(schema);
        }
    }
}
