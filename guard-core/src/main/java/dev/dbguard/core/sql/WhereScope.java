package dev.dbguard.core.sql;

/**
 * How a {@code DELETE} or {@code UPDATE} (also a MERGE's {@code WHEN MATCHED THEN DELETE / UPDATE}) is limited to
 * some rows of its target table; see the README's "When is a DELETE or UPDATE scoped?" for the definition.
 */
public enum WhereScope {
    /**
     * The condition restricts the target's rows: it references a column of the target in every branch of an OR
     * ({@code id = ?}, {@code t.tenant_id = ? AND t.id = ?}, a correlated subquery), or is {@code WHERE CURRENT OF}.
     */
    SCOPED,
    /** There is no WHERE clause at all. */
    MISSING,
    /**
     * There is a condition, but it does not restrict the target's rows: it references no column of the target in
     * some branch of an OR ({@code 1=1}, {@code true}, {@code EXISTS (SELECT 1 FROM u)}, {@code id = 5 OR ? IS NULL}),
     * or only columns of another table ({@code UPDATE t SET c = NULL FROM u WHERE u.id = 1}).
     */
    UNRESTRICTED,
    /** The action is not a DELETE or UPDATE. */
    NOT_APPLICABLE
}
