package dev.dbguard.core;

import dev.dbguard.core.env.ResolvedEnvironment;

import java.util.Objects;

/**
 * One guarded database as the engine sees it: the data source's name, the environment in force for it (after the
 * production and ephemeral URL patterns were applied to its JDBC URL), the resulting mode, and the SQL dialect its
 * text is read in.
 *
 * <p>Only a {@link StatementGuard} makes targets ({@link StatementGuard#target(String, String)}), so a target's mode
 * is always the one its configuration gives its environment. Obtain one once per data source or connection URL and
 * reuse it for every statement. Immutable; equal when all four parts are equal.
 */
public final class Target {

    private final String dataSourceName;
    private final ResolvedEnvironment environment;
    private final Mode mode;
    private final Dialect dialect;

    Target(String dataSourceName, ResolvedEnvironment environment, Mode mode, Dialect dialect) {
        this.dataSourceName = Objects.requireNonNull(dataSourceName, "dataSourceName");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
    }

    /** A target whose dialect is not known: statements are read both the PostgreSQL and the MySQL way. */
    Target(String dataSourceName, ResolvedEnvironment environment, Mode mode) {
        this(dataSourceName, environment, mode, Dialect.UNKNOWN);
    }

    /** {@return the data source's name, shown in audit events, refusals and metrics} */
    public String dataSourceName() {
        return dataSourceName;
    }

    /** {@return the effective environment, after the URL patterns, and where it came from} */
    public ResolvedEnvironment environment() {
        return environment;
    }

    /** {@return the mode statements sent to this target are judged in} */
    public Mode mode() {
        return mode;
    }

    /** {@return how statements sent to it are read} {@link Dialect#UNKNOWN} reads them conservatively. */
    public Dialect dialect() {
        return dialect;
    }

    /**
     * The same target read in another dialect, once the connected server is known.
     *
     * @param dialect the server's dialect
     * @return this target when the dialect is the same, else a copy with it
     */
    public Target withDialect(Dialect dialect) {
        return dialect == this.dialect ? this : new Target(dataSourceName, environment, mode, dialect);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Target that && dataSourceName.equals(that.dataSourceName)
                && environment.equals(that.environment) && mode == that.mode && dialect == that.dialect;
    }

    @Override
    public int hashCode() {
        return Objects.hash(dataSourceName, environment, mode, dialect);
    }

    @Override
    public String toString() {
        return "Target[dataSourceName=" + dataSourceName + ", environment=" + environment + ", mode=" + mode
                + ", dialect=" + dialect + "]";
    }
}
