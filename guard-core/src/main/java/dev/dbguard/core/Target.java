package dev.dbguard.core;

import dev.dbguard.core.env.ResolvedEnvironment;

import java.util.Objects;

/**
 * One guarded database as the engine sees it: the data source's name, the environment in force for it (after the
 * production URL patterns were applied to its JDBC URL) and the resulting mode.
 *
 * <p>Obtain one from {@link StatementGuard#target(String, String)} once per data source or connection URL and
 * reuse it for every statement.
 *
 * @param dataSourceName the name shown in audit events and metrics
 * @param environment    the effective environment and where it came from
 * @param mode           the mode for that environment
 */
public record Target(String dataSourceName, ResolvedEnvironment environment, Mode mode) {

    public Target {
        Objects.requireNonNull(dataSourceName, "dataSourceName");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(mode, "mode");
    }
}
