package dev.dbguard.core.internal;

/**
 * Escapes text for a one-line log record. Statement text is attacker-influenced (a quoted identifier or a string
 * literal kept when redaction is off can hold anything), so every character a log viewer or shipper could take as a
 * line break, or that could reorder what a reader sees, is written as an escape instead. The one JSON string writer
 * of every module: audit events, the scanner's reports, the proxy's admin pages.
 */
public final class LogEscaper {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private LogEscaper() {
    }

    /**
     * Appends {@code text} escaped for the inside of a double-quoted string: the result is valid JSON string content
     * and never holds a line terminator.
     */
    public static StringBuilder appendQuotable(StringBuilder out, String text) {
        return append(out, text, true);
    }

    /** Appends {@code text} with only the line-unsafe characters escaped; quotes and backslashes stay as written. */
    public static StringBuilder appendLineSafe(StringBuilder out, String text) {
        return append(out, text, false);
    }

    /** Appends {@code value} as a JSON string literal, quotes included ({@code null} for null), on one line. */
    public static StringBuilder appendJsonString(StringBuilder out, String value) {
        if (value == null) {
            return out.append("null");
        }
        return appendQuotable(out.append('"'), value).append('"');
    }

    /** Whether {@code text} holds a character that {@link #appendQuotable} would escape. */
    public static boolean needsEscaping(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\' || isLineUnsafe(c)) {
                if (isPairedSurrogate(text, i)) {
                    i++;
                    continue;
                }
                return true;
            }
        }
        return false;
    }

    private static StringBuilder append(StringBuilder out, String text, boolean escapeQuotes) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (escapeQuotes && (c == '"' || c == '\\')) {
                out.append('\\').append(c);
            } else if (!isLineUnsafe(c)) {
                out.append(c);
            } else if (isPairedSurrogate(text, i)) {
                out.append(c).append(text.charAt(++i));
            } else {
                appendEscape(out, c);
            }
        }
        return out;
    }

    private static void appendEscape(StringBuilder out, char c) {
        switch (c) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> out.append("\\u")
                    .append(HEX[(c >> 12) & 0xF])
                    .append(HEX[(c >> 8) & 0xF])
                    .append(HEX[(c >> 4) & 0xF])
                    .append(HEX[c & 0xF]);
        }
    }

    /**
     * C0 and C1 controls (C1 holds NEL, U+0085), DEL, the Unicode line and paragraph separators, bidirectional
     * embedding/override/isolate controls (they make a line read differently from what it holds), and surrogates
     * (a valid pair is let through by the caller; a lone one would turn into garbage in UTF-8).
     */
    private static boolean isLineUnsafe(char c) {
        return c < 0x20
                || (c >= 0x7F && c <= 0x9F)
                || c == '\u2028' || c == '\u2029'
                || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069')
                || Character.isSurrogate(c);
    }

    private static boolean isPairedSurrogate(String text, int i) {
        return Character.isHighSurrogate(text.charAt(i))
                && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1));
    }
}
