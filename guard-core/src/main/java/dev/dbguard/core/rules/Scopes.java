package dev.dbguard.core.rules;

import dev.dbguard.core.sql.WhereScope;

/** The shared notion of an unscoped DELETE/UPDATE. */
final class Scopes {

    private Scopes() {
    }

    static boolean unscoped(WhereScope scope) {
        return scope == WhereScope.MISSING || scope == WhereScope.ALWAYS_TRUE;
    }

    static String describe(WhereScope scope) {
        return scope == WhereScope.MISSING ? "without WHERE" : "with an always-true WHERE";
    }
}
