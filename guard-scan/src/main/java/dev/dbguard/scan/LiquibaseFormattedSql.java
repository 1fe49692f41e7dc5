package dev.dbguard.scan;

import dev.dbguard.core.AllowAnnotation;

import java.util.regex.Pattern;

/**
 * Liquibase formatted SQL ({@code --liquibase formatted sql} on the first line): Liquibase reads its {@code --changeset},
 * {@code --rollback}, {@code --precondition-*} ... lines itself and sends only the SQL between them. Those lines are
 * blanked (same length, line breaks kept, so positions do not move) before the SQL is judged: a rollback is not a
 * forward change, and MySQL, which reads {@code --x} without a space as an expression, would otherwise glue a
 * directive onto the next statement.
 *
 * <p>Liquibase also strips the comments of a changeset before sending it unless its {@code --changeset} line says
 * {@code stripComments:false}: a {@code dbguard:allow} annotation there never reaches production, so it is blanked too
 * (and reported by the scan, {@link #stripsCommentsAt}).
 */
final class LiquibaseFormattedSql {

    private static final Pattern HEADER = Pattern.compile("\\A\\s*--\\s*liquibase\\s+formatted\\s+sql",
            Pattern.CASE_INSENSITIVE);

    /** The directives Liquibase reads, each on a line of its own; a multi-line rollback block included. */
    private static final Pattern DIRECTIVE = Pattern.compile("(?im)^[ \\t]*--[ \\t]*(liquibase\\s+formatted\\s+sql|"
            + "changeset|rollback|precondition|preconditions|comment|validCheckSum|ignoreLines|property|include)\\b.*$"
            + "|(?s)/\\*[ \\t]*liquibase[ \\t]+rollback\\b.*?\\*/");

    private static final Pattern CHANGESET = Pattern.compile("\\s*--\\s*changeset\\s", Pattern.CASE_INSENSITIVE);
    private static final Pattern KEEPS_COMMENTS = Pattern.compile("\\bstripComments:false\\b",
            Pattern.CASE_INSENSITIVE);

    private LiquibaseFormattedSql() {
    }

    /**
     * Whether Liquibase strips the comment on 1-based {@code line} of {@code source} (the file as written) before
     * sending its changeset: in formatted SQL, unless the changeset's line says {@code stripComments:false}.
     */
    static boolean stripsCommentsAt(SourceText source, int line) {
        if (!HEADER.matcher(source.text()).find()) {
            return false;
        }
        for (int l = line; l >= 1; l--) {
            String text = source.lineText(l);
            if (CHANGESET.matcher(text).lookingAt()) {
                return !KEEPS_COMMENTS.matcher(text).find();
            }
        }
        return false;
    }

    private static void blank(StringBuilder blanked, String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c != '\n' && c != '\r') {
                blanked.setCharAt(i, ' ');
            }
        }
    }

    /** {@code text} with Liquibase's directive lines blanked when it is formatted SQL; else {@code text} itself. */
    static String forwardSql(String text) {
        if (!HEADER.matcher(text).find()) {
            return text;
        }
        StringBuilder blanked = new StringBuilder(text);
        var matcher = DIRECTIVE.matcher(text);
        while (matcher.find()) {
            blank(blanked, text, matcher.start(), matcher.end());
        }
        if (text.contains(AllowAnnotation.MARKER)) {
            SourceText source = new SourceText(text);
            for (int line = 1; line <= source.line(text.length()); line++) {
                if (AllowAnnotation.parse(source.lineText(line)) != null && stripsCommentsAt(source, line)) {
                    int start = source.offset(line, 1);
                    blank(blanked, text, start, start + source.lineText(line).length());
                }
            }
        }
        return blanked.toString();
    }
}
