package dev.dbguard.core.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;

/**
 * The default sink: writes each event as one line to the SLF4J logger {@value #LOGGER_NAME}, at WARN for
 * {@link Outcome#REFUSED} and at INFO for the other outcomes, in the {@link AuditFormat} given (see
 * {@link AuditEvents#format} for both shapes).
 *
 * <p>With an audit window, {@link Outcome#AUDITED} events are throttled: one line per distinct statement (data
 * source and fingerprint) per window, and the next line after held-back repeats says so, e.g.
 * {@code (+41 similar in the last 75s)}. Refusals, overrides and allow-listed statements are always logged.
 * The sink still receives every event; only its log lines are throttled.
 */
public final class Slf4jAuditSink implements AuditSink {

    /** The logger every audit line is written to; route or silence it in your logging configuration. */
    public static final String LOGGER_NAME = "dbguard.audit";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);

    private final AuditFormat format;
    private final AuditThrottle throttle;

    /**
     * A sink that logs every event, unthrottled.
     *
     * @param format the shape of each line; not null
     */
    public Slf4jAuditSink(AuditFormat format) {
        this(format, Duration.ZERO);
    }

    /**
     * A sink that logs audit-mode events once per distinct statement per {@code auditWindow}
     * ({@link Duration#ZERO}: every one).
     *
     * @param format      the shape of each line; not null
     * @param auditWindow how long repeats of a logged audit-mode statement are held back
     * @throws IllegalArgumentException if {@code auditWindow} is negative
     */
    public Slf4jAuditSink(AuditFormat format, Duration auditWindow) {
        this.format = Objects.requireNonNull(format, "format");
        this.throttle = new AuditThrottle(auditWindow);
    }

    @Override
    public void accept(AuditEvent event) {
        if (event.outcome() == Outcome.REFUSED) {
            if (LOG.isWarnEnabled()) {
                LOG.warn(AuditEvents.format(event, format));
            }
            return;
        }
        if (!LOG.isInfoEnabled()) {
            return;
        }
        AuditThrottle.Admission admission = event.outcome() == Outcome.AUDITED
                ? throttle.admit(event.dataSource(), event.fingerprint(), event.time())
                : AuditThrottle.Admission.FIRST;
        if (admission.emit()) {
            LOG.info(AuditEvents.format(event, format, admission));
        }
    }

    @Override
    public String toString() {
        return "Slf4jAuditSink[" + format + ", window " + throttle.window() + "]";
    }
}
