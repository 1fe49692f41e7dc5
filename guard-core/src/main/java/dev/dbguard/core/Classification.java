package dev.dbguard.core;

/** What a SQL string is, as far as the rules are concerned; independent of environment and mode. */
public enum Classification {
    /** No rule matches, and every statement was understood (pre-filtered or parsed). */
    SAFE,
    /** Parsed, and at least one rule matches. */
    DESTRUCTIVE,
    /** Not parsed, and the scanner found a destructive command: verdict {@code unparsed-destructive}. */
    UNPARSED_DESTRUCTIVE,
    /** Not parsed, and the scanner found nothing destructive: allowed, counted as unparsed. */
    UNPARSED
}
