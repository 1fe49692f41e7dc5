package dev.dbguard.jdbc;

import dev.dbguard.core.BlockedStatementException;
import dev.dbguard.core.Decision;
import dev.dbguard.core.Mode;
import dev.dbguard.core.StatementGuard;
import dev.dbguard.core.Target;

import java.util.Objects;

/**
 * What every wrapper of one connection consults before SQL reaches the driver: the engine, the target it judges
 * for, and where unwraps to vendor types are reported.
 */
record Gate(StatementGuard guard, Target target, UnwrapAudit unwrapAudit) {

    Gate {
        Objects.requireNonNull(guard, "guard");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(unwrapAudit, "unwrapAudit");
    }

    /**
     * Judges and counts one execution of {@code sql}; throws when it must not reach the database.
     * A null statement is left to the driver, which reports it in its own words.
     */
    void enforce(String sql) throws BlockedStatementException {
        if (sql != null) {
            guard.enforce(sql, target);
        }
    }

    /**
     * Refuses a row change through an updatable result set when the connection is read-only: the driver writes the
     * row with SQL it generates itself, which would otherwise never be judged.
     */
    void refuseRowChangeIfReadOnly(String operation) throws BlockedStatementException {
        if (target.mode() == Mode.READ_ONLY) {
            String environment = target.environment().environment().name();
            throw new BlockedStatementException("dbguard: " + operation + " refused: data source '"
                    + target.dataSourceName() + "' is read-only in " + target.environment()
                    + "; writing through an updatable result set is a write like any other."
                    + " Use a data source whose mode allows writes.", "read-only", environment);
        }
    }

    /**
     * Refuses {@code sql} now if executing it would be refused, without counting it otherwise: used when a statement
     * is prepared, so that a refusal fails fast while an allowed statement is counted once per execution, not once
     * more for its preparation.
     */
    void refuseEarly(String sql) throws BlockedStatementException {
        if (sql != null && guard.check(sql, target).decision() == Decision.BLOCK) {
            guard.enforce(sql, target);
        }
    }

    /** Reports that a connection was unwrapped to a vendor type, which lets statements bypass the guard. */
    void unwrapped(Class<?> vendorType) {
        if (target.mode() == Mode.BLOCK || target.mode() == Mode.READ_ONLY) {
            unwrapAudit.unwrapped(target, vendorType);
        }
    }
}
