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

    static String describe(SqlAction action) {
        if (action.scope() == WhereScope.MISSING) {
            return "without WHERE";
        }
        return "with a WHERE that does not restrict " + ObjectNames.join(action.objects()) + "'s rows";
    }
}
