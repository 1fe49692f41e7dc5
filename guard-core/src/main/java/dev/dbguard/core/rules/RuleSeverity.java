package dev.dbguard.core.rules;

import java.util.Locale;

/**
 * What a rule's finding does in block mode: refuse the statement, or let it run with an audit event. Each rule has a
 * default (for {@code alter-type}, per statement); {@code dbguard.rules.<id>.severity} replaces it for all of a rule's
 * findings.
 */
public enum RuleSeverity {
    /** Destructive: refused in block mode, audited in audit mode. */
    REFUSE,
    /** Breaks additive-only migrations without destroying data: reported by the scan, audited at runtime, never refused. */
    WARN;

    /**
     * Parses a configuration value ({@code dbguard.rules.<id>.severity}).
     *
     * @param value {@code refuse} or {@code warn}, any case
     * @return the severity
     * @throws IllegalArgumentException naming the accepted values for any other value, null included
     */
    public static RuleSeverity fromId(String value) {
        String normalized = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        for (RuleSeverity severity : values()) {
            if (severity.name().equals(normalized)) {
                return severity;
            }
        }
        throw new IllegalArgumentException("Unknown dbguard rule severity '" + value + "': use refuse or warn");
    }

    /** {@return the configuration spelling: {@code refuse} or {@code warn}} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
