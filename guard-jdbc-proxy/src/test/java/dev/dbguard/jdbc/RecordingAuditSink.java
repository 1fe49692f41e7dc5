package dev.dbguard.jdbc;

import dev.dbguard.core.audit.AuditEvent;
import dev.dbguard.core.audit.AuditSink;
import dev.dbguard.core.audit.Outcome;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every audit event, for tests to read. */
final class RecordingAuditSink implements AuditSink {

    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void accept(AuditEvent event) {
        events.add(event);
    }

    List<AuditEvent> events() {
        return events;
    }

    /** The events as {@code outcome rule}, e.g. {@code REFUSED truncate}, oldest first. */
    List<String> outcomes() {
        return events.stream().map(e -> e.outcome() + " " + e.ruleId()).toList();
    }

    long count(Outcome outcome) {
        return events.stream().filter(e -> e.outcome() == outcome).count();
    }
}
