package dev.dbguard.scan;

import dev.dbguard.core.BlockedStatementException;
import dev.dbguard.core.Dialect;
import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.SessionState;
import dev.dbguard.core.StatementGuard;
import dev.dbguard.core.Target;
import dev.dbguard.core.Verdict;
import dev.dbguard.core.audit.AuditSink;
import dev.dbguard.core.sql.AnalyzedStatement;
import dev.dbguard.core.sql.LexicalRules;
import dev.dbguard.core.sql.SqlAnalyzer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the scan reports as refused is exactly what a runtime guard with the default configuration refuses when a
 * migration tool sends the file's statements one by one on one connection (in-process; the comparison on a real
 * PostgreSQL through Flyway is a later increment).
 */
class ScanEqualsRuntimeTest {

    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource({
            "flyway/V1__init.sql, postgresql",
            "flyway/V2__cleanup.sql, postgresql",
            "prisma/migrations/20251117_drop_notes/migration.sql, postgresql",
            "liquibase/formatted.sql, postgresql",
            "liquibase/sql/cleanup.sql, postgresql",
            "mysql/V5__mysql.sql, postgresql",
            "mysql/V5__mysql.sql, mariadb",
            "mysql/V5__mysql.sql, mysql",
    })
    void theScanRefusesWhatTheRuntimeRefuses(String file, String dialectName) throws Exception {
        Dialect dialect = Dialect.valueOf(dialectName.toUpperCase(java.util.Locale.ROOT));
        String sql = Files.readString(ScanRun.fixtures().resolve(file));

        StatementGuard runtime = new StatementGuard(GuardConfig.builder().environment("production", "test")
                .auditSink(AuditSink.NONE).build());
        Target target = runtime.target("app", null, dialect);
        SessionState session = new SessionState(dialect);
        LexicalRules reading = switch (dialect) {
            case MYSQL -> LexicalRules.MYSQL;
            case MARIADB -> LexicalRules.MARIADB;
            default -> LexicalRules.POSTGRESQL;
        };
        List<String> refusedAtRuntime = new ArrayList<>();
        for (AnalyzedStatement statement : new SqlAnalyzer(0).analyze(sql, reading)) {
            try {
                Verdict verdict = runtime.enforce(statement.text(), target, session);
                session.record(verdict);
            } catch (BlockedStatementException e) {
                refusedAtRuntime.add(e.ruleId() + " " + statement.text().replaceAll("\\s+", " ").strip());
            }
        }

        ScanRun scan = ScanRun.in(ScanRun.fixtures(), "--format", "json", "--dialect", dialectName, file);
        List<String> refusedByScan = new ArrayList<>();
        for (var finding : new com.fasterxml.jackson.databind.ObjectMapper().readTree(scan.out())) {
            if (finding.get("severity").asText().equals("error")) {
                refusedByScan.add(finding.get("rule").asText() + " " + finding.get("statement").asText());
            }
        }
        assertThat(refusedByScan).containsExactlyElementsOf(refusedAtRuntime);
    }
}
