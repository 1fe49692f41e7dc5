package dev.dbguard.core.rules;

import dev.dbguard.core.sql.ActionKind;
import dev.dbguard.core.sql.SqlAction;
import dev.dbguard.core.sql.WhereScope;

/** {@code unscoped-delete}: DELETE with no WHERE, or with a WHERE that is always true ({@code 1=1}). */
final class UnscopedDeleteRule implements Rule {

    @Override
    public String id() {
        return "unscoped-delete";
    }

    @Override
    public String summary() {
        return "DELETE without WHERE, or whose WHERE is always true (1=1, true, x=1 OR 2>1)";
    }

    @Override
    public boolean matches(SqlAction action) {
        return action.kind() == ActionKind.DELETE && Scopes.unscoped(action.scope());
    }

    @Override
    public String describe(SqlAction action) {
        return "DELETE FROM " + ObjectNames.join(action.objects()) + " " + Scopes.describe(action.scope());
    }
}
