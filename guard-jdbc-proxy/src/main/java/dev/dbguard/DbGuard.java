package dev.dbguard;

import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.GuardOverride;
import dev.dbguard.core.StatementGuard;
import dev.dbguard.jdbc.GuardedDataSource;

import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The entry point: guards a {@link DataSource} so that destructive statements never reach a production database.
 *
 * <pre>{@code
 * DataSource orders = DbGuard.wrap(hikariDataSource)
 *         .name("orders")
 *         .environment("production")
 *         .build();
 * }</pre>
 *
 * <p>Code that takes a JDBC URL instead of a data source can use the {@code jdbc:dbguard:} driver
 * ({@link dev.dbguard.jdbc.DbGuardDriver}).
 */
public final class DbGuard {

    private DbGuard() {
    }

    /** Starts guarding {@code dataSource} (usually a pool); finish with {@link Builder#build()}. */
    public static Builder wrap(DataSource dataSource) {
        return new Builder(Objects.requireNonNull(dataSource, "dataSource"));
    }

    /**
     * Lets the named rules through on this thread until the returned override is closed, auditing every statement
     * it lets through with {@code reason}. Use it in try-with-resources.
     *
     * @see GuardOverride#allow(String, String...)
     */
    public static GuardOverride override(String reason, String... ruleIds) {
        return GuardOverride.allow(reason, ruleIds);
    }

    /** Whether {@code dataSource} is guarded, or wraps (per {@link DataSource#isWrapperFor}) a guarded one. */
    public static boolean isGuarded(DataSource dataSource) {
        if (dataSource instanceof GuardedDataSource) {
            return true;
        }
        try {
            return dataSource != null && dataSource.isWrapperFor(GuardedDataSource.class);
        } catch (SQLException | RuntimeException notAWrapper) {
            return false;
        }
    }

    /**
     * Configures the guarded data source. Give either a shared {@link #guard(StatementGuard) engine}, or a
     * {@link #config(GuardConfig) configuration} and/or an {@link #environment(String) environment}; without any,
     * the defaults apply and the environment comes from {@code dbguard.env} / {@code DBGUARD_ENV}.
     */
    public static final class Builder {

        private final DataSource dataSource;
        private String name = "dataSource";
        private GuardConfig config;
        private String environment;
        private StatementGuard guard;

        private Builder(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        /** The name shown in refusals, audit events and metrics; default {@code dataSource}. */
        public Builder name(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("A dbguard data source name must not be blank");
            }
            this.name = name.trim();
            return this;
        }

        /** The configuration to judge statements with; default {@link GuardConfig#defaults()}. */
        public Builder config(GuardConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Declares the environment ({@code production}, {@code staging}, ...), overriding the configuration's. */
        public Builder environment(String environment) {
            if (environment == null || environment.isBlank()) {
                throw new IllegalArgumentException("A dbguard environment must not be blank");
            }
            this.environment = environment.trim();
            return this;
        }

        /** Shares an existing engine (its configuration, verdict cache and counters) with this data source. */
        public Builder guard(StatementGuard guard) {
            this.guard = Objects.requireNonNull(guard, "guard");
            return this;
        }

        /**
         * Builds the guarded data source.
         *
         * @throws IllegalStateException    when both an engine and a configuration or environment were given
         * @throws IllegalArgumentException when the data source is already guarded
         */
        public DataSource build() {
            if (guard != null && (config != null || environment != null)) {
                throw new IllegalStateException("dbguard: give DbGuard.wrap(...) either guard(...) or"
                        + " config(...)/environment(...), not both: a shared guard brings its own configuration");
            }
            StatementGuard engine = guard != null ? guard : new StatementGuard(effectiveConfig());
            return new GuardedDataSource(dataSource, name, engine);
        }

        private GuardConfig effectiveConfig() {
            if (environment == null) {
                return config != null ? config : GuardConfig.defaults();
            }
            GuardConfig.Builder builder = config != null ? config.toBuilder() : GuardConfig.builder();
            return builder.environment(environment,
                    "DbGuard.wrap(" + name + ").environment(\"" + environment + "\")").build();
        }
    }
}
