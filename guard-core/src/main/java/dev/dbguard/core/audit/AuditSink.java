package dev.dbguard.core.audit;

import java.util.List;

/**
 * Receives every audit event: each refusal, each audit-mode hit, each statement let through by an override or an
 * allow-list entry.
 *
 * <p>Implementations must be thread-safe and fast, since they run on the thread that executes the statement; an
 * exception thrown by a sink is logged and swallowed, so a broken sink never blocks or breaks the application.
 */
@FunctionalInterface
public interface AuditSink {

    /** A sink that drops every event. */
    AuditSink NONE = event -> { };

    /**
     * Handles one event, on the thread that runs the statement (for a refusal, before the exception is thrown).
     *
     * @param event the event; never null
     */
    void accept(AuditEvent event);

    /**
     * A sink that hands each event to {@code sinks} in order. When one throws, the failure is logged in one WARN
     * line on logger {@code dbguard.audit} (stack trace at DEBUG) and the remaining sinks still run; the caller
     * never sees the exception.
     *
     * @param sinks the sinks, called in this order
     * @return a sink that never throws
     * @throws NullPointerException if {@code sinks} or one of its elements is null

     */
    static AuditSink safely(AuditSink... sinks) {
        return new FailSafeAuditSink(List.of(sinks));
    }
}
