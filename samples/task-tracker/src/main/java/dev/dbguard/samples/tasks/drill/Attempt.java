package dev.dbguard.samples.tasks.drill;

import java.util.List;

/**
 * One thing the drill tried.
 *
 * @param what     what was attempted, e.g. {@code DELETE /admin/tasks -> DELETE FROM tasks}
 * @param outcome  refused, audited, ran or failed
 * @param rules    the rules that flagged its statements, in order, without repeats
 * @param flagged  how many of its statements were flagged (refused or audited)
 * @param detail   what the code that made the attempt saw, e.g. {@code HTTP 403} or the exception it got
 */
record Attempt(String what, Outcome outcome, List<String> rules, int flagged, String detail) {

    Attempt {
        rules = List.copyOf(rules);
    }
}
