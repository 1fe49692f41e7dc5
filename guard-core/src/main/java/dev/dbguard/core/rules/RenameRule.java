package dev.dbguard.core.rules;

import dev.dbguard.core.sql.ActionKind;
import dev.dbguard.core.sql.SqlAction;

/**
 * {@code rename}: RENAME of a table or a column. Nothing is lost, but the version of the application still running
 * during a rolling deploy reads the old name and breaks: not an additive change. Severity {@code warn}.
 */
final class RenameRule implements Rule {

    @Override
    public String id() {
        return "rename";
    }

    @Override
    public String summary() {
        return "RENAME of a table or column (ALTER TABLE ... RENAME TO / RENAME COLUMN, RENAME TABLE, MySQL CHANGE old new)"
                + "; warns: the running version of the application breaks during a rolling deploy";
    }

    @Override
    public boolean matches(SqlAction action) {
        return action.kind() == ActionKind.RENAME;
    }

    @Override
    public String describe(SqlAction action) {
        var objects = action.objects();
        if (action.objectType().equals("COLUMN") && objects.size() == 3) {
            return "RENAME COLUMN " + objects.get(0) + "." + objects.get(1) + " TO " + objects.get(2);
        }
        if (objects.size() == 2) {
            return "RENAME TABLE " + objects.get(0) + " TO " + objects.get(1);
        }
        return "RENAME " + action.objectType() + " " + ObjectNames.join(objects);
    }

    @Override
    public RuleSeverity severity(SqlAction action) {
        return RuleSeverity.WARN;
    }
}
