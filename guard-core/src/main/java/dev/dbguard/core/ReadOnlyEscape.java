package dev.dbguard.core;

import dev.dbguard.core.sql.AnalyzedStatement;
import dev.dbguard.core.sql.SessionChange;

import java.util.Locale;
import java.util.Set;

/**
 * What read-only mode refuses besides writes: a statement that would let the session write, by turning the server's
 * own read-only settings off ({@code SET default_transaction_read_only = off}, {@code SET transaction_read_only},
 * {@code BEGIN ... READ WRITE}, {@code SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE}, {@code RESET} of
 * them, {@code RESET ALL}, {@code DISCARD ALL}, {@code set_config(...)} of them or of a setting named at run time).
 * A change to a value not known before the statement runs counts as turning them off; setting them on passes.
 */
final class ReadOnlyEscape {

    /** The settings that keep a session read-only: PostgreSQL's and MySQL's. */
    private static final Set<String> SETTINGS = Set.of("default_transaction_read_only", "transaction_read_only",
            "tx_read_only");

    /** The spellings of true that PostgreSQL ({@code parse_bool}) and MySQL accept. */
    private static final Set<String> TRUE = Set.of("on", "true", "yes", "1", "t", "tr", "tru", "y", "ye");

    private ReadOnlyEscape() {
    }

    /** The first change of {@code statement} that could turn read-only off, or null. */
    static SessionChange of(AnalyzedStatement statement) {
        for (SessionChange change : statement.sessionChanges()) {
            if (change.kind() == SessionChange.Kind.SETTING && change.name() != null
                    && SETTINGS.contains(change.name()) && !keepsReadOnly(change.value())) {
                return change;
            }
        }
        return null;
    }

    /** What the change does, for the refusal: {@code turns default_transaction_read_only off}. */
    static String describe(SessionChange change) {
        if (change.value() == null) {
            return "sets " + change.name() + " to a value known only when it runs";
        }
        return change.value().equalsIgnoreCase("DEFAULT") ? "resets " + change.name() + " to its default"
                : "sets " + change.name() + " to " + change.value();
    }

    private static boolean keepsReadOnly(String value) {
        return value != null && TRUE.contains(value.trim().toLowerCase(Locale.ROOT));
    }
}
