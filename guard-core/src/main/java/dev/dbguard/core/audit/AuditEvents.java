package dev.dbguard.core.audit;

import java.util.Objects;

/** Renders audit events as the one-line records the built-in SLF4J sink writes, for sinks of your own. */
final class AuditEvents {

    private AuditEvents() {
    }

    /**
     * The event as one line, without a line terminator; no character of the statement, the objects or the reason
     * can break it (line breaks, control characters and Unicode separators are escaped).
     *
     * <p>{@link AuditFormat#TEXT}: a sentence, then {@code key=value} pairs:
     * <pre>{@code
     * REFUSED truncate on orders in production (system property dbguard.env), mode=block, datasource=orders, caller=com.acme.Admin.purge(Admin.java:42), fingerprint=3f2a9c0d, sql="TRUNCATE orders"
     * }</pre>
     * <p>{@link AuditFormat#JSON}: one object with the fields {@code time} (UTC, millisecond precision),
     * {@code outcome}, {@code rule}, {@code environment}, {@code environmentSource}, {@code mode},
     * {@code dataSource}, {@code objects} (array), {@code caller}, {@code fingerprint}, {@code parsed},
     * {@code reason} ({@code null} unless overridden), {@code suppressed} (similar events held back before this one,
     * 0 here), {@code finding} (what the statement does, in words: {@code DELETE FROM tasks with a WHERE
     * that does not restrict the rows of tasks}; {@code null} when not known) and {@code sql}, always all present and in that order.
     */
    public static String format(AuditEvent event, AuditFormat format) {
        return format(event, format, AuditThrottle.Admission.FIRST);
    }

    static String format(AuditEvent event, AuditFormat format, AuditThrottle.Admission repeats) {
        Objects.requireNonNull(event, "event");
        return switch (Objects.requireNonNull(format, "format")) {
            case TEXT -> TextAuditFormatter.format(event, repeats);
            case JSON -> JsonAuditFormatter.format(event, repeats);
        };
    }
}
