package dev.dbguard.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The statements the engine benchmarks judge, by name: everyday OLTP shapes, the destructive statement the guard
 * exists for, a 100 KB statement and a pathological one. Names are JMH parameter values and report row keys.
 */
final class EngineStatements {

    /** How deep the pathological statement nests its parentheses. */
    static final int PATHOLOGICAL_DEPTH = 200;

    private static final Map<String, String> STATEMENTS = new LinkedHashMap<>();
    private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

    static {
        add("read-by-key", "pre-filtered read: SELECT by primary key",
                "SELECT id, balance, note FROM bench_accounts WHERE id = ?");
        add("select-3-joins", "SELECT with 3 joins",
                "SELECT t.id, t.title, p.name, u.email, m.name FROM tasks t JOIN projects p ON p.id = t.project_id"
                        + " JOIN users u ON u.id = t.owner_id JOIN teams m ON m.id = p.team_id"
                        + " WHERE t.id = ? AND t.done = false");
        add("update-by-key", "UPDATE by key",
                "UPDATE tasks SET title = ?, done = ?, updated_at = now() WHERE id = ?");
        add("delete-by-key", "DELETE by key", "DELETE FROM tasks WHERE id = ?");
        add("insert-20-rows", "INSERT of 20 rows", insertRows(20));
        add("destructive", "destructive: DELETE with an always-true WHERE (refused)",
                "DELETE FROM tasks WHERE 1 = 1");
        add("statement-100kb", "100 KB statement: DELETE ... WHERE id IN (~16,000 keys)", deleteInList(100_000));
        add("deep-nesting", "pathological: unscoped UPDATE nesting " + PATHOLOGICAL_DEPTH + " parentheses",
                nestedUpdate(PATHOLOGICAL_DEPTH));
    }

    private EngineStatements() {
    }

    private static void add(String name, String description, String sql) {
        STATEMENTS.put(name, sql);
        DESCRIPTIONS.put(name, description);
    }

    /** The names, in report order. */
    static Iterable<String> names() {
        return STATEMENTS.keySet();
    }

    static int count() {
        return STATEMENTS.size();
    }

    static String sql(String name) {
        String sql = STATEMENTS.get(name);
        if (sql == null) {
            throw new IllegalArgumentException("No benchmark statement named '" + name + "'; known: "
                    + STATEMENTS.keySet());
        }
        return sql;
    }

    static String description(String name) {
        return DESCRIPTIONS.getOrDefault(name, name);
    }

    /** A multi-row INSERT of {@code rows} rows. */
    static String insertRows(int rows) {
        StringBuilder sql = new StringBuilder("INSERT INTO tasks (id, title, done) VALUES ");
        for (int i = 1; i <= rows; i++) {
            sql.append(i == 1 ? "" : ", ").append('(').append(i).append(", 'task ").append(i).append("', false)");
        }
        return sql.toString();
    }

    /** A DELETE scoped by a key list, padded to about {@code length} characters. */
    static String deleteInList(int length) {
        StringBuilder sql = new StringBuilder(length + 16).append("DELETE FROM tasks WHERE id IN (");
        for (int key = 1; sql.length() < length - 8; key++) {
            sql.append(key == 1 ? "" : ", ").append(key);
        }
        return sql.append(')').toString();
    }

    /** An UPDATE without WHERE whose value is nested {@code depth} parentheses deep. */
    static String nestedUpdate(int depth) {
        return "UPDATE tasks SET done = " + "(".repeat(depth) + "1 = 1" + ")".repeat(depth);
    }
}
