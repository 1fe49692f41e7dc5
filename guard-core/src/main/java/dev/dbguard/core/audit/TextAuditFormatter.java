package dev.dbguard.core.audit;

import dev.dbguard.core.internal.LogEscaper;

import java.time.Duration;

/**
 * Writes an event as one line for people: a sentence first, then {@code key=value} pairs, e.g.
 * {@code REFUSED truncate on orders in production (system property dbguard.env), mode=block, datasource=orders,
 * caller=com.acme.Admin.purge(Admin.java:42), fingerprint=3f2a9c0d, sql="TRUNCATE orders"}.
 *
 * <p>The pairs are exact: a value holding a space, comma, {@code =}, quote, backslash or escaped character is
 * double-quoted with {@code \"}, {@code \\}, {@code \n}, {@code \r}, {@code \t} and {@code \}{@code uXXXX} escapes;
 * {@code sql} and {@code reason} are always quoted. The sentence is for reading; it escapes only characters that
 * could break the line.
 */
final class TextAuditFormatter {

    private TextAuditFormatter() {
    }

    static String format(AuditEvent event, AuditThrottle.Admission repeats) {
        StringBuilder out = new StringBuilder(160 + event.sql().length());
        out.append(event.outcome().name()).append(' ');
        LogEscaper.appendLineSafe(out, event.ruleId());
        if (!event.objects().isEmpty()) {
            out.append(" on ");
            LogEscaper.appendLineSafe(out, String.join(", ", event.objects()));
        }
        out.append(" in ");
        LogEscaper.appendLineSafe(out, event.environment());
        out.append(" (");
        LogEscaper.appendLineSafe(out, event.environmentSource());
        out.append(')');
        if (repeats.suppressed() > 0) {
            out.append(" (+").append(repeats.suppressed()).append(" similar in the last ")
                    .append(shortDuration(repeats.sincePrevious())).append(')');
        }
        pair(out, "mode", event.mode().id());
        pair(out, "datasource", event.dataSource());
        pair(out, "caller", event.caller());
        pair(out, "fingerprint", event.fingerprint());
        if (!event.parsed()) {
            pair(out, "parsed", "false");
        }
        if (event.reason() != null) {
            quotedPair(out, "reason", event.reason());
        }
        if (event.finding() != null) {
            // The reason in words, since the redacted sql may no longer show it (WHERE ?=?).
            quotedPair(out, "finding", event.finding());
        }
        quotedPair(out, "sql", event.sql());
        return out.toString();
    }

    private static void pair(StringBuilder out, String key, String value) {
        if (needsQuotes(value)) {
            quotedPair(out, key, value);
        } else {
            out.append(", ").append(key).append('=').append(value);
        }
    }

    private static void quotedPair(StringBuilder out, String key, String value) {
        out.append(", ").append(key).append("=\"");
        LogEscaper.appendQuotable(out, value).append('"');
    }

    private static boolean needsQuotes(String value) {
        if (value.isEmpty() || LogEscaper.needsEscaping(value)) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == ',' || c == '=') {
                return true;
            }
        }
        return false;
    }

    /** {@code 750ms}, {@code 75s}, {@code 90m}, {@code 5h}, {@code 3d}: short enough for a log line. */
    static String shortDuration(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1_000) {
            return millis + "ms";
        }
        long seconds = duration.toSeconds();
        if (seconds < 120) {
            return seconds + "s";
        }
        if (seconds < 120 * 60) {
            return seconds / 60 + "m";
        }
        if (seconds < 48 * 3600) {
            return seconds / 3600 + "h";
        }
        return seconds / 86_400 + "d";
    }
}
