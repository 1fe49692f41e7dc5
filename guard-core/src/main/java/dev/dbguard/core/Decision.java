package dev.dbguard.core;

/** What the caller must do with a statement. */
public enum Decision {
    /** Run it; nothing to report. */
    ALLOW,
    /** Run it, and an audit event has been (or is to be) emitted. */
    AUDIT,
    /** Do not run it: throw the {@link BlockedStatementException}. */
    BLOCK
}
