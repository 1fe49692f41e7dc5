package dev.dbguard.jdbc;

import dev.dbguard.core.BlockedStatementException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A table of attempts against a real database through {@code jdbc:dbguard:} in production, each checked by what is
 * left of the data afterwards, not only by the exception. One row per line of a resource file:
 *
 * <pre>
 * DECISION | rule | session | after | SQL
 * </pre>
 *
 * <ul>
 *   <li>DECISION: {@code REFUSED} (a {@link BlockedStatementException} and the statement never ran) or
 *       {@code ALLOWED} (it runs without error).</li>
 *   <li>rule: the rule that refuses it, {@code *} for any, {@code --} for allowed rows.</li>
 *   <li>session: {@code --}, or steps separated by {@code  ;; } run first: SQL through the guarded connection (which
 *       must be allowed), or {@code url: k=v&k=v} (connection parameters), {@code raw: SQL} (behind the guard's back,
 *       through the driver's own connection), {@code other: SQL} (on a second guarded connection, kept open),
 *       {@code batch: SQL} (a one-entry batch), {@code prepared: SQL} (a prepared statement), {@code jdbc: autocommit
 *       off}, {@code jdbc: commit}, {@code jdbc: rollback}.</li>
 *   <li>after: {@code intact} (every table of the fixture exists with exactly its rows), or {@code query => value}
 *       (the first column of the first row, as text).</li>
 *   <li>SQL: the attempt, the rest of the line; {@code <NL>} stands for a line break.</li>
 * </ul>
 * Blank lines and lines starting with {@code #} are ignored.
 */
final class AttackTable {

    /** One row of the table. */
    record Row(int line, boolean refused, String rule, List<String> session, String after, String sql) {

        @Override
        public String toString() {
            String setup = session.isEmpty() ? "" : String.join(" ;; ", session) + " ;; ";
            return (refused ? "refused " + rule : "allowed") + ": " + setup + sql.replace("\n", "\\n")
                    + " (line " + line + ")";
        }
    }

    /** What the table needs of its database. */
    interface Database {

        /** A new guarded connection ({@code jdbc:dbguard:}, production) with extra URL parameters, maybe empty. */
        Connection guarded(String urlParameters) throws SQLException;

        /** The driver's own connection under a guarded one, for steps run behind the guard's back. */
        Connection raw(Connection guarded) throws SQLException;

        /** A connection outside the guard, for creating the fixture and checking what is left. */
        Connection unguarded() throws SQLException;

        /** Drops and creates the fixture tables, with their rows. */
        void createFixture() throws SQLException;

        /** The fixture's tables, each with an {@code id} column to order its rows by. */
        List<String> fixtureTables();

        /** The row's text with the test's names filled in ({@code ${db}}). */
        default String expand(String text) {
            return text;
        }
    }

    private AttackTable() {
    }

    static List<Row> read(String resource) {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = AttackTable.class.getResourceAsStream(resource)) {
            Objects.requireNonNull(in, resource);
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split(" \\| ", 5);
                if (columns.length != 5) {
                    throw new IllegalArgumentException(resource + ":" + (i + 1) + ": expected 5 columns: " + line);
                }
                String decision = columns[0].strip();
                if (!decision.equals("REFUSED") && !decision.equals("ALLOWED")) {
                    throw new IllegalArgumentException(resource + ":" + (i + 1) + ": REFUSED or ALLOWED: " + line);
                }
                String session = columns[2].strip();
                rows.add(new Row(i + 1, decision.equals("REFUSED"), columns[1].strip(),
                        session.equals("--") ? List.of() : List.of(session.split(" ;; ")), columns[3].strip(),
                        columns[4].strip().replace("<NL>", "\n")));
            }
        } catch (IOException e) {
            throw new IllegalStateException(resource, e);
        }
        return rows;
    }

    /** Creates the fixture, runs the row's session and attempt, and checks the decision and the data. */
    static void run(Database database, Row template) throws SQLException {
        Row row = new Row(template.line(), template.refused(), template.rule(),
                template.session().stream().map(database::expand).toList(), database.expand(template.after()),
                database.expand(template.sql()));
        database.createFixture();
        Map<String, List<String>> before = snapshot(database);
        String urlParameters = "";
        for (String step : row.session()) {
            if (step.startsWith("url: ")) {
                urlParameters += "&" + step.substring("url: ".length()).strip();
            }
        }
        List<Connection> others = new ArrayList<>();
        try (Connection connection = database.guarded(urlParameters)) {
            for (String step : row.session()) {
                runStep(database, connection, others, step, row);
            }
            attempt(connection, row);
        } finally {
            for (Connection other : others) {
                other.close();
            }
        }
        check(database, row, before);
    }

    private static void runStep(Database database, Connection connection, List<Connection> others, String step,
                                Row row) throws SQLException {
        try {
            if (step.startsWith("url: ")) {
                return;
            }
            if (step.startsWith("raw: ")) {
                try (Statement statement = database.raw(connection).createStatement()) {
                    statement.execute(step.substring("raw: ".length()));
                }
            } else if (step.startsWith("other: ")) {
                Connection other = database.guarded("");
                others.add(other);
                try (Statement statement = other.createStatement()) {
                    statement.execute(step.substring("other: ".length()));
                }
            } else if (step.startsWith("batch: ")) {
                try (Statement statement = connection.createStatement()) {
                    statement.addBatch(step.substring("batch: ".length()));
                    statement.executeBatch();
                }
            } else if (step.startsWith("prepared: ")) {
                try (var statement = connection.prepareStatement(step.substring("prepared: ".length()))) {
                    statement.execute();
                }
            } else if (step.equals("jdbc: autocommit off")) {
                connection.setAutoCommit(false);
            } else if (step.equals("jdbc: commit")) {
                connection.commit();
            } else if (step.equals("jdbc: rollback")) {
                connection.rollback();
            } else if (step.startsWith("jdbc: ")) {
                throw new IllegalArgumentException("unknown step " + step);
            } else {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(step);
                }
            }
        } catch (BlockedStatementException refused) {
            fail("session step '" + step + "' of " + row + " was refused: " + refused.getMessage());
        }
    }

    private static void attempt(Connection connection, Row row) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if (row.refused()) {
                try {
                    statement.execute(row.sql());
                } catch (BlockedStatementException refused) {
                    if (!row.rule().equals("*")) {
                        assertThat(refused.ruleId()).as("rule refusing " + row).isEqualTo(row.rule());
                    }
                    return;
                } catch (SQLException failedOnTheServer) {
                    fail("not refused, it reached the server (which failed it: " + failedOnTheServer.getMessage()
                            + "): " + row);
                }
                fail("not refused, it ran: " + row);
            } else {
                try {
                    statement.execute(row.sql());
                    while (statement.getMoreResults() || statement.getUpdateCount() != -1) {
                        // Drain every result, so that each statement of the string has run.
                    }
                } catch (BlockedStatementException refused) {
                    fail("refused an ordinary statement: " + row + ": " + refused.getMessage());
                }
            }
        }
    }

    private static void check(Database database, Row row, Map<String, List<String>> before) throws SQLException {
        if (row.after().equals("intact")) {
            assertThat(snapshot(database)).as("the data after " + row).isEqualTo(before);
            return;
        }
        int arrow = row.after().indexOf(" => ");
        if (arrow < 0) {
            throw new IllegalArgumentException("after must be 'intact' or 'query => value': " + row);
        }
        String query = row.after().substring(0, arrow);
        String expected = row.after().substring(arrow + " => ".length());
        try (Connection connection = database.unguarded();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            assertThat(rows.next()).as(query).isTrue();
            assertThat(rows.getString(1)).as(query + " after " + row).isEqualTo(expected);
        }
    }

    /** Every fixture table's rows, as text in id order; a table that is gone is recorded as gone. */
    private static Map<String, List<String>> snapshot(Database database) throws SQLException {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        try (Connection connection = database.unguarded()) {
            for (String table : database.fixtureTables()) {
                tables.put(table, rowsOf(connection, table));
            }
        }
        return tables;
    }

    private static List<String> rowsOf(Connection connection, String table) {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT * FROM " + table + " ORDER BY id")) {
            ResultSetMetaData metaData = result.getMetaData();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int column = 1; column <= metaData.getColumnCount(); column++) {
                    row.append(column > 1 ? ", " : "").append(result.getString(column));
                }
                rows.add(row.toString());
            }
        } catch (SQLException gone) {
            return List.of("GONE: " + gone.getMessage());
        }
        return rows;
    }
}
