package dev.dbguard.scan;

import dev.dbguard.core.AllowAnnotation;

/**
 * Where the scan finds {@link AllowAnnotation}s: in the block of {@code --} comment lines directly above a statement,
 * which is what a migration tool sends as the statement's leading comments. The scan sends that block with the
 * statement, so that the engine honours (or refuses) the annotation exactly as it does at runtime. (What Liquibase
 * strips before sending is blanked beforehand: {@link LiquibaseFormattedSql}.)
 */
final class Annotations {

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
        if (!annotated) {
            return "";
        }
        StringBuilder block = new StringBuilder();
        for (int l = first; l < line; l++) {
            block.append(source.lineText(l).strip()).append('\n');
        }
        return block.toString();
    }
}
