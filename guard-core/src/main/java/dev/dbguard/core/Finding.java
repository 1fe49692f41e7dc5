package dev.dbguard.core;

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
 */
public record Finding(String ruleId, String description, List<String> objects, AnalyzedStatement statement,
                      SqlAction action) {

    public Finding {
        objects = List.copyOf(objects);
    }
}
