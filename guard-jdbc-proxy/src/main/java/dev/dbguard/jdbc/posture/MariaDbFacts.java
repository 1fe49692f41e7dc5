package dev.dbguard.jdbc.posture;

import dev.dbguard.core.internal.posture.PostureFacts;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the posture facts of a MariaDB or MySQL account from {@code information_schema} (which shows every account
 * its own privileges) and two {@code SHOW} statements. MariaDB has no ownership: the {@code DROP} privilege is what
 * lets an account drop and truncate a table, so holding it counts as owning. Privileges of the roles enabled in the
 * session count as the account's own.
 */
final class MariaDbFacts implements FactsReader {

    private static final String ME = "CONCAT('''', SUBSTRING_INDEX(CURRENT_USER(), '@', 1), '''@''',"
            + " SUBSTRING_INDEX(CURRENT_USER(), '@', -1), '''')";
    private static final String GRANTEES = "(GRANTEE = " + ME + " OR GRANTEE IN (SELECT CONCAT('''', ROLE_NAME,"
            + " '''') FROM information_schema.ENABLED_ROLES))";

    static final String QUERY = "SELECT CURRENT_USER(), DATABASE(),"
            + " (SELECT GROUP_CONCAT(PRIVILEGE_TYPE) FROM information_schema.USER_PRIVILEGES WHERE " + GRANTEES + "),"
            + " (SELECT COUNT(*) FROM information_schema.SCHEMA_PRIVILEGES WHERE " + GRANTEES
            + " AND TABLE_SCHEMA = DATABASE() AND PRIVILEGE_TYPE = 'DROP'),"
            + " (SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
            + " AND TABLE_TYPE = 'BASE TABLE'),"
            + " (SELECT COUNT(DISTINCT TABLE_NAME) FROM information_schema.TABLE_PRIVILEGES WHERE " + GRANTEES
            + " AND TABLE_SCHEMA = DATABASE() AND PRIVILEGE_TYPE = 'DROP')";

    private static final String SETTINGS = "SHOW SESSION VARIABLES WHERE Variable_name IN"
            + " ('tx_read_only', 'transaction_read_only', 'max_statement_time', 'max_execution_time')";

    @Override
    public PostureFacts read(Connection connection, int timeoutSeconds) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(timeoutSeconds);
            String account;
            String database;
            Set<String> global;
            boolean schemaDrop;
            int tables;
            int droppable;
            try (ResultSet row = statement.executeQuery(QUERY)) {
                row.next();
                account = row.getString(1);
                database = row.getString(2);
                global = new LinkedHashSet<>(PostureFacts.split(row.getString(3), ","));
                schemaDrop = row.getInt(4) > 0;
                tables = row.getInt(5);
                droppable = row.getInt(6);
            }
            Boolean readOnly = null;
            String timeout = null;
            // Without the query timeout: MariaDB's driver enforces it with SET STATEMENT max_statement_time=...
            // FOR, which would show that value instead of the session's. SHOW VARIABLES never waits on a lock.
            try (Statement settings = connection.createStatement(); ResultSet rows = settings.executeQuery(SETTINGS)) {
                while (rows.next()) {
                    String value = rows.getString(2);
                    switch (rows.getString(1).toLowerCase(Locale.ROOT)) {
                        case "tx_read_only", "transaction_read_only" ->
                                readOnly = "ON".equalsIgnoreCase(value) || "1".equals(value);
                        default -> timeout = timeout == null || zero(timeout) ? value : timeout;
                    }
                }
            }
            String cipher = null;
            try (ResultSet rows = statement.executeQuery("SHOW SESSION STATUS LIKE 'Ssl_cipher'")) {
                if (rows.next()) {
                    cipher = rows.getString(2);
                }
            }
            boolean dropEverywhere = global.contains("DROP") || schemaDrop;
            Set<String> powers = new LinkedHashSet<>();
            if (global.contains("SUPER")) {
                powers.add("superuser");
            }
            if (global.contains("CREATE USER")) {
                powers.add("createrole");
            }
            if (global.contains("CREATE")) {
                powers.add("createdb");
            }
            List<String> schemas = database == null ? List.of() : List.of(database);
            return new PostureFacts(product(connection), account, schemas, powers, Map.of(), tables,
                    dropEverywhere ? tables : droppable, dropEverywhere ? schemas : List.of(), 0, 0,
                    cipher == null ? null : !cipher.isEmpty(), readOnly, timeout, timeout != null && !zero(timeout));
        }
    }

    private static boolean zero(String value) {
        try {
            return Double.parseDouble(value) == 0;
        } catch (NumberFormatException notANumber) {
            return false;
        }
    }

    private static String product(Connection connection) {
        try {
            String name = connection.getMetaData().getDatabaseProductName();
            String version = connection.getMetaData().getDatabaseProductVersion();
            return name != null && name.toLowerCase(Locale.ROOT).contains("mysql")
                    && (version == null || !version.toLowerCase(Locale.ROOT).contains("mariadb"))
                    ? "MySQL" : "MariaDB";
        } catch (SQLException | RuntimeException unknown) {
            return "MariaDB";
        }
    }
}
