package dev.dbguard.bootversions;

import org.springframework.test.context.DynamicPropertyRegistry;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh schema on the test PostgreSQL ({@code DBGUARD_TEST_POSTGRES_URL}, as CI sets it) holding a
 * {@code customers} table with three rows and a {@code legacy_orders} table, set up and checked over plain
 * connections. Written against the JDBC API only, so that every Spring Boot line can use it.
 */
final class PostgresSchema {

    static final int ROWS = 3;
    private static final String URL = serverUrl();

    private final String name;

    private PostgresSchema(String name) {
        this.name = name;
    }

    static PostgresSchema create(String prefix) {
        PostgresSchema schema = new PostgresSchema(prefix + "_" + UUID.randomUUID().toString().substring(0, 8));
        schema.execute(URL, "CREATE SCHEMA " + schema.name);
        schema.execute(schema.url(), "CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(100))",
                "INSERT INTO customers VALUES (1, 'Ada'), (2, 'Grace'), (3, 'Edsger')",
                "CREATE TABLE legacy_orders (id INT PRIMARY KEY)");
        return schema;
    }

    private static String serverUrl() {
        String url = System.getProperty("dbguard.test.postgres.url", System.getenv("DBGUARD_TEST_POSTGRES_URL"));
        return url == null || url.isBlank() ? "jdbc:postgresql://127.0.0.1:5432/test?user=postgres" : url.trim();
    }

    /** The URL whose connections work in this schema. */
    String url() {
        return URL + (URL.indexOf('?') >= 0 ? "&" : "?") + "currentSchema=" + name;
    }

    /** Points a Spring test context at this schema. */
    void register(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", this::url);
    }

    int count(String table) {
        try (Connection connection = DriverManager.getConnection(url());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean hasTable(String table) {
        try (Connection connection = DriverManager.getConnection(url());
             ResultSet tables = connection.getMetaData().getTables(null, name, table, null)) {
            return tables.next();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void drop() {
        execute(URL, "DROP SCHEMA IF EXISTS " + name + " CASCADE");
    }

    private void execute(String url, String... statements) {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the test schema: " + e.getMessage(), e);
        }
    }
}
