package dev.dbguard.core;

import dev.dbguard.core.sql.AnalyzedStatement;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link AllowAnnotation}s of each statement of one SQL string: those on the comment lines between the end of the
 * statement before it (or the string's start) and its first word, which is where a migration tool sends the comment
 * lines written above a statement. Built only for a string that mentions {@link AllowAnnotation#MARKER}.
 */
final class LeadingAnnotations {

    private final Map<AnalyzedStatement, List<AllowAnnotation>> byStatement = new IdentityHashMap<>();

    private LeadingAnnotations(String sql, List<AnalyzedStatement> statements) {
        int from = 0;
        for (AnalyzedStatement statement : statements) {
            int start = sql.indexOf(statement.text(), from);
            if (start < 0) {
                // a statement read a second way (after a change of reading) is listed after the others
                start = Math.max(0, sql.indexOf(statement.text()));
                byStatement.put(statement, AllowAnnotation.onLines(sql, previousEnd(sql, start), start));
                continue;
            }
            byStatement.put(statement, AllowAnnotation.onLines(sql, from, start));
            from = start + statement.text().length();
        }
    }

    /** The annotations of {@code sql}'s statements, or null when the text holds none. */
    static LeadingAnnotations of(String sql, List<AnalyzedStatement> statements) {
        return sql.indexOf(AllowAnnotation.MARKER) < 0 ? null : new LeadingAnnotations(sql, statements);
    }

    /** The first malformed annotation before {@code statement}, or null. */
    AllowAnnotation malformed(AnalyzedStatement statement) {
        for (AllowAnnotation annotation : byStatement.getOrDefault(statement, List.of())) {
            if (!annotation.valid()) {
                return annotation;
            }
        }
        return null;
    }

    /** The well-formed annotation before {@code statement} that allows {@code ruleId}, or null. */
    AllowAnnotation allowing(AnalyzedStatement statement, String ruleId) {
        for (AllowAnnotation annotation : byStatement.getOrDefault(statement, List.of())) {
            if (annotation.allows(ruleId)) {
                return annotation;
            }
        }
        return null;
    }

    /** Where the statement ending last before {@code start} ends: after the last semicolon before it. */
    private static int previousEnd(String sql, int start) {
        return sql.lastIndexOf(';', Math.max(0, start - 1)) + 1;
    }
}
