package dev.dbguard.core;

import dev.dbguard.core.audit.AuditEvent;
import dev.dbguard.core.audit.AuditSink;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every event, for assertions. */
final class RecordingSink implements AuditSink {

    final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void accept(AuditEvent event) {
        events.add(event);
    }
}
