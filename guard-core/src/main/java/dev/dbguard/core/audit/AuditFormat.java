package dev.dbguard.core.audit;

import java.util.Locale;

/** How the default SLF4J sink writes an event. */
public enum AuditFormat {
    /** One human-readable line of {@code key=value} pairs. */
    TEXT,
    /** One JSON object per line, for log shippers. */
    JSON;

    /** Parses {@code text} or {@code json}, ignoring case. */
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
