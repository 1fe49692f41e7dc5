package dev.dbguard.core.env;

/** The protection class of an environment; it chooses the default {@link dev.dbguard.core.Mode}. */
public enum Tier {
    /** Real users' data: statements flagged by a rule are refused by default. */
    PRODUCTION,
    /** A copy close to production: flagged statements run and are audited by default. */
    STAGING,
    /** A developer's own database: the guard is off by default. */
    DEVELOPMENT,
    /** Automated tests: the guard is off by default. */
    TEST
}
