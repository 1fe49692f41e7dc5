package dev.dbguard.core;

import java.util.Locale;

/** What the guard does with a statement that a rule flags. */
public enum Mode {
    /** Refuse flagged statements with a {@link BlockedStatementException}; they never reach the database. */
    BLOCK,
    /** Let flagged statements run and emit an audit event for each. */
    AUDIT,
    /** Let everything run silently. */
    OFF,
    /**
     * Refuse every statement that can change data or schema; reads, {@code SHOW}, {@code SET}, transaction control
     * and plain {@code EXPLAIN} pass. For connections used to look at production.
     */
    READ_ONLY;

    /** {@return the configuration spelling: {@code block}, {@code audit}, {@code off} or {@code read-only}} */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Parses a configuration value ({@code block}, {@code audit}, {@code off}, {@code read-only}; case and
     * {@code _}/{@code -} insensitive).
     *
     * @param value the configured value
     * @return the mode
     * @throws IllegalArgumentException naming the accepted values when {@code value} is none of them
     */
    public static Mode fromId(String value) {
        String normalized = value == null ? "" : value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Mode mode : values()) {
            if (mode.name().equals(normalized)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("Unknown dbguard mode '" + value + "': use one of block, audit, off, read-only");
    }
}
