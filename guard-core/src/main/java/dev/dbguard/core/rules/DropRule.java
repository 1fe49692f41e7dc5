package dev.dbguard.core.rules;

import dev.dbguard.core.sql.ActionKind;
import dev.dbguard.core.sql.SqlAction;

/** {@code drop}: DROP of a table, schema, database, view, index, sequence, function, type or other object. */
final class DropRule implements Rule {

    @Override
    public String id() {
        return "drop";
    }

    @Override
    public String summary() {
        return "DROP of any persistent object (table, schema, database, view, index, sequence, function, type, ...)";
    }

    @Override
    public boolean matches(SqlAction action) {
        return action.kind() == ActionKind.DROP;
    }

    @Override
    public String describe(SqlAction action) {
        return "DROP " + action.objectType() + " " + ObjectNames.join(action.objects());
    }
}
