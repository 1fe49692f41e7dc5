package dev.dbguard.samples.tasks.drill;

import dev.dbguard.core.audit.AuditEvent;
import dev.dbguard.core.audit.AuditSink;

import java.util.ArrayList;
import java.util.List;

/** An {@link AuditSink} that keeps the events since it was last drained, so the drill can tell what each attempt did. */
final class AuditRecorder implements AuditSink {

    private final List<AuditEvent> events = new ArrayList<>();

    @Override
    public synchronized void accept(AuditEvent event) {
        events.add(event);
    }

    /** The events received since the last call, oldest first. */
    synchronized List<AuditEvent> drain() {
        List<AuditEvent> drained = List.copyOf(events);
        events.clear();
        return drained;
    }
}
