package dev.dbguard.core;

import dev.dbguard.core.audit.AuditEvent;
import dev.dbguard.core.audit.AuditSink;
import dev.dbguard.core.audit.CallerLocator;
import dev.dbguard.core.sql.AnalysisPath;
import dev.dbguard.core.internal.LexicalRules;
import dev.dbguard.core.internal.SqlFingerprint;
import dev.dbguard.core.internal.SqlRedactor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;

/**
 * Turns hits into {@link AuditEvent}s and hands every one to the sink (the default SLF4J sink throttles audit-mode
 * repeats in its log lines; sinks of your own see each event).
 */
final class AuditEmitter {

    private static final Logger LOG = LoggerFactory.getLogger("dbguard.audit");

    private final AuditSink sink;
    private final boolean redactLiterals;

    AuditEmitter(AuditSink sink, GuardConfig config) {
        this.sink = sink;
        this.redactLiterals = config.redactLiterals();
    }

    void emit(List<Hit> hits, Target target) {
        Instant now = Instant.now();
        String caller = CallerLocator.find(hits.get(0).finding().statement().text()).description();
        // read as the target's server reads it, so that a MySQL "string" is redacted too
        LexicalRules[] readings = SessionState.defaultReadings(target.dialect());
        for (Hit hit : hits) {
            String text = hit.finding().statement().text();
            AuditEvent event = new AuditEvent(now,
                    target.environment().environment().name(),
                    target.environment().source(),
                    target.mode(),
                    hit.outcome(),
                    hit.finding().ruleId(),
                    hit.finding().objects(),
                    redactLiterals ? redact(text, readings) : text,
                    SqlFingerprint.of(text, readings[0]),
                    target.dataSourceName(),
                    caller,
                    hit.reason(),
                    hit.finding().statement().path() != AnalysisPath.SCANNED,
                    hit.finding().description());
            try {
                sink.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("dbguard: audit sink {} failed ({}); the event was: {} {} on {}", sink, e.toString(),
                        event.outcome(), event.ruleId(), event.objects());
            }
        }
    }

    /**
     * The statement with its literals replaced under every reading its server may use: for a server of unknown
     * dialect what is a literal is not known either (a MySQL {@code "secret"}, a PostgreSQL {@code $$secret$$}).
     */
    private static String redact(String text, LexicalRules[] readings) {
        String redacted = text;
        for (LexicalRules reading : readings) {
            redacted = SqlRedactor.redact(redacted, reading);
        }
        return redacted;
    }
}
