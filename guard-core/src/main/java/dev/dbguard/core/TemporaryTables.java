package dev.dbguard.core;

import java.util.Locale;

/** How temporary-table names are compared: without quotes, ignoring case, the {@code pg_temp.} schema dropped. */
final class TemporaryTables {

    private TemporaryTables() {
    }

    static String key(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        return key.startsWith("pg_temp.") ? key.substring("pg_temp.".length()) : key;
    }

    /** Whether a name is qualified by PostgreSQL's session schema {@code pg_temp} (or {@code pg_temp_N}). */
    static boolean inSessionSchema(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        int dot = key.indexOf('.');
        return dot > 0 && key.startsWith("pg_temp") && key.substring(0, dot).matches("pg_temp(_\\d+)?")
                && key.indexOf('.', dot + 1) < 0;
    }
}
