package dev.dbguard.scan;

/** How bad a finding is: what production would do with the statement. */
enum Severity {
    /** Production would refuse the statement (the runtime's {@code Decision.BLOCK}); also a malformed suppression. */
    ERROR("error"),
    /** Production would run it and audit it (allow-listed, audit mode or an audit policy). */
    WARNING("warning");

    private final String id;

    Severity(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }
}
