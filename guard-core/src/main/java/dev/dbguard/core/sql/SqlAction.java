package dev.dbguard.core.sql;

import java.util.List;
import java.util.Objects;

/**
 * One potentially destructive action found in a statement: what it does and to which objects.
 *
 * <p>A statement can hold several actions (a data-modifying CTE next to its main statement, several DROPs in a
 * {@code DO} block); the rules judge each action on its own.
 *
 * @param kind       what the action does
 * @param objectType the kind of object acted on, upper case ({@code TABLE}, {@code SCHEMA}, {@code INDEX},
 *                   {@code COLUMN}, {@code CONSTRAINT}, ...); {@code TABLE} for DML and TRUNCATE
 * @param objects    the object names as written, unquoted, qualified names kept ({@code public.orders}); for
 *                   {@link ActionKind#ALTER_DROP} the table name comes first, then the dropped column/constraint;
 *                   may be empty when the name cannot be told (dynamic SQL)
 * @param scope      for DELETE and UPDATE, how the rows are scoped; {@link WhereScope#NOT_APPLICABLE} otherwise
 */
public record SqlAction(ActionKind kind, String objectType, List<String> objects, WhereScope scope) {

    /**
     * Checks the components and copies {@code objects}.
     *
     * @param kind       what the action does
     * @param objectType the kind of object acted on, upper case
     * @param objects    the object names as written
     * @param scope      how DELETE and UPDATE rows are scoped, else {@link WhereScope#NOT_APPLICABLE}
     * @throws NullPointerException when a component is null
     */
    public SqlAction {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(objectType, "objectType");
        Objects.requireNonNull(scope, "scope");
        objects = List.copyOf(objects);
    }

    /**
     * A DROP.
     *
     * @param objectType the kind of object dropped, upper case ({@code TABLE}, {@code SCHEMA}, {@code DATABASE}, ...)
     * @param objects    the names dropped, as written
     * @return the action
     */
    public static SqlAction drop(String objectType, List<String> objects) {
        return new SqlAction(ActionKind.DROP, objectType, objects, WhereScope.NOT_APPLICABLE);
    }

    /**
     * A TRUNCATE.
     *
     * @param tables the tables emptied, as written
     * @return the action, object type {@code TABLE}
     */
    public static SqlAction truncate(List<String> tables) {
        return new SqlAction(ActionKind.TRUNCATE, "TABLE", tables, WhereScope.NOT_APPLICABLE);
    }

    /**
     * A DELETE.
     *
     * @param tables the tables rows are deleted from, as written
     * @param scope  how its {@code WHERE} clause limits the rows
     * @return the action, object type {@code TABLE}
     */
    public static SqlAction delete(List<String> tables, WhereScope scope) {
        return new SqlAction(ActionKind.DELETE, "TABLE", tables, scope);
    }

    /**
     * An UPDATE.
     *
     * @param tables the tables updated, as written
     * @param scope  how its {@code WHERE} clause limits the rows
     * @return the action, object type {@code TABLE}
     */
    public static SqlAction update(List<String> tables, WhereScope scope) {
        return new SqlAction(ActionKind.UPDATE, "TABLE", tables, scope);
    }

    /**
     * SQL text assembled at run time whose command is unknown, or a shell command run by the server.
     *
     * @param objectType {@code SQL} for assembled SQL text, {@code PROGRAM} for a shell command
     * @param source     what the text is built from, for people ({@code q}, {@code format(...)}), or empty
     * @return the action, of kind {@link ActionKind#DYNAMIC_SQL}
     */
    public static SqlAction dynamic(String objectType, List<String> source) {
        return new SqlAction(ActionKind.DYNAMIC_SQL, objectType, source, WhereScope.NOT_APPLICABLE);
    }

    /** The placeholder reported for an object whose name is only known at run time ({@code 'DROP TABLE ' || t}). */
    public static final String RUN_TIME_NAME = "?";

    /**
     * An {@code ALTER TABLE table DROP COLUMN/CONSTRAINT name}.
     *
     * @param objectType {@code COLUMN} or {@code CONSTRAINT}
     * @param table      the altered table, as written
     * @param dropped    the column or constraint dropped
     * @return the action, objects {@code [table, dropped]}
     */
    public static SqlAction alterDrop(String objectType, String table, String dropped) {
        return new SqlAction(ActionKind.ALTER_DROP, objectType, List.of(table, dropped), WhereScope.NOT_APPLICABLE);
    }

    /**
     * A rename.
     *
     * @param objectType {@code TABLE} or {@code COLUMN}
     * @param objects    for a table its old name, then its new name; for a column the table, the old name, the new
     *                   name
     * @return the action
     */
    public static SqlAction rename(String objectType, List<String> objects) {
        return new SqlAction(ActionKind.RENAME, objectType, objects, WhereScope.NOT_APPLICABLE);
    }

    /**
     * A change of a column's type, which {@link TypeChange#loss(String, String)} judges.
     *
     * @param table   the altered table, as written
     * @param column  the column whose type changes
     * @param newType the new type, as written
     * @param using   the {@code USING} expression, or null when there is none
     * @return the action, object type {@code COLUMN}, objects {@code [table, column, newType]} and {@code using} when
     *         present
     */
    public static SqlAction alterType(String table, String column, String newType, String using) {
        List<String> objects = using == null ? List.of(table, column, newType) : List.of(table, column, newType, using);
        return new SqlAction(ActionKind.ALTER_TYPE, "COLUMN", objects, WhereScope.NOT_APPLICABLE);
    }
}
