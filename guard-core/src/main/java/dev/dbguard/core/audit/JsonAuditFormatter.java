package dev.dbguard.core.audit;

import dev.dbguard.core.internal.LogEscaper;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes an event as one JSON object on one line, for log shippers. Field names and order are fixed, every field is
 * always present ({@code reason} and {@code finding} are {@code null} when there is none), and strings are escaped so that no character
 * of the statement can end the line. Hand-written: the event is flat and small, not worth a JSON library in core.
 */
final class JsonAuditFormatter {

    /** Fixed millisecond precision, unlike {@code Instant.toString()}, so the field sorts and parses uniformly. */
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private JsonAuditFormatter() {
    }

    static String format(AuditEvent event, AuditThrottle.Admission repeats) {
        StringBuilder out = new StringBuilder(320 + event.sql().length());
        out.append('{');
        string(out, "time", TIME.format(event.time())).append(',');
        string(out, "outcome", event.outcome().name()).append(',');
        string(out, "rule", event.ruleId()).append(',');
        string(out, "environment", event.environment()).append(',');
        string(out, "environmentSource", event.environmentSource()).append(',');
        string(out, "mode", event.mode().id()).append(',');
        string(out, "dataSource", event.dataSource()).append(',');
        name(out, "objects").append('[');
        for (int i = 0; i < event.objects().size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            value(out, event.objects().get(i));
        }
        out.append("],");
        string(out, "caller", event.caller()).append(',');
        string(out, "fingerprint", event.fingerprint()).append(',');
        name(out, "parsed").append(event.parsed()).append(',');
        string(out, "reason", event.reason()).append(',');
        name(out, "suppressed").append(repeats.suppressed()).append(',');
        string(out, "finding", event.finding()).append(',');
        string(out, "sql", event.sql());
        return out.append('}').toString();
    }

    private static StringBuilder string(StringBuilder out, String name, String value) {
        return value(name(out, name), value);
    }

    private static StringBuilder name(StringBuilder out, String name) {
        return out.append('"').append(name).append("\":");
    }

    private static StringBuilder value(StringBuilder out, String value) {
        return LogEscaper.appendJsonString(out, value);
    }
}
