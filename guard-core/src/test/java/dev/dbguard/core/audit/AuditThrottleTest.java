package dev.dbguard.core.audit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditThrottleTest {

    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

    /** Seconds after T0, data source, fingerprint; then: emitted?, repeats reported, over how many seconds. */
    private static final String SEQUENCE = """
            first of a statement is emitted         | 0   | orders  | f1 | true  | 0 | 0
            repeat inside the window is held back    | 1   | orders  | f1 | false | 0 | 0
            another repeat is held back              | 59  | orders  | f1 | false | 0 | 0
            other fingerprint is its own statement   | 2   | orders  | f2 | true  | 0 | 0
            same fingerprint, other data source      | 3   | billing | f1 | true  | 0 | 0
            window end emits and reports repeats     | 60  | orders  | f1 | true  | 2 | 60
            new window holds back again              | 61  | orders  | f1 | false | 0 | 0
            out-of-order earlier time is held back   | 50  | orders  | f1 | false | 0 | 0
            after a quiet spell, reports the count   | 400 | orders  | f1 | true  | 2 | 340
            quiet statement without repeats          | 500 | orders  | f2 | true  | 0 | 498
            """;

    /** The rows are steps against one throttle, so they run in one test, in order. */
    @Test
    void oneLinePerStatementPerWindow() {
        AuditThrottle throttle = new AuditThrottle(Duration.ofSeconds(60));

        for (String row : SEQUENCE.strip().split("\n")) {
            String[] cell = row.split("\\|");
            AuditThrottle.Admission admission = throttle.admit(
                    cell[2].strip(), cell[3].strip(), T0.plusSeconds(Long.parseLong(cell[1].strip())));

            assertThat(admission).as(cell[0].strip()).isEqualTo(new AuditThrottle.Admission(
                    Boolean.parseBoolean(cell[4].strip()), Long.parseLong(cell[5].strip()),
                    Duration.ofSeconds(Long.parseLong(cell[6].strip()))));
        }
    }

    @Test
    void zeroWindowEmitsEveryEventAndRemembersNothing() {
        AuditThrottle throttle = new AuditThrottle(Duration.ZERO);

        for (int i = 0; i < 5; i++) {
            assertThat(throttle.shouldEmit("orders", "f1", T0)).isTrue();
        }
        assertThat(throttle.trackedStatements()).isZero();
    }

    @Test
    void shouldEmitAgreesWithAdmit() {
        AuditThrottle throttle = new AuditThrottle(Duration.ofMinutes(1));

        assertThat(throttle.shouldEmit("orders", "f1", T0)).isTrue();
        assertThat(throttle.shouldEmit("orders", "f1", T0.plusSeconds(30))).isFalse();
        assertThat(throttle.admit("orders", "f1", T0.plusSeconds(60)).suppressed()).isEqualTo(1);
    }

    @Test
    void tracksAtMostTheMaximumNumberOfStatements() {
        AuditThrottle throttle = new AuditThrottle(Duration.ofHours(1), 100);

        for (int i = 0; i < 10_000; i++) {
            throttle.admit("orders", "f" + i, T0);
        }

        assertThat(throttle.trackedStatements()).isBetween(1L, 100L);
    }

    @Test
    void concurrentRepeatsEmitOnceAndAreAllCounted() throws InterruptedException {
        AuditThrottle throttle = new AuditThrottle(Duration.ofMinutes(1));
        int threads = 8;
        int perThread = 2_000;
        AtomicInteger emitted = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        if (throttle.shouldEmit("orders", "hot", T0.plusMillis(i))) {
                            emitted.incrementAndGet();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            });
            worker.start();
        }
        start.countDown();
        done.await();

        assertThat(emitted).hasValue(1);
        assertThat(throttle.admit("orders", "hot", T0.plusSeconds(120)))
                .isEqualTo(new AuditThrottle.Admission(true, threads * perThread - 1, Duration.ofSeconds(120)));
    }

    @Test
    void rejectsNegativeWindowsAndEmptyBounds() {
        assertThatThrownBy(() -> new AuditThrottle(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> new AuditThrottle(Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }
}
