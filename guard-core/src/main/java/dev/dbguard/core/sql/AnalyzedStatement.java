package dev.dbguard.core.sql;

import java.util.List;
import java.util.Objects;

/**
 * What one statement of a (possibly multi-statement) SQL string does.
 *
 * @param text    the statement's own text, without the separating semicolon
 * @param command the leading command, upper case ({@code SELECT}, {@code DELETE}, {@code DROP}, {@code DO},
 *                {@code EXPLAIN}, ...), after comments; for {@code WITH ...} the command of the main statement
 * @param path    how the engine analysed it
 * @param writes  whether the statement can change data or schema (everything but reads, {@code SHOW}, {@code SET},
 *                transaction control and plain {@code EXPLAIN}); used by read-only mode
 * @param actions the destructive-relevant actions found, including those nested in CTEs, {@code EXPLAIN ANALYZE},
 *                {@code PREPARE} and {@code DO} bodies; empty when there are none
 * @param sessionChanges what the statement changes in its session that later statements are read or judged by
 *                (settings that change lexing, temporary tables); empty for most statements
 */
public record AnalyzedStatement(String text, String command, AnalysisPath path, boolean writes, List<SqlAction> actions,
                                List<SessionChange> sessionChanges) {

    /**
     * Checks the components and copies the lists.
     *
     * @param text           the statement's own text
     * @param command        the leading command, upper case
     * @param path           how the engine analysed it
     * @param writes         whether it can change data or schema
     * @param actions        the destructive-relevant actions found
     * @param sessionChanges what it changes in its session
     * @throws NullPointerException when a component is null
     */
    public AnalyzedStatement {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(path, "path");
        actions = List.copyOf(actions);
        sessionChanges = List.copyOf(sessionChanges);
    }

    /**
     * A statement that changes nothing in its session.
     *
     * @param text    the statement's own text
     * @param command the leading command, upper case
     * @param path    how the engine analysed it
     * @param writes  whether it can change data or schema
     * @param actions the destructive-relevant actions found
     */
    public AnalyzedStatement(String text, String command, AnalysisPath path, boolean writes, List<SqlAction> actions) {
        this(text, command, path, writes, actions, List.of());
    }
}
