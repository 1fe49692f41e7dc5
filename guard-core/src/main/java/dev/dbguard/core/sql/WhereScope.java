package dev.dbguard.core.sql;

/** How a {@code DELETE} or {@code UPDATE} is limited to some rows. */
public enum WhereScope {
    /** The WHERE clause references a column, a bind parameter, or a cursor ({@code WHERE CURRENT OF}). */
    SCOPED,
    /** There is no WHERE clause at all. */
    MISSING,
    /** The WHERE clause is constant and always true, e.g. {@code 1=1}, {@code true}, {@code x = 1 OR 2 > 1}. */
    ALWAYS_TRUE,
    /** The action is not a DELETE or UPDATE. */
    NOT_APPLICABLE
}
