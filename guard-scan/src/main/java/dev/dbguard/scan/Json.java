package dev.dbguard.scan;

import dev.dbguard.core.internal.LogEscaper;

/** The one thing the reports need of JSON: a string literal, written as audit events write theirs. */
final class Json {

    private Json() {
    }

    /** {@code value} as a JSON string literal on one line, {@code null} for null. */
    static String string(String value) {
        return LogEscaper.appendJsonString(new StringBuilder(), value).toString();
    }
}
