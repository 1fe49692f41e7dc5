package dev.dbguard.scan;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flyway's and Liquibase's placeholders ({@code ${schema}}, {@code ${flyway:defaultSchema}}), which the tool replaces
 * before it sends a statement. The engine would read {@code ${...}} as a parameter or, in MySQL, an ODBC escape, so
 * each is judged as an identifier of the same length ({@code ${schema}.old} as {@code __schema_.old}: positions do not
 * move, and a placeholder in a table name still names a table) and shown as written in what is reported.
 */
final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[^{}\\r\\n]{1,200}}");

    private final String judged;
    /** Each stand-in and the placeholder it stands for. */
    private final Map<String, String> placeholders;

    private Placeholders(String judged, Map<String, String> placeholders) {
        this.judged = judged;
        this.placeholders = placeholders;
    }

    /** The placeholders of {@code statement}. */
    static Placeholders in(String statement) {
        if (!statement.contains("${")) {
            return new Placeholders(statement, Map.of());
        }
        Map<String, String> found = new LinkedHashMap<>();
        Matcher matcher = PLACEHOLDER.matcher(statement);
        StringBuilder judged = new StringBuilder(statement.length());
        while (matcher.find()) {
            String placeholder = matcher.group();
            String standIn = placeholder.replaceAll("[^A-Za-z0-9_]", "_");
            found.put(standIn, placeholder);
            matcher.appendReplacement(judged, Matcher.quoteReplacement(standIn));
        }
        matcher.appendTail(judged);
        return new Placeholders(judged.toString(), found);
    }

    /** The statement as the engine judges it. */
    String judged() {
        return judged;
    }

    /** {@code text} (a finding's message) with each stand-in shown as the placeholder it stands for. */
    String restore(String text) {
        String restored = text;
        for (Map.Entry<String, String> entry : placeholders.entrySet()) {
            restored = restored.replace(entry.getKey(), entry.getValue());
        }
        return restored;
    }
}
