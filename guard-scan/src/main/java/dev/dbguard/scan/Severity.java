package dev.dbguard.scan;

/** How bad a finding is: what production would do with the statement. */
public enum Severity {
    /** Production would refuse the statement (the runtime's {@code Decision.BLOCK}); also a malformed annotation. */
    ERROR("error", "error", "error"),
    /** Production would run it and audit it (allow-listed, audit mode or an audit policy). */
    WARNING("warning", "warning", "warning"),
    /** A {@code dbguard:allow} annotation lets it through: production runs it as an audited override. */
    NOTE("note", "note", "notice");

    private final String id;
    private final String sarifLevel;
    private final String githubCommand;

    Severity(String id, String sarifLevel, String githubCommand) {
        this.id = id;
        this.sarifLevel = sarifLevel;
        this.githubCommand = githubCommand;
    }

    /** {@return how reports name it: {@code error}, {@code warning} or {@code note}} */
    public String id() {
        return id;
    }

    /** The SARIF 2.1.0 {@code level} of a result of this severity. */
    String sarifLevel() {
        return sarifLevel;
    }

    /** The GitHub workflow command that annotates a line with this severity. */
    String githubCommand() {
        return githubCommand;
    }
}
