package dev.dbguard.core.audit;

import dev.dbguard.core.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class AuditEventsTest {

    static final Instant TIME = Instant.parse("2026-03-01T09:14:02.5Z");

    static AuditEvent refusedTruncate() {
        return new AuditEvent(TIME, "production", "system property dbguard.env", Mode.BLOCK, Outcome.REFUSED,
                "truncate", List.of("orders"), "TRUNCATE orders", "3f2a9c0d5e7b1a46", "orders",
                "com.acme.Admin.purge(Admin.java:42)", null, true);
    }

    static Stream<Arguments> representativeEvents() {
        return Stream.of(
                arguments(refusedTruncate(),
                        "REFUSED truncate on orders in production (system property dbguard.env), mode=block,"
                                + " datasource=orders, caller=com.acme.Admin.purge(Admin.java:42),"
                                + " fingerprint=3f2a9c0d5e7b1a46, sql=\"TRUNCATE orders\"",
                        "{\"time\":\"2026-03-01T09:14:02.500Z\",\"outcome\":\"REFUSED\",\"rule\":\"truncate\","
                                + "\"environment\":\"production\",\"environmentSource\":\"system property dbguard.env\","
                                + "\"mode\":\"block\",\"dataSource\":\"orders\",\"objects\":[\"orders\"],"
                                + "\"caller\":\"com.acme.Admin.purge(Admin.java:42)\",\"fingerprint\":\"3f2a9c0d5e7b1a46\","
                                + "\"parsed\":true,\"reason\":null,\"suppressed\":0,\"finding\":null,\"sql\":\"TRUNCATE orders\"}"),
                arguments(new AuditEvent(TIME, "staging", "environment variable DBGUARD_ENV", Mode.AUDIT,
                                Outcome.AUDITED, "drop", List.of("public.orders", "public.order_items"),
                                "DROP TABLE public.orders, public.order_items", "77aa01", "reporting",
                                "com.acme.Report.rebuild(Report.java:7)", null, false),
                        "AUDITED drop on public.orders, public.order_items in staging (environment variable DBGUARD_ENV),"
                                + " mode=audit, datasource=reporting, caller=com.acme.Report.rebuild(Report.java:7),"
                                + " fingerprint=77aa01, parsed=false, sql=\"DROP TABLE public.orders, public.order_items\"",
                        "{\"time\":\"2026-03-01T09:14:02.500Z\",\"outcome\":\"AUDITED\",\"rule\":\"drop\","
                                + "\"environment\":\"staging\",\"environmentSource\":\"environment variable DBGUARD_ENV\","
                                + "\"mode\":\"audit\",\"dataSource\":\"reporting\","
                                + "\"objects\":[\"public.orders\",\"public.order_items\"],"
                                + "\"caller\":\"com.acme.Report.rebuild(Report.java:7)\",\"fingerprint\":\"77aa01\","
                                + "\"parsed\":false,\"reason\":null,\"suppressed\":0,\"finding\":null,"
                                + "\"sql\":\"DROP TABLE public.orders, public.order_items\"}"),
                arguments(new AuditEvent(TIME, "production", "Spring property dbguard.environment", Mode.BLOCK,
                                Outcome.OVERRIDDEN, "unscoped-delete", List.of("sessions"), "DELETE FROM sessions",
                                "c0ffee", "main", "com.acme.Nightly.cleanUp(Nightly.java:19)",
                                "nightly cleanup, ticket \"OPS-12\"", true),
                        "OVERRIDDEN unscoped-delete on sessions in production (Spring property dbguard.environment),"
                                + " mode=block, datasource=main, caller=com.acme.Nightly.cleanUp(Nightly.java:19),"
                                + " fingerprint=c0ffee, reason=\"nightly cleanup, ticket \\\"OPS-12\\\"\","
                                + " sql=\"DELETE FROM sessions\"",
                        "{\"time\":\"2026-03-01T09:14:02.500Z\",\"outcome\":\"OVERRIDDEN\",\"rule\":\"unscoped-delete\","
                                + "\"environment\":\"production\",\"environmentSource\":\"Spring property dbguard.environment\","
                                + "\"mode\":\"block\",\"dataSource\":\"main\",\"objects\":[\"sessions\"],"
                                + "\"caller\":\"com.acme.Nightly.cleanUp(Nightly.java:19)\",\"fingerprint\":\"c0ffee\","
                                + "\"parsed\":true,\"reason\":\"nightly cleanup, ticket \\\"OPS-12\\\"\",\"suppressed\":0,\"finding\":null,"
                                + "\"sql\":\"DELETE FROM sessions\"}"),
                arguments(new AuditEvent(TIME, "production", "JDBC URL matches *.prod.*", Mode.READ_ONLY,
                                Outcome.REFUSED, "read-only", List.of(), "UPDATE t SET a = ?", "0", "orders db",
                                "unknown", null, true),
                        "REFUSED read-only in production (JDBC URL matches *.prod.*), mode=read-only,"
                                + " datasource=\"orders db\", caller=unknown, fingerprint=0, sql=\"UPDATE t SET a = ?\"",
                        "{\"time\":\"2026-03-01T09:14:02.500Z\",\"outcome\":\"REFUSED\",\"rule\":\"read-only\","
                                + "\"environment\":\"production\",\"environmentSource\":\"JDBC URL matches *.prod.*\","
                                + "\"mode\":\"read-only\",\"dataSource\":\"orders db\",\"objects\":[],"
                                + "\"caller\":\"unknown\",\"fingerprint\":\"0\",\"parsed\":true,\"reason\":null,"
                                + "\"suppressed\":0,\"finding\":null,\"sql\":\"UPDATE t SET a = ?\"}"),
                arguments(new AuditEvent(TIME, "test", "default", Mode.OFF, Outcome.ALLOW_LISTED, "truncate",
                                List.of("audit_tmp_1"), "truncate audit_tmp_1", "ab", "it",
                                "com.acme.X.y(Unknown Source)", null, true),
                        "ALLOW_LISTED truncate on audit_tmp_1 in test (default), mode=off, datasource=it,"
                                + " caller=\"com.acme.X.y(Unknown Source)\", fingerprint=ab, sql=\"truncate audit_tmp_1\"",
                        "{\"time\":\"2026-03-01T09:14:02.500Z\",\"outcome\":\"ALLOW_LISTED\",\"rule\":\"truncate\","
                                + "\"environment\":\"test\",\"environmentSource\":\"default\",\"mode\":\"off\","
                                + "\"dataSource\":\"it\",\"objects\":[\"audit_tmp_1\"],"
                                + "\"caller\":\"com.acme.X.y(Unknown Source)\",\"fingerprint\":\"ab\",\"parsed\":true,"
                                + "\"reason\":null,\"suppressed\":0,\"finding\":null,\"sql\":\"truncate audit_tmp_1\"}"));
    }

    @ParameterizedTest
    @MethodSource("representativeEvents")
    void writesTextLines(AuditEvent event, String text, String json) {
        assertThat(AuditEvents.format(event, AuditFormat.TEXT)).isEqualTo(text);
    }

    @ParameterizedTest
    @MethodSource("representativeEvents")
    void writesJsonLines(AuditEvent event, String text, String json) {
        assertThat(AuditEvents.format(event, AuditFormat.JSON)).isEqualTo(json);
    }

    /** Input, then how it appears inside a quoted value (TEXT {@code sql="..."}) and a JSON string: the same. */
    static Stream<Arguments> escapes() {
        return Stream.of(
                arguments("line feed", "DROP TABLE a\nINFO forged line", "DROP TABLE a\\nINFO forged line"),
                arguments("carriage return", "DROP TABLE a\rWARN forged", "DROP TABLE a\\rWARN forged"),
                arguments("CRLF", "DROP TABLE a\r\n", "DROP TABLE a\\r\\n"),
                arguments("tab", "DROP\tTABLE a", "DROP\\tTABLE a"),
                arguments("NUL", "DROP TABLE a\u0000", "DROP TABLE a\\u0000"),
                arguments("backspace and form feed", "a\bb\fc", "a\\u0008b\\u000Cc"),
                arguments("escape (ANSI colour)", "\u001B[31mred", "\\u001B[31mred"),
                arguments("DEL", "a\u007Fb", "a\\u007Fb"),
                arguments("next line U+0085", "DROP TABLE a\u0085INFO forged", "DROP TABLE a\\u0085INFO forged"),
                arguments("other C1 control", "a\u009Bb", "a\\u009Bb"),
                arguments("line separator U+2028", "a\u2028b", "a\\u2028b"),
                arguments("paragraph separator U+2029", "a\u2029b", "a\\u2029b"),
                arguments("right-to-left override", "a\u202Eb", "a\\u202Eb"),
                arguments("first strong isolate", "a\u2068b", "a\\u2068b"),
                arguments("double quote", "DROP TABLE \"Order Items\"", "DROP TABLE \\\"Order Items\\\""),
                arguments("backslash", "SELECT 'a\\b'", "SELECT 'a\\\\b'"),
                arguments("backslash before n", "a\\nb", "a\\\\nb"),
                arguments("emoji (surrogate pair) kept", "DROP TABLE \uD83D\uDCA3", "DROP TABLE \uD83D\uDCA3"),
                arguments("lone high surrogate", "a\uD83Db", "a\\uD83Db"),
                arguments("lone low surrogate at end", "a\uDCA3", "a\\uDCA3"),
                arguments("non-ASCII letters kept", "DROP TABLE bestellungen_\u00FC\u00DF_\u8A02\u55AE",
                        "DROP TABLE bestellungen_\u00FC\u00DF_\u8A02\u55AE"),
                arguments("plain", "TRUNCATE orders", "TRUNCATE orders"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escapes")
    void escapesStatementText(String name, String sql, String escaped) {
        AuditEvent event = withSql(refusedTruncate(), sql);

        assertThat(AuditEvents.format(event, AuditFormat.TEXT)).endsWith(", sql=\"" + escaped + "\"");
        assertThat(AuditEvents.format(event, AuditFormat.JSON)).endsWith(",\"sql\":\"" + escaped + "\"}");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escapes")
    void noFieldCanBreakTheLine(String name, String hostile, String escaped) {
        AuditEvent event = new AuditEvent(TIME, hostile, hostile, Mode.BLOCK, Outcome.OVERRIDDEN, hostile,
                List.of(hostile, hostile), hostile, hostile, hostile, hostile, hostile, false, hostile);

        for (AuditFormat format : AuditFormat.values()) {
            assertSingleSafeLine(AuditEvents.format(event, format));
        }
    }

    @ParameterizedTest
    @EnumSource(AuditFormat.class)
    void everyUtf16CodeUnitIsSafeAndTheStatementRoundTrips(AuditFormat format) {
        StringBuilder all = new StringBuilder(65_536);
        for (int c = 0; c <= 0xFFFF; c++) {
            all.append((char) c);
        }
        String sql = all.toString();

        String line = AuditEvents.format(withSql(refusedTruncate(), sql), format);

        assertSingleSafeLine(line);
        String quoted = format == AuditFormat.TEXT
                ? line.substring(line.indexOf(", sql=\"") + 6)
                : line.substring(line.indexOf(",\"sql\":\"") + 7, line.length() - 1);
        assertThat(JsonStrings.decode(quoted)).isEqualTo(sql);
    }

    @Test
    void jsonRoundTripsEveryStringField() {
        String hostile = "x\"\\\n\u2028\uD83D\uDCA3\u0085y";
        AuditEvent event = new AuditEvent(TIME, hostile, hostile, Mode.BLOCK, Outcome.OVERRIDDEN, hostile,
                List.of(hostile), hostile, hostile, hostile, hostile, hostile, true, hostile);

        String json = AuditEvents.format(event, AuditFormat.JSON);

        String encoded = "\"x\\\"\\\\\\n\\u2028\uD83D\uDCA3\\u0085y\"";
        assertThat(json).isEqualTo("{\"time\":\"2026-03-01T09:14:02.500Z\",\"outcome\":\"OVERRIDDEN\",\"rule\":" + encoded
                + ",\"environment\":" + encoded + ",\"environmentSource\":" + encoded + ",\"mode\":\"block\","
                + "\"dataSource\":" + encoded + ",\"objects\":[" + encoded + "],\"caller\":" + encoded
                + ",\"fingerprint\":" + encoded + ",\"parsed\":true,\"reason\":" + encoded
                + ",\"suppressed\":0,\"finding\":" + encoded + ",\"sql\":" + encoded + "}");
        assertThat(JsonStrings.decode(encoded)).isEqualTo(hostile);
    }

    @Test
    void theFindingStatesTheReasonThatTheRedactedSqlNoLongerShows() {
        AuditEvent event = new AuditEvent(TIME, "production", "default", Mode.BLOCK, Outcome.REFUSED,
                "unscoped-delete", List.of("tasks"), "DELETE FROM tasks WHERE ?=?", "f1", "main",
                "com.acme.Admin.purge(Admin.java:42)", null, true, "DELETE FROM tasks with an always-true WHERE");

        assertThat(AuditEvents.format(event, AuditFormat.TEXT)).endsWith(
                ", finding=\"DELETE FROM tasks with an always-true WHERE\", sql=\"DELETE FROM tasks WHERE ?=?\"");
        assertThat(AuditEvents.format(event, AuditFormat.JSON)).endsWith(
                ",\"finding\":\"DELETE FROM tasks with an always-true WHERE\",\"sql\":\"DELETE FROM tasks WHERE ?=?\"}");
    }

    @Test
    void textKeepsTheSentenceReadableButEscapesLineBreaksInIt() {
        AuditEvent event = new AuditEvent(TIME, "production", "default", Mode.BLOCK, Outcome.REFUSED, "drop",
                List.of("\"Order\nItems\""), "DROP TABLE \"Order\nItems\"", "f", "main", "unknown", null, true);

        assertThat(AuditEvents.format(event, AuditFormat.TEXT)).startsWith(
                "REFUSED drop on \"Order\\nItems\" in production (default), mode=block");
    }

    static Stream<Arguments> repeats() {
        return Stream.of(
                arguments(1, Duration.ofMillis(750), " (+1 similar in the last 750ms)"),
                arguments(41, Duration.ofSeconds(75), " (+41 similar in the last 75s)"),
                arguments(3, Duration.ofMinutes(90), " (+3 similar in the last 90m)"),
                arguments(7, Duration.ofHours(5).plusMinutes(59), " (+7 similar in the last 5h)"),
                arguments(2, Duration.ofDays(3), " (+2 similar in the last 3d)"));
    }

    @ParameterizedTest
    @MethodSource("repeats")
    void saysHowManySimilarEventsWereHeldBack(long suppressed, Duration since, String note) {
        AuditThrottle.Admission admission = new AuditThrottle.Admission(true, suppressed, since);

        assertThat(AuditEvents.format(refusedTruncate(), AuditFormat.TEXT, admission))
                .startsWith("REFUSED truncate on orders in production (system property dbguard.env)" + note + ", mode=");
        assertThat(AuditEvents.format(refusedTruncate(), AuditFormat.JSON, admission))
                .contains(",\"suppressed\":" + suppressed + ",");
    }

    private static void assertSingleSafeLine(String line) {
        assertThat(line.lines().count()).as(line).isEqualTo(1);
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            assertThat(c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029'
                    || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069'))
                    .as("unsafe U+%04X at %d", (int) c, i).isFalse();
            if (Character.isHighSurrogate(c)) {
                assertThat(i + 1 < line.length() && Character.isLowSurrogate(line.charAt(i + 1)))
                        .as("lone surrogate at %d", i).isTrue();
                i++;
            } else {
                assertThat(Character.isLowSurrogate(c)).as("lone surrogate at %d", i).isFalse();
            }
        }
    }

    private static AuditEvent withSql(AuditEvent e, String sql) {
        return new AuditEvent(e.time(), e.environment(), e.environmentSource(), e.mode(), e.outcome(), e.ruleId(),
                e.objects(), sql, e.fingerprint(), e.dataSource(), e.caller(), e.reason(), e.parsed());
    }
}
