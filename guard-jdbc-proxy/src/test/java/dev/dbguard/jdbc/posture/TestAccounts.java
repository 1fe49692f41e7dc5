package dev.dbguard.jdbc.posture;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Connecting as the accounts the posture tests create, and running their setup SQL. */
final class TestAccounts {

    private TestAccounts() {
    }

    /** {@code url} with its {@code user=} parameter replaced by {@code user}. */
    static String asUser(String url, String user) {
        return url.replaceAll("user=[^&;]*", "user=" + user);
    }

    /** Runs {@code statements} in order on one new connection to {@code url}. */
    static void execute(String url, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
