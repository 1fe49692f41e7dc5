package dev.dbguard.core;

import dev.dbguard.core.audit.AuditFormat;
import dev.dbguard.core.rules.RuleSeverity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the flat {@code dbguard.*} keys (system properties, JDBC URL parameters) into a {@link GuardConfig.Builder}.
 * The Spring starter binds the same keys through its own properties class.
 */
final class ConfigProperties {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigProperties.class);
    private static final String PREFIX = "dbguard.";
    private static final String MODES = "dbguard.modes.";
    private static final String RULES = "dbguard.rules.";

    private ConfigProperties() {
    }

    static void apply(GuardConfig.Builder builder, Map<String, String> properties, String source) {
        properties.forEach((rawKey, rawValue) -> {
            if (rawKey == null || rawValue == null) {
                return;
            }
            String key = rawKey.trim().toLowerCase(Locale.ROOT);
            if (!key.startsWith(PREFIX) || key.startsWith("dbguard.test.")) {
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
        switch (key) {
            case "dbguard.enabled" -> builder.enabled(bool(value));
            case "dbguard.env" -> builder.environment(value, source + " dbguard.env");
            case "dbguard.allow" -> list(value).forEach(entry -> {
                AllowRule rule = AllowRule.parse(entry);
                builder.allow(rule.ruleId(), rule.objectPattern());
            });
            case "dbguard.production-url-patterns" -> builder.productionUrlPatterns(list(value));
            case "dbguard.ephemeral-url-patterns" -> builder.ephemeralUrlPatterns(list(value));
            case "dbguard.unparsed-policy" -> builder.unparsedPolicy(Policy.fromId(value));
            case "dbguard.dynamic-sql-policy" -> builder.dynamicSqlPolicy(Policy.fromId(value));
            case "dbguard.annotations.enabled" -> builder.annotationsEnabled(bool(value));
            case "dbguard.audit.format" -> builder.auditFormat(AuditFormat.fromId(value));
            case "dbguard.audit.redact-literals" -> builder.redactLiterals(bool(value));
            case "dbguard.audit.window" -> builder.auditWindow(duration(value));
            case "dbguard.cache-size" -> builder.cacheSize(integer(value));
            case "dbguard.max-parse-length" -> builder.maxParseLength(integer(value));
            default -> applyPrefixed(builder, key, value);
        }
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
