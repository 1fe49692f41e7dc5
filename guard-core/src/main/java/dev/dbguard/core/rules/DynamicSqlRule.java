package dev.dbguard.core.rules;

import dev.dbguard.core.sql.ActionKind;
import dev.dbguard.core.sql.SqlAction;

/**
 * {@code dynamic-sql}: SQL text assembled at run time whose command cannot be known before it runs
 * ({@code EXECUTE q}, {@code EXECUTE format('%s TABLE u', x)}, MySQL {@code PREPARE s FROM @sql},
 * {@code dblink_exec(conn, q)}), and shell commands run by the server ({@code COPY ... FROM PROGRAM}). Dynamic text
 * whose leading command is a literal is judged by that command instead ({@code 'TRUNCATE ' || t} is a TRUNCATE of a
 * table named at run time, {@code 'SELECT ... ' || x} a read). Its objects are what the text is built from
 * ({@code q}, {@code @sql}, {@code format(...)}), or {@code PROGRAM}.
 */
final class DynamicSqlRule implements Rule {

    @Override
    public String id() {
        return "dynamic-sql";
    }

    @Override
    public String summary() {
        return "SQL assembled at run time whose command cannot be known (EXECUTE q, PREPARE s FROM @sql), "
                + "and COPY ... PROGRAM";
    }

    @Override
    public boolean matches(SqlAction action) {
        return action.kind() == ActionKind.DYNAMIC_SQL;
    }

    @Override
    public String describe(SqlAction action) {
        if (action.objectType().equals("PROGRAM")) {
            return "COPY ... PROGRAM (runs a shell command on the server)";
        }
        String from = action.objects().isEmpty() ? "" : " built from " + String.join(", ", action.objects());
        return "dynamic SQL" + from + " (its command is only known when it runs)";
    }
}
