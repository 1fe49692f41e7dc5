package dev.dbguard.core.audit;

/** What happened to a statement that an audit event reports. */
public enum Outcome {
    /** Refused: it never reached the database. */
    REFUSED,
    /** A rule flagged it but it ran, because the mode is {@code audit}. */
    AUDITED,
    /** A rule flagged it but it ran, because a programmatic override with a reason allowed it. */
    OVERRIDDEN,
    /** A rule flagged it but it ran, because an allow-list entry in the configuration matched it. */
    ALLOW_LISTED
}
