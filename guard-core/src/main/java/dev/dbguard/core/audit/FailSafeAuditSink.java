package dev.dbguard.core.audit;

import dev.dbguard.core.internal.LogEscaper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Hands each event to every sink in turn; a sink that throws is reported in one WARN line and skipped. */
final class FailSafeAuditSink implements AuditSink {

    private static final Logger LOG = LoggerFactory.getLogger(Slf4jAuditSink.LOGGER_NAME);

    private final List<AuditSink> sinks;

    FailSafeAuditSink(List<AuditSink> sinks) {
        this.sinks = List.copyOf(sinks);
    }

    @Override
    public void accept(AuditEvent event) {
        for (AuditSink sink : sinks) {
            try {
                sink.accept(event);
            } catch (RuntimeException | LinkageError failure) {
                report(sink, event, failure);
            }
        }
    }

    private static void report(AuditSink sink, AuditEvent event, Throwable failure) {
        try {
            if (LOG.isWarnEnabled()) {
                StringBuilder line = new StringBuilder(200)
                        .append("Audit sink ").append(sink.getClass().getName())
                        .append(" failed and was skipped for one ").append(event.outcome().name()).append(' ');
                LogEscaper.appendLineSafe(line, event.ruleId()).append(" event on data source ");
                LogEscaper.appendLineSafe(line, event.dataSource()).append(": ");
                LogEscaper.appendLineSafe(line, String.valueOf(failure))
                        .append(". The statement was still handled as decided and the other sinks ran;"
                                + " fix the sink (stack trace at DEBUG on logger " + Slf4jAuditSink.LOGGER_NAME + ")");
                LOG.warn(line.toString());
            }
            LOG.debug("Audit sink {} failed", sink.getClass().getName(), failure);
        } catch (RuntimeException loggingFailed) {
            // The logging backend itself is broken; the application must still not notice.
        }
    }

    @Override
    public String toString() {
        return "AuditSink.safely" + sinks;
    }
}
