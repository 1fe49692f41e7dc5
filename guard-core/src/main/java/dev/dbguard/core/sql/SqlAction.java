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

    public SqlAction {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(objectType, "objectType");
        Objects.requireNonNull(scope, "scope");
        objects = List.copyOf(objects);
    }

    /** A DROP of the given object kind. */
    public static SqlAction drop(String objectType, List<String> objects) {
        return new SqlAction(ActionKind.DROP, objectType, objects, WhereScope.NOT_APPLICABLE);
    }

    /** A TRUNCATE of the given tables. */
    public static SqlAction truncate(List<String> tables) {
        return new SqlAction(ActionKind.TRUNCATE, "TABLE", tables, WhereScope.NOT_APPLICABLE);
    }

    /** A DELETE from the given tables with the given scope. */
    public static SqlAction delete(List<String> tables, WhereScope scope) {
        return new SqlAction(ActionKind.DELETE, "TABLE", tables, scope);
    }

    /** An UPDATE of the given tables with the given scope. */
    public static SqlAction update(List<String> tables, WhereScope scope) {
        return new SqlAction(ActionKind.UPDATE, "TABLE", tables, scope);
    }

    /**
     * SQL text assembled at run time whose command is unknown ({@code objectType} {@code SQL}), or a shell command run
     * by the server ({@code PROGRAM}); {@code source} is what the text is built from, for people ({@code q},
     * {@code format(...)}), or empty.
     */
    public static SqlAction dynamic(String objectType, List<String> source) {
        return new SqlAction(ActionKind.DYNAMIC_SQL, objectType, source, WhereScope.NOT_APPLICABLE);
    }

    /** The placeholder reported for an object whose name is only known at run time ({@code 'DROP TABLE ' || t}). */
    public static final String RUN_TIME_NAME = "?";

    /** An {@code ALTER TABLE table DROP COLUMN/CONSTRAINT name}; {@code objectType} is COLUMN or CONSTRAINT. */
    public static SqlAction alterDrop(String objectType, String table, String dropped) {
        return new SqlAction(ActionKind.ALTER_DROP, objectType, List.of(table, dropped), WhereScope.NOT_APPLICABLE);
    }

    /** A rename: of a {@code TABLE} (objects: old name, new name) or a {@code COLUMN} (table, old name, new name). */
    public static SqlAction rename(String objectType, List<String> objects) {
        return new SqlAction(ActionKind.RENAME, objectType, objects, WhereScope.NOT_APPLICABLE);
    }

    /**
     * A change of the type of {@code table.column} to {@code newType} (as written), converting with {@code using}
     * (the {@code USING} expression, or null when there is none).
     */
    public static SqlAction alterType(String table, String column, String newType, String using) {
        List<String> objects = using == null ? List.of(table, column, newType) : List.of(table, column, newType, using);
        return new SqlAction(ActionKind.ALTER_TYPE, "COLUMN", objects, WhereScope.NOT_APPLICABLE);
    }
}
