package dev.dbguard.spring;

import dev.dbguard.testsupport.TestDatabase;
import dev.dbguard.testsupport.TestDatabases;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A fresh PostgreSQL schema holding a {@code customers} table with three rows, set up and checked over plain,
 * unguarded connections.
 */
public final class CustomerSchema {

    public static final int ROWS = 3;

    private final TestDatabase database = TestDatabases.postgres();
    private final String name;

    private CustomerSchema(String prefix) throws SQLException {
        this.name = database.freshSchema(prefix);
        execute("CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(100))",
                "INSERT INTO customers VALUES (1, 'Ada'), (2, 'Grace'), (3, 'Edsger')");
    }

    /** A new schema whose name starts with {@code prefix}, with the {@code customers} table filled. */
    public static CustomerSchema create(String prefix) {
        try {
            return new CustomerSchema(prefix);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the test schema: " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    /** The JDBC URL whose connections work in this schema. */
    public String jdbcUrl() {
        return database.jdbcUrl(name);
    }

    /** The database user the schema's connections log in as. */
    public String user() {
        return database.user();
    }

    /** That user's password. */
    public String password() {
        return database.password();
    }

    /** {@code spring.datasource.*} settings pointing the application at this schema. */
    public String[] dataSourceProperties() {
        return new String[] {
                "spring.datasource.url=" + jdbcUrl(),
                "spring.datasource.username=" + database.user(),
                "spring.datasource.password=" + database.password(),
                "spring.datasource.hikari.maximum-pool-size=2"
        };
    }

    /** Points a Spring test context at this schema ({@code @DynamicPropertySource}). */
    public void register(org.springframework.test.context.DynamicPropertyRegistry registry) {
        for (String property : dataSourceProperties()) {
            int equals = property.indexOf('=');
            registry.add(property.substring(0, equals), () -> property.substring(equals + 1));
        }
    }

    /** A plain data source whose connections work in this schema. */
    public javax.sql.DataSource dataSourceForTests() {
        return database.dataSource(name);
    }

    /** Runs statements in this schema over an unguarded connection. */
    public void execute(String... statements) throws SQLException {
        try (Connection connection = database.dataSource(name).getConnection();
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** Rows in a table of this schema. */
    public int count(String table) throws SQLException {
        return database.count(name + "." + table);
    }

    /** Whether a table of this name exists in this schema. */
    public boolean hasTable(String table) throws SQLException {
        try (Connection connection = database.connect();
             var statement = connection.prepareStatement(
                     "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = ?")) {
            statement.setString(1, name);
            statement.setString(2, table);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1) == 1;
            }
        }
    }

    public void drop() throws SQLException {
        database.dropSchema(name);
    }
}
