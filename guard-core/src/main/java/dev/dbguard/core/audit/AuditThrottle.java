package dev.dbguard.core.audit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Lets one event per distinct statement through per time window, so a flagged statement that an application runs
 * a thousand times a minute in audit mode writes one log line a minute, not a thousand. A statement is a
 * (data source, fingerprint) pair; repeats inside the window are counted, and the next event let through reports
 * how many were held back.
 *
 * <p>Time is passed in, not read from a clock. Memory is bounded: at most {@code maximumStatements} statements are
 * tracked, the least useful forgotten first; a forgotten statement's next event is let through as a first one.
 * Thread-safe.
 */
final class AuditThrottle {

    /** How many distinct statements are tracked unless told otherwise. */
    public static final long DEFAULT_MAXIMUM_STATEMENTS = 10_000;

    private final Duration window;
    /** Null when the window is zero: nothing to remember then. */
    private final Cache<Statement, OpenWindow> windows;

    /**
     * A throttle tracking up to {@link #DEFAULT_MAXIMUM_STATEMENTS} statements.
     *
     * @param window how long repeats of a let-through statement are held back; {@link Duration#ZERO} lets every
     *               event through
     * @throws IllegalArgumentException if {@code window} is negative
     */
    public AuditThrottle(Duration window) {
        this(window, DEFAULT_MAXIMUM_STATEMENTS);
    }

    /**
     * A throttle tracking up to {@code maximumStatements} statements.
     *
     * @throws IllegalArgumentException if {@code window} is negative or {@code maximumStatements} is below 1
     */
    public AuditThrottle(Duration window, long maximumStatements) {
        Objects.requireNonNull(window, "window");
        if (window.isNegative()) {
            throw new IllegalArgumentException("dbguard audit window must not be negative: " + window);
        }
        if (maximumStatements < 1) {
            throw new IllegalArgumentException("dbguard audit throttle must track at least 1 statement: " + maximumStatements);
        }
        this.window = window;
        // No time-based expiry: it would run on Caffeine's clock rather than the time passed in, and would drop
        // the count of held-back repeats that the next line is meant to report. The size bound caps memory.
        this.windows = window.isZero() ? null : Caffeine.newBuilder().maximumSize(maximumStatements).build();
    }

    /** The window this throttle was built with. */
    public Duration window() {
        return window;
    }

    /**
     * Whether the event for this statement at {@code now} should be emitted: true for the first one in a window,
     * false for repeats (which are counted for the next {@link #admit}).
     */
    public boolean shouldEmit(String dataSource, String fingerprint, Instant now) {
        return admit(dataSource, fingerprint, now).emit();
    }

    /**
     * Decides like {@link #shouldEmit} and, when the event is to be emitted, says how many repeats were held back
     * since the previous emitted event of the same statement.
     */
    public Admission admit(String dataSource, String fingerprint, Instant now) {
        Statement statement = new Statement(
                Objects.requireNonNull(dataSource, "dataSource"), Objects.requireNonNull(fingerprint, "fingerprint"));
        Objects.requireNonNull(now, "now");
        if (windows == null) {
            return Admission.FIRST;
        }
        Admission[] decided = new Admission[1];
        windows.asMap().compute(statement, (key, open) -> {
            if (open == null) {
                decided[0] = Admission.FIRST;
                return new OpenWindow(now, 0);
            }
            Duration elapsed = Duration.between(open.start(), now);
            if (elapsed.compareTo(window) >= 0) {
                decided[0] = new Admission(true, open.heldBack(), elapsed);
                return new OpenWindow(now, 0);
            }
            decided[0] = Admission.HELD_BACK;
            return new OpenWindow(open.start(), open.heldBack() + 1);
        });
        return decided[0];
    }

    /** How many statements are tracked now; for tests of the memory bound. */
    long trackedStatements() {
        if (windows == null) {
            return 0;
        }
        windows.cleanUp();
        return windows.estimatedSize();
    }

    /**
     * What {@link #admit} decided.
     *
     * @param emit            whether to emit this event
     * @param suppressed      when emitting: how many events of the same statement were held back since the previous
     *                        emitted one (0 for the first); when not emitting: 0
     * @param sincePrevious   when emitting a statement emitted before: the time since that previous event;
     *                        otherwise {@link Duration#ZERO}
     */
    public record Admission(boolean emit, long suppressed, Duration sincePrevious) {

        static final Admission FIRST = new Admission(true, 0, Duration.ZERO);
        static final Admission HELD_BACK = new Admission(false, 0, Duration.ZERO);

        public Admission {
            Objects.requireNonNull(sincePrevious, "sincePrevious");
        }
    }

    private record Statement(String dataSource, String fingerprint) {
    }

    private record OpenWindow(Instant start, long heldBack) {
    }
}
