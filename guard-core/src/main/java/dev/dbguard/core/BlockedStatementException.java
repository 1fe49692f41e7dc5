package dev.dbguard.core;

import java.sql.SQLInvalidAuthorizationSpecException;

/**
 * Thrown instead of running a statement that dbguard refused. The statement never reached the database, so the
 * connection and its transaction stay usable.
 *
 * <p>It is a {@link java.sql.SQLException} (a {@link SQLInvalidAuthorizationSpecException}, so Spring translates it to
 * {@code PermissionDeniedDataAccessException} by its class) with SQLState {@value #SQL_STATE}
 * ({@code insufficient_privilege}); it is not transient, retrying cannot help. The message starts with {@code dbguard:} and names the rule, the
 * object, the environment and where it came from, and how to allow the statement deliberately.
 */
public final class BlockedStatementException extends SQLInvalidAuthorizationSpecException {

    private static final long serialVersionUID = 1L;

    /** The SQLState of every refusal: {@code 42501}, insufficient privilege. */
    public static final String SQL_STATE = "42501";

    /** The vendor code of every refusal, so that code can tell a dbguard refusal from a database's own 42501. */
    public static final int VENDOR_CODE = 42_501_00;

    /** The id of the rule that refused the statement. */
    private final String ruleId;
    /** The name of the environment in force. */
    private final String environment;


    /**
     * @param message     the full message, starting with {@code dbguard:}
     * @param ruleId      the rule that refused the statement
     * @param environment the effective environment's name
     */
    public BlockedStatementException(String message, String ruleId, String environment) {
        super(message, SQL_STATE, VENDOR_CODE);
        this.ruleId = ruleId;
        this.environment = environment;
    }

    /** {@return the id of the rule that refused the statement, e.g. {@code truncate}} */
    public String ruleId() {
        return ruleId;
    }

    /** {@return the name of the environment in force, e.g. {@code production}} */
    public String environment() {
        return environment;
    }
}
