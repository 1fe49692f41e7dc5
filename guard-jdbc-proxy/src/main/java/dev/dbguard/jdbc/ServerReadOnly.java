package dev.dbguard.jdbc;

import dev.dbguard.core.Dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Makes the server itself refuse writes on a connection in {@code read-only} mode. The guard judges the text it is
 * sent and cannot see that {@code SELECT archive_orders()} calls a function that deletes; a session whose
 * transactions are read-only by default has the server refuse that write (PostgreSQL's
 * {@code default_transaction_read_only}, MySQL's and MariaDB's {@code SET SESSION TRANSACTION READ ONLY}). Applied
 * right after the driver opens the connection, in auto-commit, so that no transaction can undo it; the statements
 * that turn it off again are refused by the read-only mode.
 */
final class ServerReadOnly {

    private ServerReadOnly() {
    }

    /**
     * Makes the session read-only on the server; servers of other dialects keep the guard's own read-only check only.
     *
     * @throws SQLException naming the data source when the server does not take the setting; the caller closes the
     *                      connection rather than hand out one that is read-only in name only
     */
    static void apply(Connection raw, Dialect dialect, String dataSourceName) throws SQLException {
        String sql = switch (dialect) {
            case POSTGRESQL -> "SET SESSION default_transaction_read_only = on";
            case MYSQL, MARIADB -> "SET SESSION TRANSACTION READ ONLY";
            case UNKNOWN -> null;
        };
        if (sql == null) {
            return;
        }
        try (Statement statement = raw.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new SQLException("dbguard: could not make the read-only connection to " + dataSourceName
                    + " read-only on the server too (" + sql + " failed: " + e.getMessage() + "); the connection"
                    + " was closed. Check that the account may run it, or use a read-only database role",
                    e.getSQLState(), e);
        }
    }
}
