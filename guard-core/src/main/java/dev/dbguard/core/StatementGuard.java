package dev.dbguard.core;

import dev.dbguard.core.env.ResolvedEnvironment;

/**
 * The decision engine: given a SQL string and the {@link Target} it is sent to, decides whether it may run, must
 * be refused, or runs and is audited. One instance per configuration; thread-safe; share it.
 */
public final class StatementGuard {

    private final GuardConfig config;

    /** Creates the engine; resolves the declared environment once (logging a WARN if it falls back to production). */
    public StatementGuard(GuardConfig config) {
        this.config = config;
    }

    /** The configuration this guard was built with. */
    public GuardConfig config() {
        return config;
    }

    /** The declared environment, before production URL patterns are applied, and where it came from. */
    public ResolvedEnvironment environment() {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * The target for one data source: applies the production URL patterns to {@code jdbcUrl} (null when unknown)
     * and picks the mode. A declared non-production environment whose URL matches a production pattern is logged
     * at ERROR and treated as production.
     */
    public Target target(String dataSourceName, String jdbcUrl) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Judges {@code sql} for {@code target} without side effects: no event, no counter. Never throws. */
    public Verdict check(String sql, Target target) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Judges {@code sql}, counts it, emits the audit events it calls for, and throws when it must not run.
     *
     * @return the verdict, whose decision is {@link Decision#ALLOW} or {@link Decision#AUDIT}
     * @throws BlockedStatementException when the statement must not reach the database
     */
    public Verdict enforce(String sql, Target target) throws BlockedStatementException {
        throw new UnsupportedOperationException("not yet");
    }

    /** Counters of decisions and rules since this guard was created. */
    public GuardStatistics statistics() {
        throw new UnsupportedOperationException("not yet");
    }
}
