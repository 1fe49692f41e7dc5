package dev.dbguard.core.rules;

import dev.dbguard.core.sql.ActionKind;
import dev.dbguard.core.sql.SqlAction;

/**
 * {@code alter-drop}: {@code ALTER TABLE ... DROP COLUMN}, {@code DROP CONSTRAINT}, {@code DROP PARTITION} and MySQL's
 * {@code DROP INDEX}.
 */
final class AlterDropRule implements Rule {

    @Override
    public String id() {
        return "alter-drop";
    }

    @Override
    public String summary() {
        return "ALTER TABLE ... DROP COLUMN / CONSTRAINT / PARTITION / INDEX (not DROP DEFAULT, DROP NOT NULL, DROP"
                + " IDENTITY)";
    }

    @Override
    public boolean matches(SqlAction action) {
        return action.kind() == ActionKind.ALTER_DROP;
    }

    @Override
    public String describe(SqlAction action) {
        String table = action.objects().isEmpty() ? "(dynamic)" : action.objects().get(0);
        String dropped = action.objects().size() > 1 ? action.objects().get(1) : "(dynamic)";
        return "ALTER TABLE " + table + " DROP " + action.objectType() + " " + dropped;
    }
}
