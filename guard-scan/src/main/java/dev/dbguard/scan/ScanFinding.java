package dev.dbguard.scan;

/**
 * One thing the scan reports.
 *
 * @param path        the file, relative to the working directory when under it, with {@code /} separators
 * @param line        1-based line of the statement's first character (or of the Liquibase change)
 * @param column      1-based column of that character
 * @param rule        the runtime rule id ({@code drop}, ...), or {@code dbguard-allow} (a malformed annotation) / {@code scan-error}
 * @param severity    error (production refuses) or warning (production audits)
 * @param message     for people: what the statement does and what production does with it
 * @param statement   the statement as judged (for a Liquibase refactoring, the SQL it stands for)
 * @param fingerprint the engine's fingerprint of the statement (stable over whitespace, literals and comments), for
 *                    baselines; empty for a file that could not be scanned
 */
public record ScanFinding(String path, int line, int column, String rule, Severity severity, String message,
                   String statement, String fingerprint) {

    /** {@return the finding as the text report prints it: {@code path:line:column: severity [rule] message}} */
    public String asText() {
        return path + ":" + line + ":" + column + ": " + severity.id() + " [" + rule + "] " + message;
    }

    /** The key a baseline accepts this finding by: not the line, which moves when a file is edited above it. */
    String baselineKey() {
        return rule + '\t' + path + '\t' + fingerprint;
    }
}
