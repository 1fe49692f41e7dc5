package dev.dbguard.scan;

import dev.dbguard.core.AllowAnnotation;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the scan looks for {@link AllowAnnotation}s: in the block of {@code --} comment lines directly above a
 * statement, which is what a migration tool sends as the statement's leading comments. The annotation itself is read
 * by guard-core, as the runtime reads it.
 */
final class Annotations {

    private Annotations() {
    }

    /** The annotations, malformed ones included, in the comment lines directly above 1-based {@code line}. */
    static List<AllowAnnotation> above(SourceText source, int line) {
        List<AllowAnnotation> annotations = new ArrayList<>(1);
        for (int l = line - 1; l >= 1; l--) {
            String text = source.lineText(l).strip();
            if (!text.startsWith("--")) {
                break;
            }
            AllowAnnotation annotation = AllowAnnotation.parse(text);
            if (annotation != null) {
                annotations.add(annotation);
            }
        }
        return annotations;
    }

    /** The well-formed annotation among {@code annotations} that allows {@code rule}, or null. */
    static AllowAnnotation allowing(List<AllowAnnotation> annotations, String rule) {
        for (AllowAnnotation annotation : annotations) {
            if (annotation.allows(rule)) {
                return annotation;
            }
        }
        return null;
    }
}
