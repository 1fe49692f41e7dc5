package dev.dbguard.core.rules;

import dev.dbguard.core.sql.SqlAction;
import dev.dbguard.core.sql.WhereScope;

/** The shared notion of an unscoped DELETE/UPDATE: no WHERE, or one that does not restrict the target's rows. */
final class Scopes {

    private Scopes() {
    }

    static boolean unscoped(WhereScope scope) {
        return scope == WhereScope.MISSING || scope == WhereScope.UNRESTRICTED;
    }

    /** How the action is unscoped, for people: "without WHERE", or which rows its condition fails to restrict. */
    static String describe(SqlAction action) {
        if (action.scope() == WhereScope.MISSING) {
            return "without WHERE";
        }
        return "with a WHERE that does not restrict the rows of " + ObjectNames.join(action.objects());
    }
}
