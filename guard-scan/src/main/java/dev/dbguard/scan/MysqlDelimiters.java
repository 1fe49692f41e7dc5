package dev.dbguard.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code DELIMITER //} lines of a MySQL or MariaDB migration, which Flyway (like the mysql client) reads itself:
 * until the next {@code DELIMITER ;}, statements end with the new delimiter, and a {@code ;} inside a procedure or
 * trigger body ends nothing. The file is cut into the parts between those lines, each with its delimiter.
 */
final class MysqlDelimiters {

    private static final Pattern DELIMITER_LINE = Pattern.compile("(?im)^[ \\t]*DELIMITER[ \\t]+(\\S+)[ \\t]*\\r?$");

    /** A part of the file, {@code [start, end)}, whose statements end with {@code delimiter}. */
    record Part(int start, int end, String delimiter) {
    }

    private MysqlDelimiters() {
    }

    /** The parts of {@code sql}, or null when it changes no delimiter. */
    static List<Part> parts(String sql) {
        Matcher line = DELIMITER_LINE.matcher(sql);
        if (!line.find()) {
            return null;
        }
        List<Part> parts = new ArrayList<>();
        String delimiter = ";";
        int from = 0;
        do {
            parts.add(new Part(from, line.start(), delimiter));
            delimiter = line.group(1);
            from = line.end();
        } while (line.find());
        parts.add(new Part(from, sql.length(), delimiter));
        return parts;
    }

    /** The offsets {@code [start, end)} of each statement of a part whose delimiter is not {@code ;}. */
    static List<int[]> statements(String sql, Part part) {
        List<int[]> statements = new ArrayList<>();
        int from = part.start();
        while (from < part.end()) {
            int at = sql.indexOf(part.delimiter(), from);
            int end = at < 0 || at >= part.end() ? part.end() : at;
            int start = from;
            while (start < end && Character.isWhitespace(sql.charAt(start))) {
                start++;
            }
            if (start < end) {
                statements.add(new int[] {start, end});
            }
            from = end + part.delimiter().length();
        }
        return statements;
    }
}
