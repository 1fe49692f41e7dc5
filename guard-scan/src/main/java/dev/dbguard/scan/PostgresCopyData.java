package dev.dbguard.scan;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rows after {@code COPY ... FROM STDIN;} in a PostgreSQL migration, up to the {@code \.} line: data Flyway streams
 * to the server with the statement, not SQL. They are blanked (same length, line breaks kept) before the file is split,
 * so a row holding a {@code ;} is not read as statements, and the statement after {@code \.} starts where it does.
 */
final class PostgresCopyData {

    private static final Pattern COPY_FROM_STDIN = Pattern.compile(
            "(?im)^[ \\t]*COPY\\b[^;]*?\\bFROM\\s+STDIN\\b[^;]*;[^\\n]*\\n");
    private static final Pattern END_OF_DATA = Pattern.compile("(?m)^\\\\\\.[ \\t]*$");

    private PostgresCopyData() {
    }

    /** {@code sql} with the data of each {@code COPY ... FROM STDIN} blanked; {@code sql} itself when it has none. */
    static String blank(String sql) {
        if (sql.toUpperCase(Locale.ROOT).indexOf("STDIN") < 0) {
            return sql;
        }
        Matcher copy = COPY_FROM_STDIN.matcher(sql);
        StringBuilder blanked = null;
        int from = 0;
        while (from < sql.length() && copy.find(from)) {
            Matcher end = END_OF_DATA.matcher(sql);
            int dataEnd = end.find(copy.end()) ? end.end() : sql.length();
            if (blanked == null) {
                blanked = new StringBuilder(sql);
            }
            for (int i = copy.end(); i < dataEnd; i++) {
                char c = sql.charAt(i);
                if (c != '\n' && c != '\r') {
                    blanked.setCharAt(i, ' ');
                }
            }
            from = dataEnd;
        }
        return blanked == null ? sql : blanked.toString();
    }
}
