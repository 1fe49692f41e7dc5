package dev.dbguard.samples.tasks.drill;

/** What became of one attempt. */
enum Outcome {
    /** dbguard refused at least one of its statements; they never reached the database. */
    REFUSED,
    /** Its destructive statements ran, and dbguard wrote an audit event for each (audit mode). */
    AUDITED,
    /** It ran and nothing in it was flagged. */
    RAN,
    /** It failed for a reason of the database's or the tool's own, not dbguard's. */
    FAILED
}
