package dev.dbguard.core;

import dev.dbguard.core.internal.LexicalRules;

import java.util.List;

/**
 * How a session's text is read now, for the JDBC wiring tests: they check what the JDBC layer told the session (the
 * settings it read from the server), independently of how the engine then reads text with it.
 */
public final class SessionReadings {

    private SessionReadings() {
    }

    public static List<LexicalRules> of(SessionState session) {
        return List.of(session.readings());
    }
}
