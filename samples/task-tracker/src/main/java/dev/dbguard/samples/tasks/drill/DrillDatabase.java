package dev.dbguard.samples.tasks.drill;

import dev.dbguard.samples.tasks.PostgresDatabase;
import org.flywaydb.core.Flyway;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The drill's own, unguarded access to the database: it creates its schemas, fills them with the sample's data,
 * counts rows and drops the schemas again. It never touches a schema it did not create: each one carries a marker
 * comment, and a schema of the same name without it is left alone.
 */
final class DrillDatabase {

    static final String MARKER = "created by the dbguard incident drill; dropped when the drill ends";

    private final PostgresDatabase database;

    DrillDatabase(PostgresDatabase database) {
        this.database = database;
    }

    /** Creates {@code schema} afresh, marked as the drill's, with the sample's tables and rows (migrations V1, V2). */
    void recreate(String schema) throws SQLException {
        drop(schema);
        try (Connection connection = database.dataSource("public").getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
            statement.execute("COMMENT ON SCHEMA " + schema + " IS '" + MARKER + "'");
        }
        Flyway.configure()
                .dataSource(database.dataSource(schema))
                .schemas(schema)
                .createSchemas(false)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    /**
     * Drops {@code schema} if the drill created it.
     *
     * @throws IllegalStateException when a schema of that name exists but is not the drill's
     */
    void drop(String schema) throws SQLException {
        try (Connection connection = database.dataSource("public").getConnection()) {
            String comment;
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT coalesce(obj_description(oid, 'pg_namespace'), '') FROM pg_namespace WHERE nspname = ?")) {
                query.setString(1, schema);
                try (ResultSet rows = query.executeQuery()) {
                    if (!rows.next()) {
                        return;
                    }
                    comment = rows.getString(1);
                }
            }
            if (!MARKER.equals(comment)) {
                throw new IllegalStateException("schema " + schema + " already exists and was not created by the"
                        + " drill, which touches nothing it did not create; choose another name with --schema");
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    /** The sample's tables in {@code schema} now. */
    Snapshot snapshot(String schema) throws SQLException {
        Map<String, Snapshot.Table> tables = new LinkedHashMap<>();
        try (Connection connection = database.dataSource(schema).getConnection()) {
            for (String table : Snapshot.TABLES) {
                List<String> columns = columns(connection, schema, table);
                if (!columns.isEmpty()) {
                    tables.put(table, new Snapshot.Table(count(connection, schema, table), columns));
                }
            }
        }
        return new Snapshot(tables);
    }

    private static List<String> columns(Connection connection, String schema, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
            query.setString(1, schema);
            query.setString(2, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                }
            }
        }
        return columns;
    }

    private static long count(Connection connection, String schema, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + schema + "." + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
