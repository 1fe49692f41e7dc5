package dev.dbguard.core.sql;

/** The kinds of destructive action the rules look for inside a statement. */
public enum ActionKind {
    /** {@code DROP <object kind> name} of a persistent object (not {@code DROP TEMPORARY TABLE}). */
    DROP,
    /** {@code TRUNCATE} in any form. */
    TRUNCATE,
    /** {@code DELETE}; see {@link SqlAction#scope()} for whether it is scoped by a WHERE clause. */
    DELETE,
    /** {@code UPDATE}; see {@link SqlAction#scope()} for whether it is scoped by a WHERE clause. */
    UPDATE,
    /** {@code ALTER TABLE ... DROP COLUMN} or {@code DROP CONSTRAINT}. */
    ALTER_DROP,
    /**
     * {@code RENAME} of a table ({@code ALTER TABLE t RENAME TO u}, MySQL {@code RENAME TABLE t TO u}; objects: old,
     * new name) or a column ({@code RENAME COLUMN a TO b}, MySQL {@code CHANGE a b ...}; objects: table, old, new).
     */
    RENAME,
    /**
     * A change of a column's type ({@code ALTER COLUMN c TYPE x}, MySQL {@code MODIFY c x}, {@code CHANGE a b x});
     * objects: table, column, the new type as written, then the {@code USING} expression when there is one.
     * {@link TypeChange#loss} tells whether values are lost.
     */
    ALTER_TYPE,
    /**
     * SQL text assembled at run time whose command cannot be known before it runs ({@code EXECUTE q},
     * {@code EXECUTE format('%s TABLE u', x)}, {@code PREPARE s FROM @sql}), or a server-side shell command
     * ({@code COPY ... FROM PROGRAM}); {@link SqlAction#objectType()} says which ({@code SQL} or {@code PROGRAM}).
     */
    DYNAMIC_SQL
}
