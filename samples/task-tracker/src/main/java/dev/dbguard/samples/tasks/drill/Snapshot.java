package dev.dbguard.samples.tasks.drill;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The drill's tables at one moment: rows and columns of each, or absent when the table is gone. Read through a
 * connection of the drill's own, never through the guarded application.
 *
 * @param tables each table of the sample by name; a dropped table is missing
 */
record Snapshot(Map<String, Table> tables) {

    /** The tables the sample creates, in the order they are reported. */
    static final List<String> TABLES = List.of("projects", "tasks");

    Snapshot {
        tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    }

    /**
     * One table.
     *
     * @param rows    its row count
     * @param columns its columns, in order
     */
    record Table(long rows, List<String> columns) {

        Table {
            columns = List.copyOf(columns);
        }
    }

    /** The row count of {@code table}, or -1 when it is gone. */
    long rows(String table) {
        Table found = tables.get(table);
        return found == null ? -1 : found.rows();
    }

    /** {@code projects 3, tasks 12}. */
    String rowCounts() {
        List<String> parts = new ArrayList<>();
        for (String name : TABLES) {
            Table table = tables.get(name);
            parts.add(name + " " + (table == null ? "(no table)" : table.rows()));
        }
        return String.join(", ", parts);
    }

    /** {@code projects 3 -> 3, tasks 12 -> 0}, naming dropped tables and columns. */
    String changeTo(Snapshot after) {
        List<String> parts = new ArrayList<>();
        for (String name : TABLES) {
            Table was = tables.get(name);
            Table now = after.tables.get(name);
            String text = name + " " + (was == null ? "(no table)" : was.rows()) + " -> "
                    + (now == null ? "table dropped" : now.rows());
            if (was != null && now != null) {
                List<String> dropped = new ArrayList<>(was.columns());
                dropped.removeAll(now.columns());
                if (!dropped.isEmpty()) {
                    text += " (column " + String.join(", ", dropped) + " dropped)";
                }
            }
            parts.add(text);
        }
        return String.join(", ", parts);
    }
}
