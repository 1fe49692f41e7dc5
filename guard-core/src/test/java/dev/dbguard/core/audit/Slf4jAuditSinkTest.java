package dev.dbguard.core.audit;

import dev.dbguard.core.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Runs the sink against the real SLF4J binding of the tests (slf4j-simple, writing to System.err). */
class Slf4jAuditSinkTest {

    private static final Instant T0 = Instant.parse("2026-03-01T09:14:02Z");

    @ParameterizedTest
    @CsvSource({
            "REFUSED,      WARN",
            "AUDITED,      INFO",
            "OVERRIDDEN,   INFO",
            "ALLOW_LISTED, INFO",
    })
    void logsOneLineAtTheLevelOfTheOutcome(Outcome outcome, String level) {
        AuditEvent event = event(outcome, "f1", T0);
        Slf4jAuditSink sink = new Slf4jAuditSink(AuditFormat.TEXT, Duration.ofMinutes(1));

        assertThat(auditLines(() -> sink.accept(event)))
                .containsExactly(level + " dbguard.audit - " + AuditEvents.format(event, AuditFormat.TEXT));
    }

    @Test
    void writesJsonWhenAskedTo() {
        AuditEvent event = event(Outcome.REFUSED, "f1", T0);

        assertThat(auditLines(() -> new Slf4jAuditSink(AuditFormat.JSON).accept(event)))
                .containsExactly("WARN dbguard.audit - " + AuditEvents.format(event, AuditFormat.JSON));
    }

    @Test
    void aStatementWithLineBreaksStillMakesOneLine() {
        AuditEvent event = new AuditEvent(T0, "production", "default", Mode.BLOCK, Outcome.REFUSED, "drop",
                List.of("t"), "DROP TABLE t;\nINFO dbguard.audit - ALLOWED everything\u2028\r\n", "f", "main",
                "unknown", null, true);

        assertThat(auditLines(() -> new Slf4jAuditSink(AuditFormat.TEXT).accept(event)))
                .containsExactly("WARN dbguard.audit - REFUSED drop on t in production (default), mode=block,"
                        + " datasource=main, caller=unknown, fingerprint=f,"
                        + " sql=\"DROP TABLE t;\\nINFO dbguard.audit - ALLOWED everything\\u2028\\r\\n\"");
    }

    @Test
    void throttlesAuditModeRepeatsAndSaysHowManyWereHeldBack() {
        Slf4jAuditSink text = new Slf4jAuditSink(AuditFormat.TEXT, Duration.ofMinutes(1));
        Slf4jAuditSink json = new Slf4jAuditSink(AuditFormat.JSON, Duration.ofMinutes(1));

        List<String> lines = auditLines(() -> {
            for (long second : new long[] {0, 1, 2, 30, 75}) {
                text.accept(event(Outcome.AUDITED, "f1", T0.plusSeconds(second)));
                json.accept(event(Outcome.AUDITED, "f1", T0.plusSeconds(second)));
            }
        });

        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).doesNotContain("similar");
        assertThat(lines.get(1)).contains("\"suppressed\":0,");
        assertThat(lines.get(2)).startsWith(
                "INFO dbguard.audit - AUDITED drop on t in staging (default) (+3 similar in the last 75s), mode=audit");
        assertThat(lines.get(3)).contains("\"time\":\"2026-03-01T09:15:17.000Z\"").contains("\"suppressed\":3,");
    }

    @ParameterizedTest
    @CsvSource({"REFUSED", "OVERRIDDEN", "ALLOW_LISTED"})
    void neverThrottlesOtherOutcomes(Outcome outcome) {
        Slf4jAuditSink sink = new Slf4jAuditSink(AuditFormat.TEXT, Duration.ofMinutes(1));

        List<String> lines = auditLines(() -> {
            for (int i = 0; i < 3; i++) {
                sink.accept(event(outcome, "f1", T0.plusSeconds(i)));
            }
        });

        assertThat(lines).hasSize(3);
    }

    @Test
    void withoutAWindowEveryAuditModeEventIsLogged() {
        Slf4jAuditSink sink = new Slf4jAuditSink(AuditFormat.TEXT);

        List<String> lines = auditLines(() -> {
            for (int i = 0; i < 3; i++) {
                sink.accept(event(Outcome.AUDITED, "f1", T0));
            }
        });

        assertThat(lines).hasSize(3);
    }

    @Test
    void safelyRunsEverySinkAndReportsAFailingOneInOneLine() {
        List<AuditEvent> first = new ArrayList<>();
        List<AuditEvent> last = new ArrayList<>();
        AuditSink broken = new BrokenSink();
        AuditSink sinks = AuditSink.safely(first::add, broken, last::add);
        AuditEvent event = event(Outcome.REFUSED, "f1", T0);

        List<String> lines = auditLines(() -> assertThatCode(() -> sinks.accept(event)).doesNotThrowAnyException());

        assertThat(first).containsExactly(event);
        assertThat(last).containsExactly(event);
        assertThat(lines).containsExactly("WARN dbguard.audit - Audit sink " + BrokenSink.class.getName()
                + " failed and was skipped for one REFUSED drop event on data source main:"
                + " java.lang.IllegalStateException: broker down\\nretrying. The statement was still handled as"
                + " decided and the other sinks ran; fix the sink (stack trace at DEBUG on logger dbguard.audit)");
    }

    @Test
    void safelyWithNoSinksDoesNothing() {
        assertThat(auditLines(() -> AuditSink.safely().accept(event(Outcome.REFUSED, "f1", T0)))).isEmpty();
    }

    private static final class BrokenSink implements AuditSink {
        @Override
        public void accept(AuditEvent event) {
            throw new IllegalStateException("broker down\nretrying");
        }
    }

    private static AuditEvent event(Outcome outcome, String fingerprint, Instant time) {
        Mode mode = outcome == Outcome.AUDITED ? Mode.AUDIT : Mode.BLOCK;
        String environment = outcome == Outcome.AUDITED ? "staging" : "production";
        return new AuditEvent(time, environment, "default", mode, outcome, "drop", List.of("t"), "DROP TABLE t",
                fingerprint, "main", "com.acme.Admin.purge(Admin.java:42)",
                outcome == Outcome.OVERRIDDEN ? "ticket OPS-12" : null, true);
    }

    /**
     * The lines written to logger dbguard.audit while {@code action} runs, without slf4j-simple's thread-name prefix.
     * slf4j-simple looks up System.err on every write, so swapping it captures exactly what an application would see.
     */
    private static synchronized List<String> auditLines(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.contains(" dbguard.audit - "))
                .map(line -> line.substring(line.indexOf("] ") + 2))
                .toList();
    }
}
