package dev.dbguard.core.internal;

import dev.dbguard.core.env.Environment;
import dev.dbguard.core.env.ResolvedEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Finds the environment the application declares, and remembers where the value came from.
 *
 * <p>Sources are tried in this order; the first one with a non-blank value wins:
 * <ol>
 *   <li>an explicit value handed over by an integration or a builder call (e.g. the Spring property
 *       {@code dbguard.env});</li>
 *   <li>the JVM system property {@value #SYSTEM_PROPERTY};</li>
 *   <li>the environment variable {@value #ENVIRONMENT_VARIABLE};</li>
 *   <li>fallbacks an integration supplies, in the order given (the Spring starter adds the active profiles).</li>
 * </ol>
 * When none gives a value the environment is {@link Environment#PRODUCTION production}: a guard that does not know
 * where it runs refuses destructive statements rather than letting them through. The result is then marked
 * {@linkplain ResolvedEnvironment#failSafe() fail-safe} and a WARN naming the setting to change is logged once per
 * JVM.
 *
 * <pre>{@code
 * ResolvedEnvironment env = EnvironmentResolver.builder()
 *         .explicit(properties.getEnv(), "Spring property dbguard.env")
 *         .fallback("dev", "active Spring profiles [dev]")
 *         .build()
 *         .resolve();
 * }</pre>
 */
public final class EnvironmentResolver {

    /** The JVM system property that declares the environment. */
    public static final String SYSTEM_PROPERTY = "dbguard.env";
    /** The environment variable that declares the environment. */
    public static final String ENVIRONMENT_VARIABLE = "DBGUARD_ENV";
    /** The {@link ResolvedEnvironment#source() source} of a fail-safe result. */
    public static final String FAIL_SAFE_SOURCE =
            "fail-safe default: no dbguard.env system property, DBGUARD_ENV variable or configured value";

    static final String FAIL_SAFE_WARNING = "dbguard: no environment configured, so this database is treated as"
            + " production (refusing DROP, TRUNCATE, unscoped DELETE/UPDATE), unless its URL is an in-memory one"
            + " (dbguard.ephemeral-url-patterns); set -Ddbguard.env=development (or DBGUARD_ENV, or dbguard.env in"
            + " Spring) to change it.";

    /**
     * The logger of every line about how an environment was chosen (fail-safe, production and ephemeral URL
     * patterns), named for users' logging configuration rather than after a class.
     */
    public static final String LOGGER = "dbguard.environment";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private static final OnceLog JVM_WIDE_WARNINGS = new OnceLog(LOG, 1);

    private final List<Candidate> first;
    private final List<Candidate> fallbacks;
    private final Function<String, String> systemProperties;
    private final Function<String, String> environmentVariables;
    private final OnceLog warnings;

    private EnvironmentResolver(Builder builder) {
        this.first = builder.explicit == null ? List.of() : List.of(builder.explicit);
        this.fallbacks = List.copyOf(builder.fallbacks);
        this.systemProperties = builder.systemProperties;
        this.environmentVariables = builder.environmentVariables;
        this.warnings = builder.warnings;
    }

    /** A builder that reads the real system properties and environment variables unless told otherwise. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Resolves with the real system properties and environment variables.
     *
     * @param explicit       a value configured by the integration, or null
     * @param explicitSource where {@code explicit} came from, e.g. {@code Spring property dbguard.env}
     * @param fallback       a value to use when nothing else is set, or null
     * @param fallbackSource where {@code fallback} came from, e.g. {@code active Spring profiles [prod]}
     */
    public static ResolvedEnvironment resolve(String explicit, String explicitSource, String fallback,
                                              String fallbackSource) {
        return builder().explicit(explicit, explicitSource).fallback(fallback, fallbackSource).build().resolve();
    }

    /** The declared environment and where it came from; production (fail-safe) when nothing declares one. */
    public ResolvedEnvironment resolve() {
        List<Candidate> candidates = new ArrayList<>(first);
        candidates.add(new Candidate(systemProperties.apply(SYSTEM_PROPERTY), "system property " + SYSTEM_PROPERTY));
        candidates.add(new Candidate(environmentVariables.apply(ENVIRONMENT_VARIABLE),
                "environment variable " + ENVIRONMENT_VARIABLE));
        candidates.addAll(fallbacks);
        for (Candidate candidate : candidates) {
            if (candidate.value() != null && !candidate.value().isBlank()) {
                return ResolvedEnvironment.of(Environment.of(candidate.value()), candidate.source());
            }
        }
        warnings.warn("fail-safe", FAIL_SAFE_WARNING);
        return new ResolvedEnvironment(Environment.PRODUCTION, FAIL_SAFE_SOURCE, true);
    }

    private record Candidate(String value, String source) {
    }

    /** Collects the sources; {@link #build()} makes an immutable resolver. */
    public static final class Builder {

        private Candidate explicit;
        private final List<Candidate> fallbacks = new ArrayList<>();
        private Function<String, String> systemProperties = System::getProperty;
        private Function<String, String> environmentVariables = System::getenv;
        private OnceLog warnings = JVM_WIDE_WARNINGS;

        private Builder() {
        }

        /**
         * The value configured by the integration itself, which beats the system property and the environment
         * variable. A null or blank value counts as not set; a later call replaces an earlier one.
         *
         * @param source shown in logs and refusals, e.g. {@code Spring property dbguard.env}
         */
        public Builder explicit(String value, String source) {
            this.explicit = new Candidate(value, source == null ? "configured value" : source);
            return this;
        }

        /**
         * A value used only when no explicit value, system property or environment variable is set. Fallbacks are
         * tried in the order they were added; null or blank values count as not set.
         *
         * @param source shown in logs and refusals, e.g. {@code active Spring profiles [prod]}
         */
        public Builder fallback(String value, String source) {
            fallbacks.add(new Candidate(value, source == null ? "fallback value" : source));
            return this;
        }

        /** Where system properties are read from; {@code System::getProperty} by default. */
        public Builder systemProperties(Function<String, String> lookup) {
            this.systemProperties = Objects.requireNonNull(lookup, "lookup");
            return this;
        }

        /** Where environment variables are read from; {@code System::getenv} by default. */
        public Builder environmentVariables(Function<String, String> lookup) {
            this.environmentVariables = Objects.requireNonNull(lookup, "lookup");
            return this;
        }

        /** Lets a test watch the once-per-JVM warning without depending on what ran before it. */
        Builder warnings(OnceLog warnings) {
            this.warnings = Objects.requireNonNull(warnings, "warnings");
            return this;
        }

        /** An immutable resolver for the sources given so far. */
        public EnvironmentResolver build() {
            return new EnvironmentResolver(this);
        }
    }
}
