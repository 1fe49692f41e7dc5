package dev.dbguard.core;

import dev.dbguard.core.sql.SessionChange;

import java.util.List;

/**
 * The engine's judgement of one SQL string for one {@link Target}.
 *
 * @param decision       what the caller must do
 * @param classification what the string is, independent of the mode
 * @param findings       every rule hit in the string, in statement order; empty when none
 * @param message        for {@link Decision#BLOCK}, the refusal message (starting {@code dbguard:}); else null
 * @param sessionChanges what the string changes in its session once it has run (see {@link SessionState#record})
 */
public record Verdict(Decision decision, Classification classification, List<Finding> findings, String message,
                      List<SessionChange> sessionChanges) {

    /**
     * Copies the lists.
     *
     * @param decision       what the caller must do
     * @param classification what the string is
     * @param findings       every rule hit; not null
     * @param message        the refusal message, or null
     * @param sessionChanges what the string changes in its session; not null
     */
    public Verdict {
        findings = List.copyOf(findings);
        sessionChanges = List.copyOf(sessionChanges);
    }

    /** A verdict on a string that changes nothing in its session. */
    Verdict(Decision decision, Classification classification, List<Finding> findings, String message) {
        this(decision, classification, findings, message, List.of());
    }

    /** {@return the rule id of the first finding, or null when there is none} */
    public String ruleId() {
        return findings.isEmpty() ? null : findings.get(0).ruleId();
    }
}
