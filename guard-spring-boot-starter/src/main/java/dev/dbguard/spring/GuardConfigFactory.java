package dev.dbguard.spring;

import dev.dbguard.core.AllowRule;
import dev.dbguard.core.rules.RuleSeverity;
import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.Mode;
import dev.dbguard.core.Policy;
import dev.dbguard.core.audit.AuditFormat;
import dev.dbguard.core.internal.EphemeralUrlPatterns;
import dev.dbguard.core.internal.ProductionUrlPatterns;
import org.springframework.core.env.Environment;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Turns the bound {@link DbGuardProperties} and the Spring environment into guard-core's {@link GuardConfig},
 * checking every value on the way: a bad one becomes an {@link InvalidDbGuardPropertyException} naming the key,
 * where it was set and what to write instead.
 */
final class GuardConfigFactory {

    static final String ENV_PROPERTY = "dbguard.env";

    private static final String MODE_FIX =
            "use one of block, audit, off, read-only, e.g. dbguard.modes.production=block.";
    private static final String RULE_FIX = "use a rule id from " + GuardConfig.RULE_IDS
            + ", e.g. dbguard.rules.truncate.enabled=false.";
    private static final String SEVERITY_FIX = "use refuse or warn with a rule id from " + GuardConfig.RULE_IDS
            + ", e.g. dbguard.rules.rename.severity=refuse.";
    private static final String ALLOW_FIX = "write each entry as rule:object-pattern with a rule from "
            + GuardConfig.RULE_IDS + ", e.g. dbguard.allow=truncate:audit_tmp_*.";
    private static final String URL_PATTERN_FIX = "give host globs without port or path, such as"
            + " *.rds.amazonaws.com, or whole-URL globs starting with jdbc:, such as jdbc:postgresql://10.1.*.";

    private final DbGuardProperties properties;
    private final Environment environment;
    private final PropertyOrigins origins;

    GuardConfigFactory(DbGuardProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
        this.origins = new PropertyOrigins(environment);
    }

    /**
     * The configuration every guarded data source starts from (each then gets its own audit sink and listener).
     *
     * @throws InvalidDbGuardPropertyException naming the first setting that cannot be used
     */
    GuardConfig create() {
        GuardConfig.Builder builder = GuardConfig.builder();
        applyModesAndRules(builder);
        applyAllowList(builder);
        builder.allowLiquibaseLockReset(environment.getProperty("spring.liquibase.database-change-log-lock-table"));
        applyProductionUrlPatterns(builder);
        applyEphemeralUrlPatterns(builder);
        dangerousSettings();
        applyAudit(builder);
        applyLimits(builder);
        applyPosture(builder);
        recentRefusals();
        declareEnvironment(builder);
        return builder.build();
    }

    private void applyModesAndRules(GuardConfig.Builder builder) {
        properties.getModes().forEach((environmentName, mode) -> check("dbguard.modes." + environmentName, mode,
                MODE_FIX, () -> builder.mode(environmentName, Mode.fromId(mode))));
        properties.getRules().forEach((ruleId, rule) -> {
            check("dbguard.rules." + ruleId + ".enabled", String.valueOf(rule.isEnabled()), RULE_FIX,
                    () -> builder.rule(ruleId, rule.isEnabled()));
            if (rule.getSeverity() != null) {
                check("dbguard.rules." + ruleId + ".severity", rule.getSeverity(), SEVERITY_FIX,
                        () -> builder.ruleSeverity(ruleId, RuleSeverity.fromId(rule.getSeverity())));
            }
        });
        builder.annotationsEnabled(properties.getAnnotations().isEnabled());
    }

    private void applyAllowList(GuardConfig.Builder builder) {
        List<String> allow = properties.getAllow();
        for (int i = 0; i < allow.size(); i++) {
            String entry = allow.get(i);
            check("dbguard.allow[" + i + "]", entry, ALLOW_FIX, () -> {
                AllowRule rule = AllowRule.parse(entry);
                builder.allow(rule.ruleId(), rule.objectPattern());
            });
        }
    }

    private void applyProductionUrlPatterns(GuardConfig.Builder builder) {
        List<String> patterns = properties.getProductionUrlPatterns();
        for (int i = 0; i < patterns.size(); i++) {
            String pattern = patterns.get(i);
            // Checked one by one here, so that the report names the entry; the engine would reject the whole list.
            check("dbguard.production-url-patterns[" + i + "]", pattern, URL_PATTERN_FIX,
                    () -> ProductionUrlPatterns.of(Arrays.asList(pattern)));
        }
        builder.productionUrlPatterns(patterns);
    }

    private void applyEphemeralUrlPatterns(GuardConfig.Builder builder) {
        List<String> patterns = properties.getEphemeralUrlPatterns() == null ? List.of()
                : properties.getEphemeralUrlPatterns();
        for (int i = 0; i < patterns.size(); i++) {
            String pattern = patterns.get(i);
            check("dbguard.ephemeral-url-patterns[" + i + "]", pattern, "give whole-URL globs starting with jdbc:,"
                    + " such as jdbc:h2:mem:*.", () -> EphemeralUrlPatterns.of(Arrays.asList(pattern)));
        }
        builder.ephemeralUrlPatterns(patterns);
    }

    /**
     * What the start-up check of dangerous settings does.
     *
     * @throws InvalidDbGuardPropertyException for a value other than warn, fail or ignore
     */
    DangerousSettings.Action dangerousSettings() {
        String value = properties.getDangerousSettings();
        DangerousSettings.Action action = DangerousSettings.Action.fromId(value);
        if (action == null) {
            throw invalid("dbguard.dangerous-settings", String.valueOf(value), "not one of warn, fail, ignore",
                    "use warn (log a line per setting), fail (stop the start) or ignore.", null);
        }
        return action;
    }

    private void applyAudit(GuardConfig.Builder builder) {
        DbGuardProperties.Audit audit = properties.getAudit();
        check("dbguard.audit.format", audit.getFormat(), "use text or json.",
                () -> builder.auditFormat(AuditFormat.fromId(audit.getFormat())));
        builder.redactLiterals(audit.isRedactLiterals());
        Duration window = audit.getWindow() == null ? GuardConfig.DEFAULT_AUDIT_WINDOW : audit.getWindow();
        check("dbguard.audit.window", String.valueOf(audit.getWindow()), "use a duration of 0 or more, e.g. 1m.",
                () -> builder.auditWindow(window));
    }

    private void applyLimits(GuardConfig.Builder builder) {
        check("dbguard.unparsed-policy", properties.getUnparsedPolicy(), "use one of block, audit, allow.",
                () -> builder.unparsedPolicy(Policy.fromId(properties.getUnparsedPolicy())));
        check("dbguard.dynamic-sql-policy", properties.getDynamicSqlPolicy(), "use one of block, audit, allow.",
                () -> builder.dynamicSqlPolicy(Policy.fromId(properties.getDynamicSqlPolicy())));
        check("dbguard.cache-size", String.valueOf(properties.getCacheSize()), "use 0 (no cache) or more.",
                () -> builder.cacheSize(properties.getCacheSize()));
        check("dbguard.max-parse-length", String.valueOf(properties.getMaxParseLength()), "use 0 or more.",
                () -> builder.maxParseLength(properties.getMaxParseLength()));
    }

    private void applyPosture(GuardConfig.Builder builder) {
        DbGuardProperties.Posture posture = properties.getPosture();
        builder.postureEnabled(posture.isEnabled());
        List<String> failOn = posture.getFailOn() == null ? List.of() : posture.getFailOn();
        check("dbguard.posture.fail-on", String.join(",", failOn), "use none or some of "
                + GuardConfig.POSTURE_FAIL_ON_VALUES + ", e.g. dbguard.posture.fail-on=owner,superuser.",
                () -> builder.postureFailOn(failOn));
    }

    /**
     * How many recent refusals each data source keeps for the actuator endpoint.
     *
     * @throws InvalidDbGuardPropertyException when below 1
     */
    int recentRefusals() {
        int capacity = properties.getAudit().getRecentRefusals();
        if (capacity < 1) {
            throw invalid("dbguard.audit.recent-refusals", String.valueOf(capacity),
                    "the endpoint needs room for at least one refusal", "use 1 or more, e.g. 50.", null);
        }
        return capacity;
    }

    /**
     * {@code dbguard.env} from any property source is explicit; otherwise the active profiles are a fallback, and
     * without either the core assumes production (and says so in a WARN).
     */
    private void declareEnvironment(GuardConfig.Builder builder) {
        String declared = properties.getEnv();
        if (declared != null && !declared.isBlank()) {
            String origin = origins.brief(ENV_PROPERTY);
            builder.environment(declared.trim(),
                    "Spring property " + ENV_PROPERTY + (origin == null ? "" : " (" + origin + ")"));
            return;
        }
        GuardConfig modes = builder.build();
        Optional<ProfileEnvironment> fromProfiles =
                ProfileEnvironment.of(Arrays.asList(environment.getActiveProfiles()), modes::modeFor);
        fromProfiles.ifPresent(profile -> builder.environmentFallback(profile.environment(), profile.source()));
    }

    private void check(String property, String value, String fix, Runnable apply) {
        try {
            apply.run();
        } catch (IllegalArgumentException | NullPointerException e) {
            String problem = e.getMessage() == null ? "a value is required" : e.getMessage();
            throw invalid(property, value, problem, fix, e);
        }
    }

    private InvalidDbGuardPropertyException invalid(String property, String value, String problem, String fix,
                                                    Throwable cause) {
        return new InvalidDbGuardPropertyException(property, value, origins.describe(property), problem, fix, cause);
    }
}
