package dev.dbguard.core;

import dev.dbguard.core.audit.AuditFormat;
import dev.dbguard.core.audit.AuditSink;
import dev.dbguard.core.env.Environment;
import dev.dbguard.core.env.Tier;
import dev.dbguard.core.internal.EphemeralUrlPatterns;
import dev.dbguard.core.rules.Rule;
import dev.dbguard.core.rules.RuleCatalog;
import dev.dbguard.core.rules.RuleSeverity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The whole configuration of a guard, immutable. Build one with {@link #builder()}; integrations (the JDBC driver,
 * the Spring starter) fill the builder from their own property sources with {@link Builder#properties(Map, String)}.
 *
 * <p>The defaults are the values in the {@code DEFAULT_*} constants; the README lists every key.
 */
public final class GuardConfig {

    /** Default for {@code dbguard.enabled}. */
    public static final boolean DEFAULT_ENABLED = true;
    /** Default for {@code dbguard.unparsed-policy}. */
    public static final Policy DEFAULT_UNPARSED_POLICY = Policy.BLOCK;
    /**
     * Default for {@code dbguard.dynamic-sql-policy}: SQL assembled at run time is refused in block mode, since
     * nothing about it can be known before it runs.
     */
    public static final Policy DEFAULT_DYNAMIC_SQL_POLICY = Policy.BLOCK;
    /** Default for {@code dbguard.audit.format}. */
    public static final AuditFormat DEFAULT_AUDIT_FORMAT = AuditFormat.TEXT;
    /** Default for {@code dbguard.annotations.enabled}: {@code dbguard:allow} annotations are honoured. */
    public static final boolean DEFAULT_ANNOTATIONS_ENABLED = true;
    /** Default for {@code dbguard.audit.redact-literals}. */
    public static final boolean DEFAULT_REDACT_LITERALS = true;
    /** Default for {@code dbguard.audit.window}: one audit-mode log line per distinct statement per window. */
    public static final Duration DEFAULT_AUDIT_WINDOW = Duration.ofMinutes(1);
    /** Default for {@code dbguard.cache-size}: distinct statement texts whose verdict is kept. */
    public static final int DEFAULT_CACHE_SIZE = 10_000;
    /** Default for {@code dbguard.max-parse-length}: longer statements are judged by the scanner alone. */
    public static final int DEFAULT_MAX_PARSE_LENGTH = 10_000;

    /**
     * Default for {@code dbguard.ephemeral-url-patterns}: in-memory H2, HSQLDB, Derby and SQLite URLs, whose
     * connections run in development mode whatever is declared ({@link EphemeralUrlPatterns#DEFAULTS}).
     */
    public static final List<String> DEFAULT_EPHEMERAL_URL_PATTERNS = EphemeralUrlPatterns.DEFAULTS;

    /**
     * Default for {@code dbguard.posture.enabled}: on the first connection of each data source (and of each account
     * on each proxy route), one bounded catalog query tells what the database account could do from any other
     * client (superuser, owner, TLS off).
     */
    public static final boolean DEFAULT_POSTURE_ENABLED = true;
    /** The posture findings {@code dbguard.posture.fail-on} accepts; its default is none of them. */
    public static final List<String> POSTURE_FAIL_ON_VALUES = List.of("owner", "superuser", "no-tls");

    /** Liquibase's default lock table, whose reset {@link Builder#allowLiquibaseLockReset} lets through. */
    public static final String LIQUIBASE_LOCK_TABLE = "DATABASECHANGELOGLOCK";

    /** A class of liquibase-core: where it can be loaded, Liquibase may run and reset its lock table. */
    private static final String LIQUIBASE_CLASS = "liquibase.Liquibase";

    /** Every rule id in the catalog, in documentation order. */
    public static final List<String> RULE_IDS = RuleCatalog.all().stream().map(Rule::id).toList();

    /**
     * Every flat {@code dbguard.*} key that {@link Builder#properties(Map, String)} reads (system properties, JDBC
     * URL parameters), in documentation order; {@code dbguard.modes.<environment>} and
     * {@code dbguard.rules.<rule>.enabled} are read on top of these.
     */
    public static final List<String> KEYS = ConfigProperties.keys();

    private final boolean enabled;
    private final String environment;
    private final String environmentSource;
    private final String environmentFallback;
    private final String environmentFallbackSource;
    private final Map<String, Mode> modes;
    private final Set<String> disabledRules;
    private final Map<String, RuleSeverity> ruleSeverities;
    private final boolean annotationsEnabled;
    private final List<AllowRule> allowList;
    private final List<String> productionUrlPatterns;
    private final List<String> ephemeralUrlPatterns;
    private final Policy unparsedPolicy;
    private final Policy dynamicSqlPolicy;
    private final AuditFormat auditFormat;
    private final boolean redactLiterals;
    private final Duration auditWindow;
    private final AuditSink auditSink;
    private final VerdictListener verdictListener;
    private final int cacheSize;
    private final int maxParseLength;
    private final boolean postureEnabled;
    private final Set<String> postureFailOn;

    private GuardConfig(Builder builder) {
        this.enabled = builder.enabled;
        this.environment = builder.environment;
        this.environmentSource = builder.environmentSource;
        this.environmentFallback = builder.environmentFallback;
        this.environmentFallbackSource = builder.environmentFallbackSource;
        this.modes = Map.copyOf(builder.modes);
        this.disabledRules = Set.copyOf(builder.disabledRules);
        this.ruleSeverities = Map.copyOf(builder.ruleSeverities);
        this.annotationsEnabled = builder.annotationsEnabled;
        this.allowList = List.copyOf(builder.allowList);
        this.productionUrlPatterns = List.copyOf(builder.productionUrlPatterns);
        this.ephemeralUrlPatterns = List.copyOf(builder.ephemeralUrlPatterns);
        this.unparsedPolicy = builder.unparsedPolicy;
        this.dynamicSqlPolicy = builder.dynamicSqlPolicy;
        this.auditFormat = builder.auditFormat;
        this.redactLiterals = builder.redactLiterals;
        this.auditWindow = builder.auditWindow;
        this.auditSink = builder.auditSink;
        this.verdictListener = builder.verdictListener;
        this.cacheSize = builder.cacheSize;
        this.maxParseLength = builder.maxParseLength;
        this.postureEnabled = builder.postureEnabled;
        this.postureFailOn = Set.copyOf(builder.postureFailOn);
    }

    /**
     * Starts a configuration from the defaults.
     *
     * @return a new builder with every default in place
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The configuration with every default; the environment is resolved when a guard is made, from
     * {@code dbguard.env} / {@code DBGUARD_ENV}.
     *
     * @return the default configuration
     */
    public static GuardConfig defaults() {
        return builder().build();
    }

    /** {@return whether the guard checks statements at all} ({@code dbguard.enabled}, default true) */
    public boolean enabled() {
        return enabled;
    }

    /**
     * {@return the environment name given explicitly by an integration or builder call, trimmed} Null when none was
     * given: the guard then resolves it from {@code dbguard.env}, {@code DBGUARD_ENV} and the fallback.
     */
    public String environment() {
        return environment;
    }

    /**
     * {@return where {@link #environment()} came from, e.g. {@code Spring property dbguard.env}} Shown in logs and
     * refusals; null when no environment was ever set.

     */
    public String environmentSource() {
        return environmentSource;
    }

    /**
     * {@return the environment name used only when no explicit value, system property or environment variable
     * sets one} Null when there is none.
     */
    public String environmentFallback() {
        return environmentFallback;
    }

    /**
     * {@return where {@link #environmentFallback()} came from, e.g. {@code active Spring profiles [prod]}} Null when
     * there is no fallback.
     */
    public String environmentFallbackSource() {
        return environmentFallbackSource;
    }

    /**
     * The mode for an environment: the one configured for its name ({@code dbguard.modes.<env>}), else the one
     * configured for its tier, else the default (production-like → block, staging → audit, others → off).
     *
     * @param environment the resolved environment
     * @return the mode the guard runs in there, never null
     */
    public Mode modeFor(Environment environment) {
        Mode configured = modes.get(environment.name());
        if (configured == null) {
            configured = modes.get(environment.tier().name().toLowerCase(Locale.ROOT));
        }
        if (configured != null) {
            return configured;
        }
        return defaultMode(environment.tier());
    }

    /**
     * The built-in mode for a tier, used when no {@code dbguard.modes.*} key names the environment or its tier.
     *
     * @param tier the environment's tier
     * @return production → block, staging → audit, development and test → off
     */
    public static Mode defaultMode(Tier tier) {
        return switch (tier) {
            case PRODUCTION -> Mode.BLOCK;
            case STAGING -> Mode.AUDIT;
            case DEVELOPMENT, TEST -> Mode.OFF;
        };
    }

    /**
     * {@return the modes configured per environment name or tier, keyed by normalised name} ({@code production},
     * {@code staging}, {@code qa-eu}, ...); unmodifiable, empty when only the defaults apply.
     */
    public Map<String, Mode> modes() {
        return modes;
    }

    /**
     * Whether a rule takes part in judging statements (all do, unless disabled by configuration).
     *
     * @param ruleId a rule id from {@link #RULE_IDS}, lower case
     * @return false when {@code dbguard.rules.<id>.enabled=false} or {@link Builder#rule(String, boolean)} disabled it
     */
    public boolean ruleEnabled(String ruleId) {
        return !disabledRules.contains(ruleId);
    }

    /**
     * The severity configured for a rule ({@code dbguard.rules.<id>.severity}), replacing the rule's default for all its
     * findings.
     *
     * @param ruleId a rule id from {@link #RULE_IDS}, lower case
     * @return the configured severity, or null when the rule keeps its default
     */
    public RuleSeverity ruleSeverity(String ruleId) {
        return ruleSeverities.get(ruleId);
    }

    /** {@return the configured rule severities by rule id} Unmodifiable; rules not in it keep their default. */
    public Map<String, RuleSeverity> ruleSeverities() {
        return ruleSeverities;
    }

    /**
     * {@return whether {@code -- dbguard:allow rule reason="..."} annotations in a statement's leading comments let it
     * through as an audited override} ({@code dbguard.annotations.enabled}, default true); turn it off for data
     * sources that receive SQL from people or agents, who could write one.
     */
    public boolean annotationsEnabled() {
        return annotationsEnabled;
    }

    /** {@return the ids of the rules disabled by configuration} Unmodifiable; empty by default. */
    public Set<String> disabledRules() {
        return disabledRules;
    }

    /** {@return the allow-list entries ({@code dbguard.allow}), in the order given} Unmodifiable; empty by default. */
    public List<AllowRule> allowList() {
        return allowList;
    }

    /**
     * {@return the host or URL glob patterns that mark a connection as production whatever the declared environment}
     * ({@code dbguard.production-url-patterns}); unmodifiable, empty by default.
     */
    public List<String> productionUrlPatterns() {
        return productionUrlPatterns;
    }

    /**
     * {@return the JDBC URL globs of in-memory databases, whose connections run in development mode whatever the
     * declared environment} A matching production URL pattern wins; {@link #DEFAULT_EPHEMERAL_URL_PATTERNS} by
     * default.
     */
    public List<String> ephemeralUrlPatterns() {
        return ephemeralUrlPatterns;
    }

    /**
     * {@return what to do when the scanner, not the parser, found a destructive command}
     * ({@code dbguard.unparsed-policy}, default {@link #DEFAULT_UNPARSED_POLICY})
     */
    public Policy unparsedPolicy() {
        return unparsedPolicy;
    }

    /**
     * {@return what to do with SQL text assembled at run time} (rule {@code dynamic-sql},
     * {@code dbguard.dynamic-sql-policy}, default {@link #DEFAULT_DYNAMIC_SQL_POLICY})
     */
    public Policy dynamicSqlPolicy() {
        return dynamicSqlPolicy;
    }

    /**
     * {@return the format of the default SLF4J audit sink} ({@code dbguard.audit.format}, default text); unused when
     * {@link #auditSink()} is set.
     */
    public AuditFormat auditFormat() {
        return auditFormat;
    }

    /**
     * {@return whether literals are replaced by {@code ?} in audit events and messages}
     * ({@code dbguard.audit.redact-literals}, default true)
     */
    public boolean redactLiterals() {
        return redactLiterals;
    }

    /**
     * {@return the window within which an audit-mode statement is logged only once} It is still counted each time
     * ({@code dbguard.audit.window}, default one minute; zero logs every time).
     */
    public Duration auditWindow() {
        return auditWindow;
    }

    /**
     * {@return the audit sink given by the integration} Null for the default SLF4J sink writing
     * {@link #auditFormat()}.
     */
    public AuditSink auditSink() {
        return auditSink;
    }

    /**
     * {@return the listener told about every enforced statement, for metrics} {@link VerdictListener#NONE} by
     * default, never null.
     */
    public VerdictListener verdictListener() {
        return verdictListener;
    }

    /**
     * {@return how many distinct statement texts the verdict cache keeps} ({@code dbguard.cache-size}, default
     * {@value #DEFAULT_CACHE_SIZE}; 0 caches nothing)
     */
    public int cacheSize() {
        return cacheSize;
    }

    /**
     * {@return the statement length, in characters, above which statements are analysed by the scanner only}
     * ({@code dbguard.max-parse-length}, default {@value #DEFAULT_MAX_PARSE_LENGTH})
     */
    public int maxParseLength() {
        return maxParseLength;
    }

    /**
     * {@return whether the account and transport are checked on the first connection}
     * ({@code dbguard.posture.enabled}, default true)
     */
    public boolean postureEnabled() {
        return postureEnabled;
    }

    /**
     * {@return the posture findings that make the first connection fail in production and staging, and the proxy
     * refuse the account's sessions} ({@code dbguard.posture.fail-on}, some of {@link #POSTURE_FAIL_ON_VALUES});
     * unmodifiable, empty by default.
     */
    public Set<String> postureFailOn() {
        return postureFailOn;
    }

    /**
     * Starts a changed copy of this configuration; this one is left as it is.
     *
     * @return a new builder holding this configuration's values
     */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.enabled = enabled;
        builder.environment = environment;
        builder.environmentSource = environmentSource;
        builder.environmentFallback = environmentFallback;
        builder.environmentFallbackSource = environmentFallbackSource;
        builder.modes.putAll(modes);
        builder.disabledRules.addAll(disabledRules);
        builder.ruleSeverities.putAll(ruleSeverities);
        builder.annotationsEnabled = annotationsEnabled;
        builder.allowList.addAll(allowList);
        builder.productionUrlPatterns.addAll(productionUrlPatterns);
        builder.ephemeralUrlPatterns = ephemeralUrlPatterns;
        builder.unparsedPolicy = unparsedPolicy;
        builder.dynamicSqlPolicy = dynamicSqlPolicy;
        builder.auditFormat = auditFormat;
        builder.redactLiterals = redactLiterals;
        builder.auditWindow = auditWindow;
        builder.auditSink = auditSink;
        builder.verdictListener = verdictListener;
        builder.cacheSize = cacheSize;
        builder.maxParseLength = maxParseLength;
        builder.postureEnabled = postureEnabled;
        builder.postureFailOn.addAll(postureFailOn);
        return builder;
    }

    /** Builds a {@link GuardConfig}. Not thread-safe; every setter returns the builder. */
    public static final class Builder {

        private boolean enabled = DEFAULT_ENABLED;
        private String environment;
        private String environmentSource;
        private String environmentFallback;
        private String environmentFallbackSource;
        private final Map<String, Mode> modes = new LinkedHashMap<>();
        private final Set<String> disabledRules = new LinkedHashSet<>();
        private final Map<String, RuleSeverity> ruleSeverities = new LinkedHashMap<>();
        private boolean annotationsEnabled = DEFAULT_ANNOTATIONS_ENABLED;
        private final List<AllowRule> allowList = new ArrayList<>();
        private final List<String> productionUrlPatterns = new ArrayList<>();
        private List<String> ephemeralUrlPatterns = DEFAULT_EPHEMERAL_URL_PATTERNS;
        private Policy unparsedPolicy = DEFAULT_UNPARSED_POLICY;
        private Policy dynamicSqlPolicy = DEFAULT_DYNAMIC_SQL_POLICY;
        private AuditFormat auditFormat = DEFAULT_AUDIT_FORMAT;
        private boolean redactLiterals = DEFAULT_REDACT_LITERALS;
        private Duration auditWindow = DEFAULT_AUDIT_WINDOW;
        private AuditSink auditSink;
        private VerdictListener verdictListener = VerdictListener.NONE;
        private int cacheSize = DEFAULT_CACHE_SIZE;
        private int maxParseLength = DEFAULT_MAX_PARSE_LENGTH;
        private boolean postureEnabled = DEFAULT_POSTURE_ENABLED;
        private final Set<String> postureFailOn = new LinkedHashSet<>();

        private Builder() {
        }

        /**
         * Switches checking on or off altogether ({@code dbguard.enabled}).
         *
         * @param enabled false lets every statement through unchecked; true by default
         * @return this builder
         */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /**
         * Sets the environment explicitly; it wins over {@code dbguard.env} and {@code DBGUARD_ENV}.
         *
         * @param environment an environment name such as {@code prod} or {@code qa-eu}; null or blank clears it, so
         *                    that it is resolved
         * @return this builder
         */
        public Builder environment(String environment) {
            return environment(environment, "builder call environment(\"" + environment + "\")");
        }

        /**
         * Sets the environment explicitly, naming where the value came from for logs and refusals.
         *
         * @param environment an environment name such as {@code prod} or {@code qa-eu}; null or blank clears it, so
         *                    that it is resolved
         * @param source      where the value came from, e.g. {@code Spring property dbguard.env}; not null
         * @return this builder
         */
        public Builder environment(String environment, String source) {
            this.environment = blankToNull(environment);
            this.environmentSource = Objects.requireNonNull(source, "source");
            return this;
        }

        /**
         * Supplies a value used only when nothing else sets the environment, e.g. one derived from active Spring
         * profiles.
         *
         * @param environment an environment name; null or blank means no fallback
         * @param source      where the value came from, e.g. {@code active Spring profiles [prod]}; not null
         * @return this builder
         */
        public Builder environmentFallback(String environment, String source) {
            this.environmentFallback = blankToNull(environment);
            this.environmentFallbackSource = Objects.requireNonNull(source, "source");
            return this;
        }

        /**
         * Sets the mode for an environment name or tier ({@code dbguard.modes.<environment>}).
         *
         * @param environment an environment name ({@code production}, {@code prod}, {@code qa-eu}) or tier name,
         *                    normalised as {@link Environment#of(String)} does
         * @param mode        the mode used there; not null
         * @return this builder
         * @throws IllegalArgumentException when {@code environment} is null or blank
         */
        public Builder mode(String environment, Mode mode) {
            modes.put(Environment.of(environment).name(), Objects.requireNonNull(mode, "mode"));
            return this;
        }

        /**
         * Enables or disables a rule ({@code dbguard.rules.<id>.enabled}).
         *
         * @param ruleId  one of {@link #RULE_IDS}, any case
         * @param enabled false to disable it; every rule is enabled by default
         * @return this builder
         * @throws IllegalArgumentException naming the known ids when {@code ruleId} is not one of them
         */
        public Builder rule(String ruleId, boolean enabled) {
            String id = requireKnownRule(ruleId);
            if (enabled) {
                disabledRules.remove(id);
            } else {
                disabledRules.add(id);
            }
            return this;
        }

        /**
         * Replaces the default severity of a rule's findings ({@code dbguard.rules.<id>.severity}).
         *
         * @param ruleId   one of {@link #RULE_IDS}, any case
         * @param severity {@code REFUSE} or {@code WARN} for all the rule's findings; not null
         * @return this builder
         * @throws IllegalArgumentException naming the known ids when {@code ruleId} is not one of them
         */
        public Builder ruleSeverity(String ruleId, RuleSeverity severity) {
            ruleSeverities.put(requireKnownRule(ruleId), Objects.requireNonNull(severity, "severity"));
            return this;
        }

        /**
         * Sets whether {@code dbguard:allow} annotations are honoured ({@code dbguard.annotations.enabled}).
         *
         * @param enabled false ignores them, for data sources that run SQL written by people or agents; true by
         *                default
         * @return this builder
         */
        public Builder annotationsEnabled(boolean enabled) {
            this.annotationsEnabled = enabled;
            return this;
        }

        /**
         * Adds an allow-list entry ({@code dbguard.allow}); see {@link AllowRule} for how patterns match.
         *
         * @param ruleId        the rule to let through, one of {@link #RULE_IDS}
         * @param objectPattern a glob on object names, e.g. {@code audit_tmp_*}
         * @return this builder
         * @throws IllegalArgumentException naming the known ids when {@code ruleId} is not one of them
         */
        public Builder allow(String ruleId, String objectPattern) {
            requireKnownRule(ruleId);
            allowList.add(AllowRule.of(ruleId, objectPattern));
            return this;
        }

        /**
         * Lets through the one unscoped {@code DELETE} Liquibase sends to empty its lock table when it sets the
         * table up (its own bookkeeping, not data; audited as allow-listed), when Liquibase can be loaded here (by
         * dbguard's class loader or the thread's context class loader); otherwise changes nothing. Called by the
         * {@code jdbc:dbguard:} driver and the Spring starter.
         *
         * @param lockTable the lock table's name as Liquibase is configured with it; null or blank for Liquibase's
         *                  default, {@value #LIQUIBASE_LOCK_TABLE}
         * @return this builder
         */
        public Builder allowLiquibaseLockReset(String lockTable) {
            if (classVisible(GuardConfig.class.getClassLoader())
                    || classVisible(Thread.currentThread().getContextClassLoader())) {
                allow("unscoped-delete", lockTable == null || lockTable.isBlank() ? LIQUIBASE_LOCK_TABLE
                        : lockTable.trim());
            }
            return this;
        }

        private static boolean classVisible(ClassLoader loader) {
            if (loader == null) {
                return false;
            }
            try {
                Class.forName(LIQUIBASE_CLASS, false, loader);
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        }

        /**
         * Adds host or URL glob patterns that always mean production ({@code dbguard.production-url-patterns}).
         *
         * @param patterns globs such as {@code *.rds.amazonaws.com}, added to those already set
         * @return this builder
         * @throws IllegalArgumentException when a pattern is null or blank
         */
        public Builder productionUrlPatterns(List<String> patterns) {
            for (String pattern : patterns) {
                if (pattern == null || pattern.isBlank()) {
                    throw new IllegalArgumentException("A dbguard production URL pattern must not be blank");
                }
                productionUrlPatterns.add(pattern.trim());
            }
            return this;
        }

        /**
         * Replaces the in-memory URL globs ({@code jdbc:h2:mem:*}) whose connections run in development mode; an
         * empty list guards in-memory databases like any other ({@code dbguard.ephemeral-url-patterns}).
         *
         * @param patterns the JDBC URL globs replacing the current ones
         * @return this builder
         * @throws IllegalArgumentException when a pattern is blank or does not start with {@code jdbc:}
         */
        public Builder ephemeralUrlPatterns(List<String> patterns) {
            this.ephemeralUrlPatterns = EphemeralUrlPatterns.of(patterns).patterns();
            return this;
        }

        /**
         * Sets what happens to destructive statements that only the scanner understood
         * ({@code dbguard.unparsed-policy}).
         *
         * @param policy the policy; {@link #DEFAULT_UNPARSED_POLICY} by default, not null
         * @return this builder
         */
        public Builder unparsedPolicy(Policy policy) {
            this.unparsedPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Sets what happens to SQL text assembled at run time (rule {@code dynamic-sql},
         * {@code dbguard.dynamic-sql-policy}).
         *
         * @param policy the policy; {@link #DEFAULT_DYNAMIC_SQL_POLICY} by default, not null
         * @return this builder
         */
        public Builder dynamicSqlPolicy(Policy policy) {
            this.dynamicSqlPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Sets the format of the default SLF4J audit sink ({@code dbguard.audit.format}).
         *
         * @param format text (the default) or JSON; not null
         * @return this builder
         */
        public Builder auditFormat(AuditFormat format) {
            this.auditFormat = Objects.requireNonNull(format, "format");
            return this;
        }

        /**
         * Sets whether literals are replaced by {@code ?} in audit events and messages
         * ({@code dbguard.audit.redact-literals}).
         *
         * @param redact false keeps the statement text as written; true by default
         * @return this builder
         */
        public Builder redactLiterals(boolean redact) {
            this.redactLiterals = redact;
            return this;
        }

        /**
         * Sets the window within which an audit-mode statement is logged once ({@code dbguard.audit.window}).
         *
         * @param window one minute by default; zero logs every occurrence
         * @return this builder
         * @throws IllegalArgumentException when {@code window} is negative
         */
        public Builder auditWindow(Duration window) {
            if (window.isNegative()) {
                throw new IllegalArgumentException("dbguard.audit.window must not be negative: " + window);
            }
            this.auditWindow = window;
            return this;
        }

        /**
         * Replaces the default SLF4J audit sink.
         *
         * @param sink the sink receiving every audit event; not null
         * @return this builder
         */
        public Builder auditSink(AuditSink sink) {
            this.auditSink = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /**
         * Sets the listener told about every enforced statement, e.g. to count them in a metrics registry.
         *
         * @param listener the listener; {@link VerdictListener#NONE} by default, not null
         * @return this builder
         */
        public Builder verdictListener(VerdictListener listener) {
            this.verdictListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Sets how many distinct statement texts the verdict cache keeps ({@code dbguard.cache-size}).
         *
         * @param size number of entries, {@value #DEFAULT_CACHE_SIZE} by default; 0 caches nothing
         * @return this builder
         * @throws IllegalArgumentException when {@code size} is negative
         */
        public Builder cacheSize(int size) {
            if (size < 0) {
                throw new IllegalArgumentException("dbguard.cache-size must not be negative: " + size);
            }
            this.cacheSize = size;
            return this;
        }

        /**
         * Sets the length above which statements are analysed by the scanner only
         * ({@code dbguard.max-parse-length}).
         *
         * @param length in characters, {@value #DEFAULT_MAX_PARSE_LENGTH} by default
         * @return this builder
         * @throws IllegalArgumentException when {@code length} is negative
         */
        public Builder maxParseLength(int length) {
            if (length < 0) {
                throw new IllegalArgumentException("dbguard.max-parse-length must not be negative: " + length);
            }
            this.maxParseLength = length;
            return this;
        }

        /**
         * Switches the first-connection check of the account and transport on or off
         * ({@code dbguard.posture.enabled}).
         *
         * @param enabled false skips the catalog query; true by default
         * @return this builder
         */
        public Builder postureEnabled(boolean enabled) {
            this.postureEnabled = enabled;
            return this;
        }

        /**
         * Sets the posture findings that fail the first connection in production and staging; {@code none} or an
         * empty list fails on none ({@code dbguard.posture.fail-on}).
         *
         * @param findings some of {@link #POSTURE_FAIL_ON_VALUES}, any case; they replace the current set
         * @return this builder
         * @throws IllegalArgumentException naming the accepted values for any other finding
         */
        public Builder postureFailOn(List<String> findings) {
            postureFailOn.clear();
            for (String finding : findings) {
                String id = finding == null ? "" : finding.trim().toLowerCase(Locale.ROOT);
                if (id.equals("none") || id.isEmpty()) {
                    continue;
                }
                if (!POSTURE_FAIL_ON_VALUES.contains(id)) {
                    throw new IllegalArgumentException("Unknown dbguard posture finding '" + finding
                            + "' for dbguard.posture.fail-on: use none or some of " + POSTURE_FAIL_ON_VALUES);
                }
                postureFailOn.add(id);
            }
            return this;
        }

        /**
         * Applies {@code dbguard.*} keys from a flat property map (system properties, JDBC URL parameters); keys
         * without the {@code dbguard.} prefix are ignored.
         *
         * @param properties keys and values, e.g. {@code System.getProperties()} copied into a map; null keys or
         *                   values are skipped
         * @param source     where the map came from, e.g. {@code system property}; recorded as the origin of
         *                   {@code dbguard.env} and named in errors
         * @return this builder
         * @throws IllegalArgumentException naming the key and the accepted values on a malformed value
         */
        public Builder properties(Map<String, String> properties, String source) {
            ConfigProperties.apply(this, properties, source);
            return this;
        }

        /**
         * Builds the configuration; later changes to this builder do not affect it.
         *
         * @return the immutable configuration
         */
        public GuardConfig build() {
            return new GuardConfig(this);
        }

        private static String requireKnownRule(String ruleId) {
            String id = ruleId == null ? "" : ruleId.trim().toLowerCase(Locale.ROOT);
            if (!RULE_IDS.contains(id)) {
                throw new IllegalArgumentException("Unknown dbguard rule '" + ruleId + "': use one of " + RULE_IDS);
            }
            return id;
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.trim();
        }
    }
}
