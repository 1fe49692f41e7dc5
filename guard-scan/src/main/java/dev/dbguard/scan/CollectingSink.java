package dev.dbguard.scan;

import dev.dbguard.core.audit.AuditEvent;
import dev.dbguard.core.audit.AuditSink;

import java.util.ArrayList;
import java.util.List;

/**
 * The audit sink of the scan's guard: the runtime hands every hit (refused, audited, allow-listed, overridden) to its
 * sink one finding at a time, so collecting them gives each finding exactly the outcome production would give it.
 * Per thread, so that files may later be scanned in parallel.
 */
final class CollectingSink implements AuditSink {

    private final ThreadLocal<List<AuditEvent>> events = ThreadLocal.withInitial(ArrayList::new);

    @Override
    public void accept(AuditEvent event) {
        events.get().add(event);
    }

    /** The events since the last call, and a fresh start. */
    List<AuditEvent> drain() {
        List<AuditEvent> list = events.get();
        List<AuditEvent> copy = List.copyOf(list);
        list.clear();
        return copy;
    }
}
