package dev.dbguard.core;

import dev.dbguard.core.rules.RuleSeverity;
import dev.dbguard.core.sql.AnalyzedStatement;
import dev.dbguard.core.sql.SqlAction;

import java.util.List;

/**
 * One rule hit.
 *
 * @param ruleId      the rule's id ({@code drop}, ..., or {@code read-only} for a write refused by read-only mode)
 * @param description what the statement does, for people: {@code DROP TABLE orders},
 *                    {@code DELETE FROM tasks without WHERE}
 * @param objects     the objects acted on, as written
 * @param statement   the statement it was found in
 * @param action      the action that matched, or null for a read-only refusal
 * @param severity    the rule's default severity for this action ({@code dbguard.rules.<id>.severity} may replace it)
 */
public record Finding(String ruleId, String description, List<String> objects, AnalyzedStatement statement,
                      SqlAction action, RuleSeverity severity) {

    /**
     * Copies {@code objects}.
     *
     * @param ruleId      the rule's id
     * @param description what the statement does, for people
     * @param objects     the objects acted on; not null
     * @param statement   the statement it was found in
     * @param action      the action that matched, or null
     * @param severity    the rule's default severity for this action
     */
    public Finding {
        objects = List.copyOf(objects);
    }

    /** A finding that refuses in block mode. */
    Finding(String ruleId, String description, List<String> objects, AnalyzedStatement statement,
                   SqlAction action) {
        this(ruleId, description, objects, statement, action, RuleSeverity.REFUSE);
    }

    /**
     * The objects an allow-list entry must match: for an ALTER TABLE subcommand ({@code DROP COLUMN}, a column rename
     * or type change) the table alone, which the allow-list names; for the others every object.
     */
    List<String> allowListObjects() {
        if (action == null || objects.isEmpty()) {
            return objects;
        }
        // a rename names the table first: its old name, or the table of the renamed column
        boolean tableFirst = switch (action.kind()) {
            case ALTER_DROP, ALTER_TYPE, RENAME -> true;
            default -> false;
        };
        return tableFirst ? objects.subList(0, 1) : objects;
    }
}
