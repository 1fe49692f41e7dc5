package dev.dbguard.scan;

import dev.dbguard.core.AllowAnnotation;
import dev.dbguard.core.BlockedStatementException;
import dev.dbguard.core.Dialect;
import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.SessionState;
import dev.dbguard.core.StatementGuard;
import dev.dbguard.core.Target;
import dev.dbguard.core.Verdict;
import dev.dbguard.core.audit.AuditEvent;
import dev.dbguard.core.sql.AnalyzedStatement;
import dev.dbguard.core.internal.LexicalRules;
import dev.dbguard.core.internal.SqlAnalyzer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the scan reports is exactly what a runtime guard with the same configuration does when a migration tool sends
 * the file's statements one by one on one connection, each with the comment lines written above it (as Flyway sends
 * them): refused (error), run and audited (warning), let through by an annotation (note, with its reason). In-process;
 * the starter's FlywayAnnotationTests and LiquibaseAnnotationTests show the annotation arriving through the real tools.
 */
class ScanEqualsRuntimeTest {

    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource({
            "flyway/V1__init.sql, postgresql,",
            "flyway/V2__cleanup.sql, postgresql,",
            "flyway/V3__annotated.sql, postgresql,",
            "prisma/migrations/20251117_drop_notes/migration.sql, postgresql,",
            "liquibase/formatted.sql, postgresql,",
            "liquibase/sql/cleanup.sql, postgresql,",
            "mysql/V5__mysql.sql, postgresql,",
            "mysql/V5__mysql.sql, mariadb,",
            "mysql/V5__mysql.sql, mysql,",
            "additive/V6__not_additive.sql, postgresql,",
            "additive/V6__not_additive.sql, postgresql, config/strict-renames.properties",
            "additive/V6__not_additive.sql, postgresql, config/no-annotations.properties",
            "additive/V7__not_additive_mysql.sql, mysql,",
            "additive/V7__not_additive_mysql.sql, mariadb,",
    })
    void theScanReportsWhatTheRuntimeDoes(String file, String dialectName, String config) throws Exception {
        Dialect dialect = Dialect.valueOf(dialectName.toUpperCase(java.util.Locale.ROOT));
        String sql = Files.readString(ScanRun.fixtures().resolve(file));

        List<AuditEvent> events = new ArrayList<>();
        GuardConfig.Builder builder = GuardConfig.builder().environment("production", "test").auditSink(events::add);
        if (config != null) {
            Properties properties = new Properties();
            try (var in = Files.newBufferedReader(ScanRun.fixtures().resolve(config))) {
                properties.load(in);
            }
            Map<String, String> keys = new java.util.HashMap<>();
            properties.forEach((key, value) -> keys.put(key.toString(), value.toString()));
            builder.properties(keys, config);
        }
        StatementGuard runtime = new StatementGuard(builder.build());
        Target target = runtime.target("app", null, dialect);
        SessionState session = new SessionState(dialect);
        LexicalRules reading = switch (dialect) {
            case MYSQL -> LexicalRules.MYSQL;
            case MARIADB -> LexicalRules.MARIADB;
            default -> LexicalRules.POSTGRESQL;
        };
        List<String> atRuntime = new ArrayList<>();
        int previousEnd = 0;
        for (AnalyzedStatement statement : new SqlAnalyzer(0).analyze(sql, reading)) {
            int start = sql.indexOf(statement.text(), previousEnd);
            String sent = commentLinesAbove(sql, previousEnd, start) + statement.text();
            previousEnd = start + statement.text().length();
            events.clear();
            try {
                session.record(runtime.enforce(sent, target, session));
            } catch (BlockedStatementException e) {
                // its event says so
            }
            for (AuditEvent event : events) {
                String severity = switch (event.outcome()) {
                    case REFUSED -> "error";
                    case OVERRIDDEN -> "note";
                    default -> "warning";
                };
                atRuntime.add(entry(severity, event.ruleId(), oneLine(statement.text()), event.reason()));
            }
        }

        List<String> args = new ArrayList<>(List.of("--format", "json", "--dialect", dialectName));
        if (config != null) {
            args.addAll(List.of("--config", config));
        }
        args.add(file);
        ScanRun scan = ScanRun.in(ScanRun.fixtures(), args.toArray(String[]::new));
        List<String> byScan = new ArrayList<>();
        for (var finding : new com.fasterxml.jackson.databind.ObjectMapper().readTree(scan.out())) {
            String message = finding.get("message").asText();
            String reason = message.contains("(reason: ") ? message.substring(message.indexOf("(reason: ") + 9,
                    message.indexOf("); runs in")) : null;
            byScan.add(entry(finding.get("severity").asText(), finding.get("rule").asText(),
                    finding.get("statement").asText(), reason));
        }
        assertThat(byScan).containsExactlyElementsOf(atRuntime);
    }

    /** The comment lines of {@code sql[from, to)} that begin a line: what a migration tool sends above a statement. */
    private static String commentLinesAbove(String sql, int from, int to) {
        if (from == 0) {
            return sql.substring(0, to);
        }
        int nextLine = sql.indexOf('\n', from) + 1; // not the rest of the previous statement's line
        return nextLine == 0 || nextLine > to ? "" : sql.substring(nextLine, to);
    }

    /** A finding as both sides can tell it; a malformed annotation is reported on its own line, so by rule alone. */
    private static String entry(String severity, String rule, String statement, String reason) {
        return severity + " " + rule + (rule.equals(AllowAnnotation.RULE) ? "" : " " + statement)
                + (reason == null ? "" : " reason=" + reason);
    }

    private static String oneLine(String statement) {
        return statement.replaceAll("\\s+", " ").strip();
    }
}
