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

    /**
     * Starts guarding a data source; finish with {@link Builder#build()}.
     *
     * @param dataSource the data source to guard, usually a pool; not null
     * @return a builder with the defaults: name {@code dataSource}, {@link GuardConfig#defaults()}
     */
    public static Builder wrap(DataSource dataSource) {
        return new Builder(Objects.requireNonNull(dataSource, "dataSource"));
    }

    /**
     * Lets the named rules through on this thread until the returned override is closed, auditing every statement
     * it lets through with {@code reason}. Use it in try-with-resources.
     *
     * @param reason  why this is deliberate (a ticket, a runbook step); not blank
     * @param ruleIds the rules to let through, at least one, e.g. {@code truncate}
     * @return the open override, to close on this thread
     * @throws IllegalArgumentException when the reason is blank, no rule is named, or a rule id is unknown
     * @see GuardOverride#allow(String, String...)
     */
    public static GuardOverride override(String reason, String... ruleIds) {
        return GuardOverride.allow(reason, ruleIds);
    }

    /**
     * Tells whether a data source is guarded, for code that must not run unguarded.
     *
     * @param dataSource the data source, or null
     * @return true when it is guarded or wraps (per {@link DataSource#isWrapperFor}) a guarded one; false for null
     */
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

        /**
         * Names the data source.
         *
         * @param name the name shown in refusals, audit events and metrics; default {@code dataSource}; trimmed
         * @return this builder
         * @throws IllegalArgumentException when {@code name} is null or blank
         */
        public Builder name(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("A dbguard data source name must not be blank");
            }
            this.name = name.trim();
            return this;
        }

        /**
         * Sets the configuration to judge statements with.
         *
         * @param config the configuration; default {@link GuardConfig#defaults()}; not null
         * @return this builder
         */
        public Builder config(GuardConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Declares the environment, overriding the configuration's and {@code dbguard.env} / {@code DBGUARD_ENV}.
         *
         * @param environment an environment name ({@code production}, {@code staging}, {@code qa-eu}, ...); trimmed
         * @return this builder
         * @throws IllegalArgumentException when {@code environment} is null or blank
         */
        public Builder environment(String environment) {
            if (environment == null || environment.isBlank()) {
                throw new IllegalArgumentException("A dbguard environment must not be blank");
            }
            this.environment = environment.trim();
            return this;
        }

        /**
         * Shares an existing engine (its configuration, verdict cache and counters) with this data source.
         *
         * @param guard the engine; not null
         * @return this builder
         */
        public Builder guard(StatementGuard guard) {
            this.guard = Objects.requireNonNull(guard, "guard");
            return this;
        }

        /**
         * Builds the guarded data source.
         *
         * @return a {@link GuardedDataSource} over the wrapped data source
         * @throws IllegalStateException when both an engine and a configuration or environment were given
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
