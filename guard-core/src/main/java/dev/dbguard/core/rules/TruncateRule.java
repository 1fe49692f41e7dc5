package dev.dbguard.core.rules;

import dev.dbguard.core.sql.ActionKind;
import dev.dbguard.core.sql.SqlAction;

/** {@code truncate}: every TRUNCATE form ({@code ONLY}, several tables, {@code CASCADE}, {@code RESTART IDENTITY}). */
final class TruncateRule implements Rule {

    @Override
    public String id() {
        return "truncate";
    }

    @Override
    public String summary() {
        return "TRUNCATE in every form (ONLY, several tables, CASCADE, RESTART IDENTITY), and MySQL's ALTER TABLE forms"
                + " that empty a table (TRUNCATE PARTITION, DISCARD TABLESPACE, ENGINE = BLACKHOLE)";
    }

    @Override
    public boolean matches(SqlAction action) {
        return action.kind() == ActionKind.TRUNCATE;
    }

    @Override
    public String describe(SqlAction action) {
        return "TRUNCATE " + ObjectNames.join(action.objects());
    }
}
