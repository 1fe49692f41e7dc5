package dev.dbguard.core.rules;

import dev.dbguard.core.sql.ActionKind;
import dev.dbguard.core.sql.SqlAction;

/** {@code unscoped-update}: UPDATE with no WHERE, or with a WHERE that is always true. */
final class UnscopedUpdateRule implements Rule {

    @Override
    public String id() {
        return "unscoped-update";
    }

    @Override
    public String summary() {
        return "UPDATE without WHERE, or whose WHERE is always true (1=1, true, x=1 OR 2>1)";
    }

    @Override
    public boolean matches(SqlAction action) {
        return action.kind() == ActionKind.UPDATE && Scopes.unscoped(action.scope());
    }

    @Override
    public String describe(SqlAction action) {
        return "UPDATE " + ObjectNames.join(action.objects()) + " " + Scopes.describe(action.scope());
    }
}
