package dev.dbguard.core;

/** Rule ids that are not catalog rules. */
final class Rules {

    /** Refusal of a write by {@link Mode#READ_ONLY}. */
    static final String READ_ONLY = "read-only";

    private Rules() {
    }
}
