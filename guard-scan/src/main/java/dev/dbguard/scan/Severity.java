package dev.dbguard.scan;

/** How bad a finding is: what production would do with the statement. */
public enum Severity {
    /** Production would refuse the statement (the runtime's {@code Decision.BLOCK}); also a malformed suppression. */
    ERROR("error"),
    /** Production would run it and audit it (allow-listed, audit mode or an audit policy). */
    WARNING("warning");

    private final String id;

    Severity(String id) {
        this.id = id;
    }

    /** How reports name it: {@code error} or {@code warning}. */
    public String id() {
        return id;
    }
}
