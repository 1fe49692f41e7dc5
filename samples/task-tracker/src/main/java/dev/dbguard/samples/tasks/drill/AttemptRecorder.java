package dev.dbguard.samples.tasks.drill;

import dev.dbguard.core.BlockedStatementException;
import dev.dbguard.core.audit.AuditEvent;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Runs the attempts of one accident and tells, from the audit events each one caused, what became of it. */
final class AttemptRecorder {

    /** One attempt: returns what its caller saw when it went through, throws what its caller got when not. */
    @FunctionalInterface
    interface Action {
        String run() throws Exception;
    }

    private final AuditRecorder audit;
    private final List<Attempt> attempts = new ArrayList<>();

    AttemptRecorder(AuditRecorder audit) {
        this.audit = audit;
    }

    /** Runs {@code action}, described as {@code what}, and records what became of it. */
    void attempt(String what, Action action) {
        audit.drain();
        String detail;
        Exception failure = null;
        try {
            detail = action.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            failure = e;
            detail = "threw " + e.getClass().getSimpleName();
        }
        List<AuditEvent> events = audit.drain();
        Set<String> rules = new LinkedHashSet<>();
        boolean refused = false;
        for (AuditEvent event : events) {
            rules.add(event.ruleId());
            refused |= event.outcome() == dev.dbguard.core.audit.Outcome.REFUSED;
        }
        Outcome outcome;
        if (refused) {
            outcome = Outcome.REFUSED;
        } else if (!events.isEmpty()) {
            outcome = Outcome.AUDITED;
        } else if (failure != null) {
            outcome = Outcome.FAILED;
            detail += ": " + rootMessage(failure);
        } else {
            outcome = Outcome.RAN;
        }
        if (failure != null && refused && !(rootCause(failure) instanceof BlockedStatementException)) {
            detail += " (" + rootMessage(failure) + ")";
        }
        attempts.add(new Attempt(what, outcome, List.copyOf(rules), events.size(), detail));
    }

    /** The attempts so far, in order. */
    List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String rootMessage(Throwable failure) {
        String message = String.valueOf(rootCause(failure).getMessage()).strip();
        int newline = message.indexOf('\n');
        message = newline < 0 ? message : message.substring(0, newline);
        return message.length() > 160 ? message.substring(0, 157) + "..." : message;
    }
}
