package dev.dbguard.core;

import java.util.Locale;

/**
 * What to do with a statement that JSqlParser could not parse but in which the scanner found a destructive command
 * (verdict {@code unparsed-destructive}).
 */
public enum UnparsedPolicy {
    /** Treat it like any destructive statement: the mode decides (refused in block mode). The default. */
    BLOCK,
    /** At most audit it: it runs even in block mode, with an audit event. */
    AUDIT,
    /** Let it run without an event. */
    ALLOW;

    /** Parses {@code block}, {@code audit} or {@code allow}, ignoring case. */
    public static UnparsedPolicy fromId(String value) {
        String normalized = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        for (UnparsedPolicy policy : values()) {
            if (policy.name().equals(normalized)) {
                return policy;
            }
        }
        throw new IllegalArgumentException(
                "Unknown dbguard unparsed-policy '" + value + "': use one of block, audit, allow");
    }

    /** The configuration spelling. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
