package dev.dbguard.core;

import dev.dbguard.core.internal.BooleanSetting;
import dev.dbguard.core.audit.AuditFormat;
import dev.dbguard.core.rules.RuleSeverity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the flat {@code dbguard.*} keys (system properties, JDBC URL parameters) into a {@link GuardConfig.Builder}.
 * The Spring starter binds the same keys through its own properties class.
 */
final class ConfigProperties {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigProperties.class);
    private static final String PREFIX = "dbguard.";
    private static final String MODES = "dbguard.modes.";
    private static final String RULES = "dbguard.rules.";
    /**
     * The project's own test suite reads these (test-support's TestDatabases) from the same system properties the
     * guard reads; they are no guard setting, so they are skipped without the unknown-key warning. Any other
     * {@code dbguard.test.*} key is unknown, and warned about: it is most likely a guess at a guard setting.
     */
    private static final Set<String> TEST_SUITE_KEYS = Set.of("dbguard.test.postgres.url", "dbguard.test.mariadb.url");
    private static final Map<String, Setting> SETTINGS = settings();

    private ConfigProperties() {
    }

    static void apply(GuardConfig.Builder builder, Map<String, String> properties, String source) {
        properties.forEach((rawKey, rawValue) -> {
            if (rawKey == null || rawValue == null) {
                return;
            }
            String key = rawKey.trim().toLowerCase(Locale.ROOT);
            if (!key.startsWith(PREFIX) || TEST_SUITE_KEYS.contains(key)) {
                return;
            }
            String value = rawValue.trim();
            try {
                applyOne(builder, key, value, source);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Invalid dbguard setting " + rawKey + "=" + rawValue + " (from "
                        + source + "): " + e.getMessage(), e);
            }
        });
    }

    private static void applyOne(GuardConfig.Builder builder, String key, String value, String source) {
        Setting setting = SETTINGS.get(key);
        if (setting != null) {
            setting.apply(builder, value, source);
        } else {
            applyPrefixed(builder, key, value);
        }
    }

    /** The flat keys, in the README's order; {@link GuardConfig#KEYS} lists them. */
    private static Map<String, Setting> settings() {
        Map<String, Setting> settings = new LinkedHashMap<>();
        settings.put("dbguard.enabled", (builder, value, source) -> builder.enabled(bool(value)));
        settings.put("dbguard.env", (builder, value, source) -> builder.environment(value, source + " dbguard.env"));
        settings.put("dbguard.allow", (builder, value, source) -> list(value).forEach(entry -> {
            AllowRule rule = AllowRule.parse(entry);
            builder.allow(rule.ruleId(), rule.objectPattern());
        }));
        settings.put("dbguard.production-url-patterns",
                (builder, value, source) -> builder.productionUrlPatterns(list(value)));
        settings.put("dbguard.ephemeral-url-patterns",
                (builder, value, source) -> builder.ephemeralUrlPatterns(list(value)));
        settings.put("dbguard.unparsed-policy",
                (builder, value, source) -> builder.unparsedPolicy(Policy.fromId(value)));
        settings.put("dbguard.dynamic-sql-policy",
                (builder, value, source) -> builder.dynamicSqlPolicy(Policy.fromId(value)));
        settings.put("dbguard.annotations.enabled",
                (builder, value, source) -> builder.annotationsEnabled(bool(value)));
        settings.put("dbguard.audit.format",
                (builder, value, source) -> builder.auditFormat(AuditFormat.fromId(value)));
        settings.put("dbguard.audit.redact-literals",
                (builder, value, source) -> builder.redactLiterals(bool(value)));
        settings.put("dbguard.audit.window", (builder, value, source) -> builder.auditWindow(duration(value)));
        settings.put("dbguard.cache-size", (builder, value, source) -> builder.cacheSize(integer(value)));
        settings.put("dbguard.max-parse-length", (builder, value, source) -> builder.maxParseLength(integer(value)));
        settings.put("dbguard.posture.enabled", (builder, value, source) -> builder.postureEnabled(bool(value)));
        settings.put("dbguard.posture.fail-on", (builder, value, source) -> builder.postureFailOn(list(value)));
        return Collections.unmodifiableMap(settings);
    }

    /**
     * Every flat key read, in order; {@code dbguard.modes.<environment>} and {@code dbguard.rules.<rule>.enabled}
     * come on top.
     */
    static List<String> keys() {
        return List.copyOf(SETTINGS.keySet());
    }

    /** How one key's value is applied to the builder. */
    @FunctionalInterface
    private interface Setting {
        void apply(GuardConfig.Builder builder, String value, String source);
    }

    private static void applyPrefixed(GuardConfig.Builder builder, String key, String value) {
        if (key.startsWith(MODES) && key.length() > MODES.length()) {
            builder.mode(key.substring(MODES.length()), Mode.fromId(value));
        } else if (key.startsWith(RULES) && key.endsWith(".enabled")) {
            builder.rule(key.substring(RULES.length(), key.length() - ".enabled".length()), bool(value));
        } else if (key.startsWith(RULES) && key.endsWith(".severity")) {
            builder.ruleSeverity(key.substring(RULES.length(), key.length() - ".severity".length()),
                    RuleSeverity.fromId(value));
        } else {
            LOG.warn("dbguard: ignoring unknown setting '{}'; see the README's configuration reference for the keys", key);
        }
    }

    static List<String> list(String value) {
        List<String> items = new ArrayList<>();
        for (String item : value.split(",")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        return items;
    }

    static boolean bool(String value) {
        return BooleanSetting.parse(value);
    }

    static int integer(String value) {
        try {
            return Integer.parseInt(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a whole number");
        }
    }

    /** Accepts {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d}, ISO-8601 ({@code PT1M}), or milliseconds. */
    static Duration duration(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("p")) {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
            }
            long amount = Long.parseLong(v.substring(0, v.length() - 1).trim());
            return switch (v.charAt(v.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> Duration.ofMillis(Long.parseLong(v));
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("expected a duration such as 500ms, 60s, 5m or PT1M");
        }
    }
}
