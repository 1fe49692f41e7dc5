package dev.dbguard.core.audit;

import dev.dbguard.core.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecentRefusalsTest {

    @Test
    void keepsEventsNewestFirst() {
        RecentRefusals recent = new RecentRefusals();
        for (int i = 1; i <= 5; i++) {
            recent.accept(event(Outcome.REFUSED, "f" + i));
        }

        assertThat(fingerprints(recent.snapshot())).containsExactly("f5", "f4", "f3", "f2", "f1");
    }

    @Test
    void dropsTheOldestWhenFull() {
        RecentRefusals recent = new RecentRefusals(3);
        for (int i = 1; i <= 7; i++) {
            recent.accept(event(Outcome.REFUSED, "f" + i));
        }

        assertThat(fingerprints(recent.snapshot())).containsExactly("f7", "f6", "f5");
    }

    @Test
    void startsEmptyWithTheDefaultCapacity() {
        RecentRefusals recent = new RecentRefusals();

        assertThat(recent.snapshot()).isEmpty();
        assertThat(recent.capacity()).isEqualTo(50);
    }

    @ParameterizedTest
    @CsvSource({
            "REFUSED,      true",
            "AUDITED,      true",
            "OVERRIDDEN,   false",
            "ALLOW_LISTED, false",
    })
    void keepsWhatWasOrWouldHaveBeenRefused(Outcome outcome, boolean kept) {
        RecentRefusals recent = new RecentRefusals();

        recent.accept(event(outcome, "f"));

        assertThat(recent.snapshot()).hasSize(kept ? 1 : 0);
    }

    @Test
    void snapshotIsAnImmutableCopy() {
        RecentRefusals recent = new RecentRefusals();
        recent.accept(event(Outcome.REFUSED, "f1"));
        List<AuditEvent> snapshot = recent.snapshot();

        recent.accept(event(Outcome.REFUSED, "f2"));

        assertThat(fingerprints(snapshot)).containsExactly("f1");
        assertThatThrownBy(() -> snapshot.add(event(Outcome.REFUSED, "x")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsCapacityBelowOne() {
        assertThatThrownBy(() -> new RecentRefusals(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }

    @ParameterizedTest(name = "capacity {0}")
    @CsvSource({"50", "7999", "8000", "20000"})
    void concurrentWritersLoseNothingAndKeepEachThreadsOrder(int capacity) throws InterruptedException {
        int threads = 8;
        int perThread = 1_000;
        RecentRefusals recent = new RecentRefusals(capacity);
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            String thread = "t" + t;
            new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        recent.accept(event(Outcome.REFUSED, thread + ":" + i));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            }).start();
        }
        start.countDown();
        done.await();

        List<String> kept = fingerprints(recent.snapshot());
        assertThat(kept).hasSize(Math.min(capacity, threads * perThread));
        assertThat(new HashSet<>(kept)).hasSameSizeAs(kept);
        // The last N events overall hold, for each thread, that thread's newest events with none missing:
        // newest first, its sequence numbers run perThread-1, perThread-2, ... without a gap.
        Map<String, Integer> expectedNext = new HashMap<>();
        for (String fingerprint : kept) {
            String[] parts = fingerprint.split(":");
            int expected = expectedNext.getOrDefault(parts[0], perThread - 1);
            assertThat(Integer.parseInt(parts[1])).as(fingerprint).isEqualTo(expected);
            expectedNext.put(parts[0], expected - 1);
        }
    }

    static AuditEvent event(Outcome outcome, String fingerprint) {
        return new AuditEvent(Instant.EPOCH, "production", "default", Mode.BLOCK, outcome, "drop", List.of("t"),
                "DROP TABLE t", fingerprint, "main", "unknown", null, true);
    }

    private static List<String> fingerprints(List<AuditEvent> events) {
        return events.stream().map(AuditEvent::fingerprint).toList();
    }
}
