package dev.dbguard.scan;

import dev.dbguard.core.AllowAnnotation;

import java.util.regex.Pattern;

/**
 * Where the scan finds {@link AllowAnnotation}s: in the block of {@code --} comment lines directly above a statement,
 * which is what a migration tool sends as the statement's leading comments. The scan sends that block with the
 * statement, so that the engine honours (or refuses) the annotation exactly as it does at runtime.
 *
 * <p>Liquibase strips the comments of a formatted SQL changeset before sending it unless its {@code --changeset} line
 * says {@code stripComments:false}: there the annotation never reaches production, so the scan does not send it
 * either, and reports the annotation as an error saying so.
 */
final class Annotations {

    private static final Pattern LIQUIBASE_FORMATTED = Pattern.compile("\\s*--\\s*liquibase\\s+formatted\\s+sql",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CHANGESET = Pattern.compile("\\s*--\\s*changeset\\s", Pattern.CASE_INSENSITIVE);
    private static final Pattern KEEPS_COMMENTS = Pattern.compile("\\bstripComments:false\\b",
            Pattern.CASE_INSENSITIVE);

    private Annotations() {
    }

    /**
     * The {@code --} comment lines directly above 1-based {@code line}, each followed by a line break, when one of them
     * holds an annotation; else the empty string (ordinary comments are not sent, so the texts judged stay the same).
     */
    static String leadingComments(SourceText source, int line) {
        int first = line;
        boolean annotated = false;
        for (int l = line - 1; l >= 1; l--) {
            String text = source.lineText(l).strip();
            if (!text.startsWith("--")) {
                break;
            }
            annotated |= text.contains(AllowAnnotation.MARKER);
            first = l;
        }
        if (!annotated || strippedByLiquibase(source, line)) {
            return "";
        }
        StringBuilder block = new StringBuilder();
        for (int l = first; l < line; l++) {
            block.append(source.lineText(l).strip()).append('\n');
        }
        return block.toString();
    }

    /** Whether Liquibase strips the comments at 1-based {@code line} before sending its changeset. */
    static boolean strippedByLiquibase(SourceText source, int line) {
        if (!LIQUIBASE_FORMATTED.matcher(source.text()).lookingAt()) {
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
}
