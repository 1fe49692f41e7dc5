package dev.dbguard.core.rules;

import dev.dbguard.core.sql.ActionKind;
import dev.dbguard.core.sql.SqlAction;

/**
 * {@code unscoped-update}: UPDATE with no WHERE, or with a WHERE that does not restrict the target's rows
 * ({@code UPDATE t SET c = NULL FROM u WHERE u.id = 1}); also MERGE's {@code WHEN MATCHED THEN UPDATE} whose ON and AND
 * conditions do not.
 */
final class UnscopedUpdateRule implements Rule {

    @Override
    public String id() {
        return "unscoped-update";
    }

    @Override
    public String summary() {
        return "UPDATE (or MERGE ... THEN UPDATE) without WHERE, or whose condition does not reference "
                + "a column of the target in every branch of an OR (1=1, true, id = 5 OR 2 > 1, FROM u WHERE u.id = 1)";
    }

    @Override
    public boolean matches(SqlAction action) {
        return action.kind() == ActionKind.UPDATE && Scopes.unscoped(action.scope());
    }

    @Override
    public String describe(SqlAction action) {
        return "UPDATE " + ObjectNames.join(action.objects()) + " " + Scopes.describe(action);
    }
}
