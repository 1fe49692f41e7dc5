package dev.dbguard.core.env;

import dev.dbguard.core.internal.EnvironmentResolver;
import java.util.Objects;

/**
 * An environment together with where its value came from, so that logs and refusals can say why the guard thinks
 * it runs in production.
 *
 * @param environment the environment in force
 * @param source      a human-readable origin, e.g. {@code system property dbguard.env},
 *                    {@code environment variable DBGUARD_ENV}, {@code Spring property dbguard.env},
 *                    {@code production URL pattern '*.rds.amazonaws.com' matched host '...' (declared: ...)}, or
 *                    {@link EnvironmentResolver#FAIL_SAFE_SOURCE the fail-safe default}
 * @param failSafe    true when no source gave a value and production was assumed
 */
public record ResolvedEnvironment(Environment environment, String source, boolean failSafe) {

    /**
     * Checks the components.
     *
     * @param environment the environment in force
     * @param source      a human-readable origin
     * @param failSafe    true when production was assumed
     * @throws NullPointerException when {@code environment} or {@code source} is null
     */
    public ResolvedEnvironment {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(source, "source");
    }

    /**
     * An environment that a source gave (not a fail-safe assumption).
     *
     * @param environment the environment
     * @param source      where it came from, e.g. {@code system property dbguard.env}
     * @return the resolved environment, {@code failSafe} false
     */
    public static ResolvedEnvironment of(Environment environment, String source) {
        return new ResolvedEnvironment(environment, source, false);
    }

    @Override
    public String toString() {
        return environment.name() + " (from " + source + ")";
    }
}
