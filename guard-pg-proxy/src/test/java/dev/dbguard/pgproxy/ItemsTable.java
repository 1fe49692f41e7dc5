package dev.dbguard.pgproxy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The table the client tests try to destroy: {@code items (id, name)} with rows 1 to 5 in the test schema, made and
 * read on a direct connection, so a check of the data after a refusal never goes through the proxy it checks.
 */
final class ItemsTable {

    /** What {@link #rows} gives for the table as {@link #create} leaves it. */
    static final String FIVE_ROWS = "1 item 1, 2 item 2, 3 item 3, 4 item 4, 5 item 5";

    private ItemsTable() {
    }

    /** Creates the table afresh with rows 1 to 5. */
    static void create(ProxiedPostgres pg) throws SQLException {
        pg.direct("DROP TABLE IF EXISTS items", "CREATE TABLE items (id int PRIMARY KEY, name text)",
                "INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 5) g");
    }

    /** Every row, {@code 1 item 1, 2 item 2, ...} in id order, or {@code (no table)} when it is gone. */
    static String rows(ProxiedPostgres pg) throws SQLException {
        if (!pg.exists("items")) {
            return "(no table)";
        }
        try (Connection connection = pg.database.dataSource(pg.schema).getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT coalesce(string_agg(id || ' ' || name, ', ' ORDER BY id), '') FROM items")) {
            rows.next();
            return rows.getString(1);
        }
    }
}
