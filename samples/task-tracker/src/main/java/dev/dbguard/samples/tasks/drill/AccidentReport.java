package dev.dbguard.samples.tasks.drill;

import java.util.List;

/**
 * One accident replayed in one pass.
 *
 * @param number   its number in the drill, from 1
 * @param title    what happened, in one line
 * @param attempts what was tried, in order
 * @param logLines the lines dbguard logged meanwhile ({@code LEVEL logger message})
 * @param before   the tables before
 * @param after    the tables after
 */
record AccidentReport(int number, String title, List<Attempt> attempts, List<String> logLines, Snapshot before,
                      Snapshot after) {

    AccidentReport {
        attempts = List.copyOf(attempts);
        logLines = List.copyOf(logLines);
    }

    /** Whether every row and column is still there. */
    boolean unchanged() {
        return before.equals(after);
    }

    /** Whether dbguard refused every attempt and every row and column is still there. */
    boolean held() {
        return unchanged() && attempts.stream().allMatch(attempt -> attempt.outcome() == Outcome.REFUSED);
    }
}
