package dev.dbguard.core.rules;

import dev.dbguard.core.sql.ActionKind;
import dev.dbguard.core.sql.SqlAction;

/**
 * {@code unscoped-delete}: DELETE with no WHERE, or with a WHERE that does not restrict the target's rows (no column
 * of the target in some branch of an OR: {@code 1=1}, {@code EXISTS (SELECT 1 FROM u)}, {@code USING u WHERE u.id = 1});
 * also MERGE's {@code WHEN MATCHED THEN DELETE} whose ON and AND conditions do not.
 */
final class UnscopedDeleteRule implements Rule {

    @Override
    public String id() {
        return "unscoped-delete";
    }

    @Override
    public String summary() {
        return "DELETE (or MERGE ... THEN DELETE) without WHERE, or whose condition does not reference "
                + "a column of the target in every branch of an OR (1=1, true, id = 5 OR 2 > 1, USING u WHERE u.id = 1)";
    }

    @Override
    public boolean matches(SqlAction action) {
        return action.kind() == ActionKind.DELETE && Scopes.unscoped(action.scope());
    }

    @Override
    public String describe(SqlAction action) {
        return "DELETE FROM " + ObjectNames.join(action.objects()) + " " + Scopes.describe(action);
    }
}
