package dev.dbguard.core;

import java.util.Locale;

/**
 * What to do with a class of statement the engine cannot judge completely before it runs: destructive statements
 * JSqlParser could not parse ({@code dbguard.unparsed-policy}, verdict {@code unparsed-destructive}) and SQL text
 * assembled at run time ({@code dbguard.dynamic-sql-policy}, rule {@code dynamic-sql}).
 */
public enum Policy {
    /** Treat it like any destructive statement: the mode decides (refused in block mode). The default. */
    BLOCK,
    /** At most audit it: it runs even in block mode, with an audit event. */
    AUDIT,
    /** Let it run without an event. */
    ALLOW;

    /**
     * Parses a configuration value ({@code dbguard.unparsed-policy}, {@code dbguard.dynamic-sql-policy}).
     *
     * @param value {@code block}, {@code audit} or {@code allow}, any case
     * @return the policy
     * @throws IllegalArgumentException naming the accepted values for any other value, null included
     */
    public static Policy fromId(String value) {
        String normalized = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        for (Policy policy : values()) {
            if (policy.name().equals(normalized)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("Unknown dbguard policy '" + value + "': use one of block, audit, allow");
    }

    /** {@return the configuration spelling: {@code block}, {@code audit} or {@code allow}} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
