package dev.dbguard.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import dev.dbguard.core.GuardConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code dbguard.*} settings of the Spring Boot starter. The defaults are guard-core's
 * ({@code GuardConfig.DEFAULT_*}); a test keeps the two in step.
 *
 * <p>Values are checked when the application starts: an unknown mode, rule id or audit format, or a malformed
 * allow-list entry or production URL pattern, stops the start with a message naming the setting to fix.
 */
@ConfigurationProperties("dbguard")
public class DbGuardProperties {

    /**
     * Whether every DataSource bean is guarded. When false the starter backs off entirely and data sources are left
     * as they are.
     */
    private boolean enabled = true;

    /**
     * The environment this application runs in: production (also prod, live), staging (stage, preprod),
     * development (dev, local), test (ci), or a name of your own, which is protected like production. Takes
     * precedence over the active profiles; unset, the profiles decide, and without a matching profile the guard
     * assumes production.
     */
    private String env;

    /**
     * The mode per environment name or tier (production, staging, development, test): block refuses flagged
     * statements, audit runs and logs them, off lets everything run, read-only refuses every write. Unset
     * environments use block for production, audit for staging and off for development and test.
     */
    private Map<String, String> modes = new LinkedHashMap<>();

    /**
     * Rules to switch on or off by id, and to give a severity: drop, truncate, unscoped-delete, unscoped-update,
     * alter-drop, dynamic-sql, rename, alter-type. All are on.
     */
    private Map<String, Rule> rules = new LinkedHashMap<>();

    /**
     * Allow-list entries written as rule:object-pattern, e.g. truncate:audit_tmp_*. A statement flagged only by
     * that rule on matching objects runs, and is audited as allow-listed. Patterns are case-insensitive globs (*
     * and ?) matched against the object name with and without its schema.
     */
    private List<String> allow = new ArrayList<>();

    /**
     * Host globs (*.rds.amazonaws.com) or whole-URL globs (jdbc:postgresql://10.1.*) that mark a connection as
     * production whatever the declared environment, so that a development machine pointed at the production
     * database is still protected.
     */
    private List<String> productionUrlPatterns = new ArrayList<>();

    /**
     * JDBC URL globs of in-memory databases (H2 mem:, HSQLDB mem:, Derby memory:, SQLite :memory:), which cannot
     * hold production data: their connections run in development mode whatever the declared environment, logged
     * once at INFO. A matching production URL pattern still wins. Setting the list replaces the defaults; an empty
     * value guards in-memory databases like any other.
     */
    private List<String> ephemeralUrlPatterns = new ArrayList<>(GuardConfig.DEFAULT_EPHEMERAL_URL_PATTERNS);

    /**
     * What to do at start-up when a data source that refuses destructive SQL (production, block mode) is about to
     * be changed by a setting that sends such SQL: ddl-auto create, create-drop, drop or update, Flyway's
     * clean-disabled=false or clean-on-validation-error=true, Liquibase's drop-first=true, spring.sql.init.mode=always
     * with scripts dbguard would refuse. warn logs one line per setting with its origin, fail stops the start,
     * ignore says nothing.
     */
    private String dangerousSettings = "warn";

    /**
     * What to do with a destructive statement that the SQL parser could not read but the scanner recognised:
     * block (judge it like any other, refused in block mode), audit (let it run with an audit event) or allow.
     */
    private String unparsedPolicy = "block";

    /**
     * What to do with SQL text assembled at run time, whose command cannot be known before it runs (EXECUTE q,
     * PREPARE s FROM @sql, COPY ... PROGRAM; rule dynamic-sql): block (refused in block mode), audit or allow.
     */
    private String dynamicSqlPolicy = "block";

    /**
     * How many distinct statement texts keep their verdict in the cache, per data source; 0 disables the cache.
     */
    private int cacheSize = 10_000;

    /**
     * Statements longer than this many characters are judged by the scanner only, which keeps huge generated
     * statements cheap.
     */
    private int maxParseLength = 10_000;

    /**
     * Names of DataSource beans to leave unguarded, e.g. a read replica that has its own safeguards.
     */
    private List<String> excludeBeans = new ArrayList<>();

    /** Audit events: refused statements, audit-mode hits, overrides and allow-listed statements. */
    private final Audit audit = new Audit();

    /** The start-up check of what each data source's database account allows beyond dbguard. */
    private final Posture posture = new Posture();

    /** Whether {@code dbguard:allow} annotations in SQL comments are honoured. */
    private final Annotations annotations = new Annotations();

    /** {@return whether every DataSource bean is guarded} ({@code dbguard.enabled}, default true) */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Sets {@code dbguard.enabled}.
     *
     * @param enabled false leaves every data source as it is
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** {@return the declared environment} ({@code dbguard.env}); null when unset, so that the active profiles decide */
    public String getEnv() {
        return env;
    }

    /**
     * Sets {@code dbguard.env}.
     *
     * @param env an environment name such as {@code production} or {@code qa-eu}, or null
     */
    public void setEnv(String env) {
        this.env = env;
    }

    /**
     * {@return the mode per environment name or tier} ({@code dbguard.modes.*}); empty by default, a mutable map Spring
     * binds into
     */
    public Map<String, String> getModes() {
        return modes;
    }

    /**
     * Sets {@code dbguard.modes}.
     *
     * @param modes mode ids ({@code block}, {@code audit}, {@code off}, {@code read-only}) by environment name or tier
     */
    public void setModes(Map<String, String> modes) {
        this.modes = modes;
    }

    /**
     * {@return the per-rule settings by rule id} ({@code dbguard.rules.*}); empty by default, a mutable map Spring
     * binds into
     */
    public Map<String, Rule> getRules() {
        return rules;
    }

    /**
     * Sets {@code dbguard.rules}.
     *
     * @param rules the settings by rule id ({@code truncate}, {@code unscoped-delete}, ...)
     */
    public void setRules(Map<String, Rule> rules) {
        this.rules = rules;
    }

    /** {@return the allow-list entries, each {@code rule:object-pattern}} ({@code dbguard.allow}); empty by default */
    public List<String> getAllow() {
        return allow;
    }

    /**
     * Sets {@code dbguard.allow}.
     *
     * @param allow entries such as {@code truncate:audit_tmp_*}
     */
    public void setAllow(List<String> allow) {
        this.allow = allow;
    }

    /**
     * {@return the host or URL globs that always mean production} ({@code dbguard.production-url-patterns}); empty by
     * default
     */
    public List<String> getProductionUrlPatterns() {
        return productionUrlPatterns;
    }

    /**
     * Sets {@code dbguard.production-url-patterns}.
     *
     * @param productionUrlPatterns globs such as {@code *.rds.amazonaws.com}
     */
    public void setProductionUrlPatterns(List<String> productionUrlPatterns) {
        this.productionUrlPatterns = productionUrlPatterns;
    }

    /**
     * {@return the JDBC URL globs of in-memory databases, run in development mode}
     * ({@code dbguard.ephemeral-url-patterns}); guard-core's defaults unless set
     */
    public List<String> getEphemeralUrlPatterns() {
        return ephemeralUrlPatterns;
    }

    /**
     * Sets {@code dbguard.ephemeral-url-patterns}.
     *
     * @param ephemeralUrlPatterns the globs replacing the defaults; empty guards in-memory databases like any other
     */
    public void setEphemeralUrlPatterns(List<String> ephemeralUrlPatterns) {
        this.ephemeralUrlPatterns = ephemeralUrlPatterns;
    }

    /**
     * {@return what the start does about settings that send destructive SQL} ({@code dbguard.dangerous-settings}):
     * {@code warn} (default), {@code fail} or {@code ignore}
     */
    public String getDangerousSettings() {
        return dangerousSettings;
    }

    /**
     * Sets {@code dbguard.dangerous-settings}.
     *
     * @param dangerousSettings {@code warn}, {@code fail} or {@code ignore}
     */
    public void setDangerousSettings(String dangerousSettings) {
        this.dangerousSettings = dangerousSettings;
    }

    /**
     * {@return the policy for destructive statements only the scanner read} ({@code dbguard.unparsed-policy}):
     * {@code block} (default), {@code audit} or {@code allow}
     */
    public String getUnparsedPolicy() {
        return unparsedPolicy;
    }

    /**
     * Sets {@code dbguard.unparsed-policy}.
     *
     * @param unparsedPolicy {@code block}, {@code audit} or {@code allow}
     */
    public void setUnparsedPolicy(String unparsedPolicy) {
        this.unparsedPolicy = unparsedPolicy;
    }

    /**
     * {@return the policy for SQL text assembled at run time} ({@code dbguard.dynamic-sql-policy}): {@code block}
     * (default), {@code audit} or {@code allow}
     */
    public String getDynamicSqlPolicy() {
        return dynamicSqlPolicy;
    }

    /**
     * Sets {@code dbguard.dynamic-sql-policy}.
     *
     * @param dynamicSqlPolicy {@code block}, {@code audit} or {@code allow}
     */
    public void setDynamicSqlPolicy(String dynamicSqlPolicy) {
        this.dynamicSqlPolicy = dynamicSqlPolicy;
    }

    /**
     * {@return how many distinct statement texts keep their verdict per data source} ({@code dbguard.cache-size},
     * default 10000; 0 disables the cache)
     */
    public int getCacheSize() {
        return cacheSize;
    }

    /**
     * Sets {@code dbguard.cache-size}.
     *
     * @param cacheSize number of entries, not negative
     */
    public void setCacheSize(int cacheSize) {
        this.cacheSize = cacheSize;
    }

    /**
     * {@return the length in characters above which statements are judged by the scanner only}
     * ({@code dbguard.max-parse-length}, default 10000)
     */
    public int getMaxParseLength() {
        return maxParseLength;
    }

    /**
     * Sets {@code dbguard.max-parse-length}.
     *
     * @param maxParseLength a length in characters, not negative
     */
    public void setMaxParseLength(int maxParseLength) {
        this.maxParseLength = maxParseLength;
    }

    /** {@return the names of DataSource beans left unguarded} ({@code dbguard.exclude-beans}); empty by default */
    public List<String> getExcludeBeans() {
        return excludeBeans;
    }

    /**
     * Sets {@code dbguard.exclude-beans}.
     *
     * @param excludeBeans bean names
     */
    public void setExcludeBeans(List<String> excludeBeans) {
        this.excludeBeans = excludeBeans;
    }

    /** {@return the {@code dbguard.audit.*} settings} Never null. */
    public Audit getAudit() {
        return audit;
    }

    /** {@return the {@code dbguard.posture.*} settings} Never null. */
    public Posture getPosture() {
        return posture;
    }

    /** The {@code dbguard.posture.*} settings. */
    public static class Posture {

        /**
         * Whether the first connection of each data source is checked, with one bounded catalog query, for what its
         * account can do from any other client (superuser, owner of its tables, TLS off): one log line per data
         * source, the actuator endpoint's posture and the dbguard.posture gauges.
         */
        private boolean enabled = GuardConfig.DEFAULT_POSTURE_ENABLED;

        /**
         * Posture findings that make the start fail in production and staging: owner, superuser, no-tls. Empty
         * (none) by default.
         */
        private List<String> failOn = new ArrayList<>();

        /**
         * {@return whether the first connection of each data source is checked} ({@code dbguard.posture.enabled},
         * default true)
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets {@code dbguard.posture.enabled}.
         *
         * @param enabled false skips the catalog query
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /**
         * {@return the posture findings that make the start fail in production and staging}
         * ({@code dbguard.posture.fail-on}); empty by default
         */
        public List<String> getFailOn() {
            return failOn;
        }

        /**
         * Sets {@code dbguard.posture.fail-on}.
         *
         * @param failOn some of {@code owner}, {@code superuser}, {@code no-tls}, or {@code none}
         */
        public void setFailOn(List<String> failOn) {
            this.failOn = failOn;
        }
    }

    /** One rule's switch and severity, {@code dbguard.rules.<id>.enabled} and {@code .severity}. */
    public static class Rule {

        /** Whether the rule flags statements. */
        private boolean enabled = true;

        /**
         * refuse (refused in block mode) or warn (audited, never refused), replacing the rule's default: refuse for
         * the destructive rules, warn for rename and alter-type (refuse when values are lost). Unset keeps the default.
         */
        private String severity;

        /** {@return whether the rule flags statements} ({@code dbguard.rules.<id>.enabled}, default true) */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets {@code dbguard.rules.<id>.enabled}.
         *
         * @param enabled false disables the rule
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /**
         * {@return the severity replacing the rule's default} ({@code dbguard.rules.<id>.severity}): {@code refuse},
         * {@code warn}, or null for the default
         */
        public String getSeverity() {
            return severity;
        }

        /**
         * Sets {@code dbguard.rules.<id>.severity}.
         *
         * @param severity {@code refuse}, {@code warn}, or null to keep the rule's default
         */
        public void setSeverity(String severity) {
            this.severity = severity;
        }
    }

    /** The {@code dbguard.annotations.*} settings. */
    public static class Annotations {

        /**
         * Whether a -- dbguard:allow rule reason="..." comment above a statement lets it through as an audited
         * override. Turn it off for data sources that receive SQL from people or agents, who could write one.
         */
        private boolean enabled = GuardConfig.DEFAULT_ANNOTATIONS_ENABLED;

        /**
         * {@return whether {@code dbguard:allow} annotations are honoured} ({@code dbguard.annotations.enabled},
         * default true)
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets {@code dbguard.annotations.enabled}.
         *
         * @param enabled false ignores them
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /** {@return the {@code dbguard.annotations.*} settings} Never null. */
    public Annotations getAnnotations() {
        return annotations;
    }

    /** The {@code dbguard.audit.*} settings. */
    public static class Audit {

        /**
         * Format of the audit lines written to the dbguard.audit logger: text (key=value pairs) or json (one
         * object per line, for log shippers).
         */
        private String format = "text";

        /**
         * Whether literals in audited SQL are replaced by ?, so that personal data and secrets in statements do
         * not end up in logs or the actuator endpoint.
         */
        private boolean redactLiterals = true;

        /**
         * Audit-mode statements are logged once per distinct statement within this window (every one is still
         * counted); refusals are always logged. 0 logs every one.
         */
        private Duration window = Duration.ofMinutes(1);

        /**
         * How many recent refused and audit-mode statements each data source keeps for the dbguard actuator
         * endpoint.
         */
        private int recentRefusals = 50;

        /**
         * {@return the format of the audit lines} ({@code dbguard.audit.format}): {@code text} (default) or
         * {@code json}
         */
        public String getFormat() {
            return format;
        }

        /**
         * Sets {@code dbguard.audit.format}.
         *
         * @param format {@code text} or {@code json}
         */
        public void setFormat(String format) {
            this.format = format;
        }

        /**
         * {@return whether literals in audited SQL are replaced by {@code ?}} ({@code dbguard.audit.redact-literals},
         * default true)
         */
        public boolean isRedactLiterals() {
            return redactLiterals;
        }

        /**
         * Sets {@code dbguard.audit.redact-literals}.
         *
         * @param redactLiterals false keeps the statement text as written
         */
        public void setRedactLiterals(boolean redactLiterals) {
            this.redactLiterals = redactLiterals;
        }

        /**
         * {@return the window within which an audit-mode statement is logged once} ({@code dbguard.audit.window},
         * default one minute)
         */
        public Duration getWindow() {
            return window;
        }

        /**
         * Sets {@code dbguard.audit.window}.
         *
         * @param window the window; zero logs every one
         */
        public void setWindow(Duration window) {
            this.window = window;
        }

        /**
         * {@return how many recent refused and audit-mode statements each data source keeps for the actuator endpoint}
         * ({@code dbguard.audit.recent-refusals}, default 50)
         */
        public int getRecentRefusals() {
            return recentRefusals;
        }

        /**
         * Sets {@code dbguard.audit.recent-refusals}.
         *
         * @param recentRefusals the number kept, at least 1
         */
        public void setRecentRefusals(int recentRefusals) {
            this.recentRefusals = recentRefusals;
        }
    }
}
