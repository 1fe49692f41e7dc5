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

    /** {@return the stable kebab-case id used in configuration, audit events and metrics, e.g. {@code unscoped-delete}} */
    String id();

    /** {@return what the rule refuses, in one sentence for people} */
    String summary();

    /**
     * Whether an action is one this rule flags.
     *
     * @param action an action found in a statement
     * @return true when the rule flags it
     */
    boolean matches(SqlAction action);

    /**
     * Describes a matching action for people, in words that need no literal.
     *
     * @param action an action this rule {@linkplain #matches matches}
     * @return e.g. {@code DELETE FROM tasks without WHERE}
     */
    String describe(SqlAction action);

    /**
     * What a matching action does in block mode unless configured otherwise.
     *
     * @param action an action this rule {@linkplain #matches matches}
     * @return {@link RuleSeverity#REFUSE} by default: destructive rules refuse
     */
    default RuleSeverity severity(SqlAction action) {
        return RuleSeverity.REFUSE;
    }
}
