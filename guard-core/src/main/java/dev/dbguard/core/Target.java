package dev.dbguard.core;

import dev.dbguard.core.env.ResolvedEnvironment;

import java.util.Objects;

/**
 * One guarded database as the engine sees it: the data source's name, the environment in force for it (after the
 * production URL patterns were applied to its JDBC URL), the resulting mode, and the SQL dialect its text is read in.
 *
 * <p>Obtain one from {@link StatementGuard#target(String, String)} once per data source or connection URL and
 * reuse it for every statement.
 *
 * @param dataSourceName the name shown in audit events and metrics
 * @param environment    the effective environment and where it came from
 * @param mode           the mode for that environment
 * @param dialect        how statements sent to it are read; {@link Dialect#UNKNOWN} reads them conservatively
 */
public record Target(String dataSourceName, ResolvedEnvironment environment, Mode mode, Dialect dialect) {

    public Target {
        Objects.requireNonNull(dataSourceName, "dataSourceName");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(dialect, "dialect");
    }

    /** A target whose dialect is not known: statements are read both the PostgreSQL and the MySQL way. */
    public Target(String dataSourceName, ResolvedEnvironment environment, Mode mode) {
        this(dataSourceName, environment, mode, Dialect.UNKNOWN);
    }

    /** The same target read in another dialect (once the connected server is known). */
    public Target withDialect(Dialect dialect) {
        return dialect == this.dialect ? this : new Target(dataSourceName, environment, mode, dialect);
    }
}
