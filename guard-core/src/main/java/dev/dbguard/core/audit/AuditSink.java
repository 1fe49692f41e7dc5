package dev.dbguard.core.audit;

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

    /** Handles one event. */
    void accept(AuditEvent event);
}
