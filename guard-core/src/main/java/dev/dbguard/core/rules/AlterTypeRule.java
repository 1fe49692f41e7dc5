package dev.dbguard.core.rules;

import dev.dbguard.core.sql.ActionKind;
import dev.dbguard.core.sql.SqlAction;
import dev.dbguard.core.sql.TypeChange;

/**
 * {@code alter-type}: a change of a column's type ({@code ALTER COLUMN ... TYPE}, MySQL {@code MODIFY} and
 * {@code CHANGE}). A table rewrite the running application may not expect: severity {@code warn}; but {@code refuse},
 * like a drop, when the text shows that values are lost ({@link TypeChange#loss}).
 */
final class AlterTypeRule implements Rule {

    @Override
    public String id() {
        return "alter-type";
    }

    @Override
    public String summary() {
        return "change of a column's type (ALTER COLUMN ... TYPE, MODIFY, CHANGE); warns, and refuses when values are lost"
                + " (USING a constant or NULL, a truncating cast, a timestamp made a date)";
    }

    @Override
    public boolean matches(SqlAction action) {
        return action.kind() == ActionKind.ALTER_TYPE;
    }

    @Override
    public String describe(SqlAction action) {
        var objects = action.objects();
        if (objects.size() < 3) {
            return "ALTER TABLE " + ObjectNames.join(objects) + " changing a column's type";
        }
        String change = "ALTER TABLE " + objects.get(0) + " ALTER COLUMN " + objects.get(1) + " TYPE " + objects.get(2);
        String loss = loss(action);
        return loss == null ? change : change + " (values lost: " + loss + ")";
    }

    @Override
    public RuleSeverity severity(SqlAction action) {
        return loss(action) == null ? RuleSeverity.WARN : RuleSeverity.REFUSE;
    }

    private static String loss(SqlAction action) {
        var objects = action.objects();
        return objects.size() < 3 ? null : TypeChange.loss(objects.get(2), objects.size() > 3 ? objects.get(3) : null);
    }
}
