package dev.dbguard.testsupport;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A real database server for integration tests, found by {@link TestDatabases}. Each test class should work in its
 * own schema ({@link #freshSchema(String)}), because several test JVMs may share one server.
 */
public final class TestDatabase {

    /** The database products the tests run against. */
    public enum Kind {
        /** PostgreSQL: a fresh schema is {@code CREATE SCHEMA}. */
        POSTGRESQL,
        /** MariaDB: a fresh schema is {@code CREATE DATABASE}. */
        MARIADB
    }

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final Pattern SECRET = Pattern.compile("(?i)(password=)[^&;]*");

    private final Kind kind;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final String source;

    TestDatabase(Kind kind, String jdbcUrl, String user, String password, String source) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        this.user = user;
        this.password = password;
        this.source = source;
    }

    /** Which product this is. */
    public Kind kind() {
        return kind;
    }

    /** The JDBC URL of the server's default database, e.g. {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /**
     * A JDBC URL whose connections work in {@code schema} by default: PostgreSQL gets {@code currentSchema=schema},
     * MariaDB gets {@code schema} as its database. Hand it to a pool or a Spring context under test.
     */
    public String jdbcUrl(String schema) {
        String name = checkedName(schema);
        if (kind == Kind.POSTGRESQL) {
            return jdbcUrl + (jdbcUrl.indexOf('?') >= 0 ? "&" : "?") + "currentSchema=" + name;
        }
        int authorityStart = jdbcUrl.indexOf("//") + 2;
        int query = jdbcUrl.indexOf('?', authorityStart);
        int end = query < 0 ? jdbcUrl.length() : query;
        int path = jdbcUrl.indexOf('/', authorityStart);
        int authorityEnd = path < 0 || path > end ? end : path;
        return jdbcUrl.substring(0, authorityEnd) + "/" + name + jdbcUrl.substring(end);
    }

    /** The user to connect as. */
    public String user() {
        return user;
    }

    /** The password to connect with; empty when none is needed. */
    public String password() {
        return password;
    }

    /** Where this server was found, e.g. {@code environment variable DBGUARD_TEST_POSTGRES_URL}. */
    public String source() {
        return source;
    }

    /** A plain DataSource that opens a new connection each time (no pool). */
    public DataSource dataSource() {
        return new DriverDataSource(jdbcUrl, user, password);
    }

    /** A plain DataSource whose connections work in {@code schema} by default; see {@link #jdbcUrl(String)}. */
    public DataSource dataSource(String schema) {
        return new DriverDataSource(jdbcUrl(schema), user, password);
    }

    /** A new connection to the default database; the caller closes it. */
    public Connection connect() throws SQLException {
        return dataSource().getConnection();
    }

    /**
     * Creates an empty schema (PostgreSQL) or database (MariaDB) named {@code prefix} plus a random suffix, so test
     * classes and concurrent test runs never share tables.
     *
     * @param prefix letters, digits and underscores; other characters become underscores
     * @return the name created, e.g. {@code proxy_it_3f9a1c0e}
     */
    public String freshSchema(String prefix) throws SQLException {
        String cleaned = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (cleaned.isEmpty() || !Character.isLetter(cleaned.charAt(0))) {
            cleaned = "t_" + cleaned;
        }
        cleaned = cleaned.substring(0, Math.min(cleaned.length(), 40));
        String name = cleaned + "_" + UUID.randomUUID().toString().substring(0, 8);
        execute((kind == Kind.POSTGRESQL ? "CREATE SCHEMA " : "CREATE DATABASE ") + name);
        return name;
    }

    /** Drops a schema (PostgreSQL, with its tables) or database (MariaDB) if it exists. */
    public void dropSchema(String schema) throws SQLException {
        String name = checkedName(schema);
        execute(kind == Kind.POSTGRESQL ? "DROP SCHEMA IF EXISTS " + name + " CASCADE"
                : "DROP DATABASE IF EXISTS " + name);
    }

    /** The number of rows in {@code table}; qualify it ({@code schema.table}) when it is not in the default schema. */
    public int count(String table) throws SQLException {
        try (Connection connection = connect();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String checkedName(String schema) {
        if (schema == null || !IDENTIFIER.matcher(schema).matches()) {
            throw new IllegalArgumentException("'" + schema + "' is not a schema name made by freshSchema:"
                    + " expected lower-case letters, digits and underscores");
        }
        return schema;
    }

    static String redact(String url) {
        return SECRET.matcher(url).replaceAll("$1***");
    }

    @Override
    public String toString() {
        return kind + " at " + redact(jdbcUrl) + " (from " + source + ")";
    }
}
