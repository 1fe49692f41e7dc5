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
    ALTER_DROP
}
