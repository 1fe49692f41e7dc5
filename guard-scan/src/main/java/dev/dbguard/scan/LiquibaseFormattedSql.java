package dev.dbguard.scan;

import java.util.regex.Pattern;

/**
 * Liquibase formatted SQL ({@code --liquibase formatted sql} on the first line): Liquibase reads its {@code --changeset},
 * {@code --rollback}, {@code --precondition-*} ... lines itself and sends only the SQL between them. Those lines are
 * blanked (same length, line breaks kept, so positions do not move) before the SQL is judged: a rollback is not a
 * forward change, and MySQL, which reads {@code --x} without a space as an expression, would otherwise glue a
 * directive onto the next statement.
 */
final class LiquibaseFormattedSql {

    private static final Pattern HEADER = Pattern.compile("\\A\\s*--\\s*liquibase\\s+formatted\\s+sql",
            Pattern.CASE_INSENSITIVE);

    /** The directives Liquibase reads, each on a line of its own; a multi-line rollback block included. */
    private static final Pattern DIRECTIVE = Pattern.compile("(?im)^[ \\t]*--[ \\t]*(liquibase\\s+formatted\\s+sql|"
            + "changeset|rollback|precondition|preconditions|comment|validCheckSum|ignoreLines|property|include)\\b.*$"
            + "|(?s)/\\*[ \\t]*liquibase[ \\t]+rollback\\b.*?\\*/");

    private LiquibaseFormattedSql() {
    }

    /** {@code text} with Liquibase's directive lines blanked when it is formatted SQL; else {@code text} itself. */
    static String forwardSql(String text) {
        if (!HEADER.matcher(text).find()) {
            return text;
        }
        StringBuilder blanked = new StringBuilder(text);
        var matcher = DIRECTIVE.matcher(text);
        while (matcher.find()) {
            for (int i = matcher.start(); i < matcher.end(); i++) {
                char c = text.charAt(i);
                if (c != '\n' && c != '\r') {
                    blanked.setCharAt(i, ' ');
                }
            }
        }
        return blanked.toString();
    }
}
