package dev.dbguard.spring;

import java.util.List;

/**
 * Stops a start, with {@code dbguard.dangerous-settings=fail}, before a framework sends the destructive SQL that a
 * setting asks for in production; {@link DangerousSettingFailureAnalyzer} explains it.
 */
final class DangerousSettingException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final List<String> lines;

    DangerousSettingException(List<String> lines) {
        super(String.join("\n", lines));
        this.lines = List.copyOf(lines);
    }

    /** One line per setting, each naming it, its origin, what it would do and what to set instead. */
    List<String> lines() {
        return lines;
    }
}
