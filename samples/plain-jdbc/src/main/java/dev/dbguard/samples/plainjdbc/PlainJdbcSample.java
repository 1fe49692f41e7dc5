package dev.dbguard.samples.plainjdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.dbguard.DbGuard;
import dev.dbguard.core.BlockedStatementException;
import dev.dbguard.core.GuardOverride;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * dbguard without a framework: a HikariCP pool guarded with {@code DbGuard.wrap(...)}, then the same database
 * through a {@code jdbc:dbguard:} URL. Runs against an embedded PostgreSQL, or {@code --url jdbc:postgresql://...}
 * (else {@code DATABASE_URL}); it works in a schema of its own and drops it at the end.
 */
public final class PlainJdbcSample {

    static final String SCHEMA = "dbguard_plain_jdbc_sample";

    public static void main(String[] args) throws Exception {
        String url = args.length == 2 && args[0].equals("--url") ? args[1] : System.getenv("DATABASE_URL");
        try (EmbeddedPostgres embedded = url == null ? EmbeddedPostgres.start() : null) {
            String jdbcUrl = url != null ? url : embedded.getJdbcUrl("postgres", "postgres");
            System.out.println("dbguard plain-JDBC sample on " + (url != null ? "your PostgreSQL" : "embedded PostgreSQL")
                    + ", in schema " + SCHEMA + " (created now, dropped at the end)");
            run(jdbcUrl, null, null, SCHEMA, System.out);
        } catch (SQLException e) {
            System.out.println("plain-jdbc sample stopped: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Runs the sample in {@code schema} (created here, dropped at the end); returns each statement's outcome. */
    static Map<String, String> run(String url, String user, String password, String schema, PrintStream out)
            throws SQLException {
        Map<String, String> outcomes = new LinkedHashMap<>();
        String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(schemaUrl);
        pool.setUsername(user);
        pool.setPassword(password);
        try (HikariDataSource hikari = new HikariDataSource(pool)) {
            DataSource orders = DbGuard.wrap(hikari).name("orders").environment("production").build();
            out.println("1. HikariCP guarded by DbGuard.wrap(pool).name(\"orders\").environment(\"production\")");
            try (Connection connection = orders.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA " + schema);
                statement.execute("CREATE TABLE orders (id int PRIMARY KEY, item text)");
                statement.execute("INSERT INTO orders VALUES (1, 'keyboard'), (2, 'mouse'), (3, 'screen')");
                for (String sql : new String[] {"DELETE FROM orders WHERE id = 1", "DELETE FROM orders",
                        "UPDATE orders SET item = 'free'", "DROP TABLE orders"}) {
                    outcomes.put(sql, attempt(statement, sql, out));
                }
            }
            String guardedUrl = "jdbc:dbguard:" + schemaUrl.substring("jdbc:".length()) + "&dbguard.env=production";
            out.println("2. The jdbc:dbguard: URL " + guardedUrl.replaceAll("(?i)password=[^&]*", "password=***"));
            try (Connection connection = DriverManager.getConnection(guardedUrl, user, password);
                 Statement statement = connection.createStatement()) {
                outcomes.put("TRUNCATE orders", attempt(statement, "TRUNCATE orders", out));
                outcomes.put("rows left", attempt(statement, "SELECT count(*) FROM orders", out));
            }
            out.println("3. Dropping the sample's schema on purpose, with a reason that goes into the audit log");
            try (GuardOverride override = DbGuard.override("plain-jdbc sample: drop its own schema", "drop");
                 Connection connection = orders.getConnection(); Statement statement = connection.createStatement()) {
                outcomes.put("DROP SCHEMA", attempt(statement, "DROP SCHEMA " + schema + " CASCADE", out));
            }
        }
        return outcomes;
    }

    private static String attempt(Statement statement, String sql, PrintStream out) {
        out.println("   > " + sql);
        String outcome;
        try {
            outcome = statement.execute(sql) ? result(statement)
                    : statement.getUpdateCount() > 0 ? "ran, " + statement.getUpdateCount() + " row(s)" : "ran";
        } catch (BlockedStatementException refused) {
            outcome = "REFUSED by rule " + refused.ruleId() + "; nothing reached the database";
        } catch (SQLException failed) {
            outcome = "failed: " + failed.getMessage();
        }
        out.println("     " + outcome);
        return outcome;
    }

    private static String result(Statement statement) throws SQLException {
        try (var rows = statement.getResultSet()) {
            rows.next();
            return "ran: " + rows.getString(1);
        }
    }
}
