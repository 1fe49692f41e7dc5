package dev.dbguard.core.audit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Keeps the most recent refused and audit-mode events (what was refused, or would have been in {@code block} mode)
 * in memory, for a health or actuator endpoint. Overridden and allow-listed events are ignored: they ran on
 * purpose. Thread-safe; the oldest event is dropped when full.
 */
public final class RecentRefusals implements AuditSink {

    /** How many events are kept unless told otherwise. */
    public static final int DEFAULT_CAPACITY = 50;

    private final Object lock = new Object();
    private final AuditEvent[] ring;
    /** Events ever kept; the next one goes to {@code ring[kept % ring.length]}. Guarded by {@link #lock}. */
    private long kept;

    /** Keeps the last {@value #DEFAULT_CAPACITY} events. */
    public RecentRefusals() {
        this(DEFAULT_CAPACITY);
    }

    /**
     * Keeps the last {@code capacity} events.
     *
     * @param capacity how many events are kept at most
     * @throws IllegalArgumentException if {@code capacity} is below 1
     */
    public RecentRefusals(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("dbguard recent refusals capacity must be at least 1: " + capacity);
        }
        this.ring = new AuditEvent[capacity];
    }

    @Override
    public void accept(AuditEvent event) {
        if (event.outcome() != Outcome.REFUSED && event.outcome() != Outcome.AUDITED) {
            return;
        }
        synchronized (lock) {
            ring[(int) (kept % ring.length)] = event;
            kept++;
        }
    }

    /** {@return the kept events, newest first} An immutable copy, at most {@link #capacity()} long. */
    public List<AuditEvent> snapshot() {
        synchronized (lock) {
            int size = (int) Math.min(kept, ring.length);
            List<AuditEvent> newestFirst = new ArrayList<>(size);
            for (long i = kept - 1; i >= kept - size; i--) {
                newestFirst.add(ring[(int) (i % ring.length)]);
            }
            return Collections.unmodifiableList(newestFirst);
        }
    }

    /** {@return how many events this keeps at most} */
    public int capacity() {
        return ring.length;
    }
}
