package dev.dbguard.spring;

import dev.dbguard.core.audit.AuditEvent;
import dev.dbguard.core.audit.AuditSink;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An application's own audit sink, as a bean: keeps every event it is told about. */
final class RecordingAuditSink implements AuditSink {

    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void accept(AuditEvent event) {
        events.add(event);
    }

    List<AuditEvent> events() {
        return List.copyOf(events);
    }

    void clear() {
        events.clear();
    }
}
