package dev.dbguard.jdbc;

import dev.dbguard.core.BlockedStatementException;
import dev.dbguard.core.Decision;
import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.Mode;
import dev.dbguard.core.StatementGuard;
import dev.dbguard.core.Target;
import dev.dbguard.core.Verdict;

import java.sql.Connection;
import java.util.Objects;

/**
 * What every wrapper of one connection consults before SQL reaches the driver: the engine, the connection's session
 * (its target in the connection's dialect, its settings and temporary tables), and where paths to the raw driver
 * are reported. One per connection as lent out.
 */
final class Gate {

    private final StatementGuard guard;
    private final ConnectionSession session;
    private final UnwrapAudit unwrapAudit;
    private final Connection raw;
    private final Connection physical;

    /**
     * @param raw      the connection as the pool or driver lent it out
     * @param physical the driver's own connection under any pool (the same as {@code raw} without a pool)
     */
    Gate(StatementGuard guard, ConnectionSession session, UnwrapAudit unwrapAudit, Connection raw,
         Connection physical) {
        this.guard = Objects.requireNonNull(guard, "guard");
        this.session = Objects.requireNonNull(session, "session");
        this.unwrapAudit = Objects.requireNonNull(unwrapAudit, "unwrapAudit");
        this.raw = raw;
        this.physical = physical;
    }

    /** The configuration statements are judged with. */
    GuardConfig config() {
        return guard.config();
    }

    /** The target statements are judged for, in this connection's dialect. */
    Target target() {
        return session.target();
    }

    ConnectionSession session() {
        return session;
    }

    /**
     * Judges and counts one execution of {@code sql}; throws when it must not reach the database. Once the driver
     * ran it, pass the verdict to {@link #ran(String, Verdict)} (or to {@link #failed(String, Verdict)} when the
     * driver threw).
     * A null statement is left to the driver, which reports it in its own words.
     *
     * @return the verdict, or null for a null statement
     */
    Verdict enforce(String sql) throws BlockedStatementException {
        if (sql == null) {
            return null;
        }
        Target target = session.target();
        if (target.mode() == Mode.OFF) {
            return guard.enforce(sql, target);
        }
        session.beforeStatement(raw, physical);
        return guard.enforce(sql, target, session.state());
    }

    /** The driver ran {@code sql}, judged as {@code verdict}: the session follows what it changed. */
    void ran(String sql, Verdict verdict) {
        if (verdict == null) {
            return;
        }
        session.executed(sql);
        if (!verdict.sessionChanges().isEmpty()) {
            session.ran(verdict);
        }
    }

    /** The driver threw on {@code sql}, judged as {@code verdict}; part of it may have run all the same. */
    void failed(String sql, Verdict verdict) {
        if (verdict == null) {
            return;
        }
        session.executed(sql);
        if (!verdict.sessionChanges().isEmpty()) {
            session.failed(verdict);
        }
    }

    /** Whether running {@code sql}, judged as {@code verdict}, changes what the session must know. */
    boolean changesSession(String sql, Verdict verdict) {
        return !verdict.sessionChanges().isEmpty() || session.watches(sql);
    }

    /**
     * Refuses a row change through an updatable result set when the connection is read-only: the driver writes the
     * row with SQL it generates itself, which would otherwise never be judged.
     */
    void refuseRowChangeIfReadOnly(String operation) throws BlockedStatementException {
        Target target = session.target();
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
        Target target = session.target();
        if (sql == null || target.mode() == Mode.OFF) {
            return;
        }
        session.beforeStatement(raw, physical);
        if (guard.check(sql, target, session.state()).decision() == Decision.BLOCK) {
            guard.enforce(sql, target, session.state());
        }
    }

    /**
     * Reports that a guarded object was unwrapped to a vendor type, which lets statements bypass the guard.
     *
     * @param object what was unwrapped, e.g. {@code connection} or {@code statement}
     */
    void unwrapped(String object, Class<?> vendorType) {
        if (audited()) {
            unwrapAudit.unwrapped(session.target(), object, vendorType);
        }
    }

    /**
     * Reports that the driver handed back one of its own connections or statements as a value (a column, an out
     * parameter, an array element), which the guard returns as it is since it cannot know what it belongs to.
     */
    void rawValue(String source, Object value) {
        if (audited()) {
            unwrapAudit.rawValue(session.target(), source, value);
        }
    }

    private boolean audited() {
        Mode mode = session.target().mode();
        return mode == Mode.BLOCK || mode == Mode.READ_ONLY;
    }
}
