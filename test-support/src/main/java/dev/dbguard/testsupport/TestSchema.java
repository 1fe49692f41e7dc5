package dev.dbguard.testsupport;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A schema of one test's own on a test server, dropped when closed: {@code try (TestSchema schema =
 * TestSchema.create(TestDatabases.of(kind), "proxy_x")) { ... }}.
 */
public final class TestSchema implements AutoCloseable {

    private final TestDatabase database;
    private final String name;

    private TestSchema(TestDatabase database, String name) {
        this.database = database;
        this.name = name;
    }

    /** Creates a schema named {@code prefix} plus a random suffix; see {@link TestDatabase#freshSchema(String)}. */
    public static TestSchema create(TestDatabase database, String prefix) throws SQLException {
        return new TestSchema(database, database.freshSchema(prefix));
    }

    /** The server the schema is on. */
    public TestDatabase database() {
        return database;
    }

    /** The schema's name. */
    public String name() {
        return name;
    }

    /**
     * The server's JDBC URL in this schema with {@code dbguard:} after {@code jdbc:} and {@code parameters}
     * ({@code dbguard.env=production&...}) added to its query string.
     */
    public String dbguardUrl(String parameters) {
        String url = database.jdbcUrl(name);
        return "jdbc:dbguard:" + url.substring("jdbc:".length()) + (url.indexOf('?') < 0 ? "?" : "&") + parameters;
    }

    /** Runs statements in this schema, unguarded, to set a test up. */
    public void execute(String... statements) throws SQLException {
        try (Connection connection = database.dataSource(name).getConnection();
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** The rows of a table in this schema. */
    public int count(String table) throws SQLException {
        return database.count(name + "." + table);
    }

    /** Drops the schema and everything in it. */
    @Override
    public void close() throws SQLException {
        database.dropSchema(name);
    }
}
