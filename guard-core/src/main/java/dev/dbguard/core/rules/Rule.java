package dev.dbguard.core.rules;

import dev.dbguard.core.sql.SqlAction;

/**
 * One entry of the rule catalog: recognises one kind of destructive (or, with severity {@code warn}, non-additive)
 * action.
 *
 * <p>Rules judge the {@link SqlAction}s the analyzer found, whichever path found them (parser or scanner), so a rule
 * is a few lines; the hard work of seeing through comments, literals, CTEs and {@code DO} blocks is done once, before.
 */
public interface Rule {

    /** The stable kebab-case id used in configuration, audit events and metrics, e.g. {@code unscoped-delete}. */
    String id();

    /** What the rule refuses, in one sentence for people. */
    String summary();

    /** Whether {@code action} is what this rule refuses. */
    boolean matches(SqlAction action);

    /** What a matching action does, for people, e.g. {@code DELETE FROM tasks without WHERE}. */
    String describe(SqlAction action);

    /** What a matching action does in block mode unless configured otherwise: destructive rules refuse. */
    default RuleSeverity severity(SqlAction action) {
        return RuleSeverity.REFUSE;
    }
}
