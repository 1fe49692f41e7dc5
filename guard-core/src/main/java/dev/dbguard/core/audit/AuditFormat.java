package dev.dbguard.core.audit;

import java.util.Locale;

/** How the default SLF4J sink writes an event. */
public enum AuditFormat {
    /** One human-readable line of {@code key=value} pairs. */
    TEXT,
    /** One JSON object per line, for log shippers. */
    JSON;

    /**
     * Parses a configuration value ({@code dbguard.audit.format}).
     *
     * @param value {@code text} or {@code json}, any case, surrounding blanks ignored
     * @return the format
     * @throws IllegalArgumentException naming the accepted values for any other value, null included
     */
    public static AuditFormat fromId(String value) {
        String normalized = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        for (AuditFormat format : values()) {
            if (format.name().equals(normalized)) {
                return format;
            }
        }
        throw new IllegalArgumentException("Unknown dbguard audit format '" + value + "': use text or json");
    }
}
