package dev.dbguard.benchmarks;

import com.alibaba.druid.wall.WallCheckResult;
import com.alibaba.druid.wall.WallProvider;
import com.alibaba.druid.wall.spi.MySqlWallProvider;
import com.alibaba.druid.wall.spi.PGWallProvider;
import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.StatementGuard;
import dev.dbguard.core.Target;
import dev.dbguard.core.Verdict;
import dev.dbguard.core.audit.AuditSink;
import dev.dbguard.core.sql.AnalyzedStatement;
import dev.dbguard.core.internal.SqlAnalyzer;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;

import java.util.List;

/**
 * What each checker concludes about a benchmark statement, so the report can say what was timed: a fast "no"
 * (a parse failure, say) is not the same work as a verdict.
 *
 * @param dbguard       dbguard's decision in production, with the rule when one fired
 * @param dbguardPath   how dbguard reached it: word pre-filter, scanner, or JSqlParser
 * @param jsqlparser    whether {@code CCJSqlParserUtil.parse} parsed it
 * @param druidPostgres Druid's PostgreSQL provider: allowed, or its first violation
 * @param druidMysql    the same for the MySQL provider
 */
record CheckerConclusions(String dbguard, String dbguardPath, String jsqlparser, String druidPostgres,
                          String druidMysql) {

    static CheckerConclusions of(String sql) {
        StatementGuard guard = new StatementGuard(GuardConfig.builder().environment("production", "benchmark")
                .auditSink(AuditSink.NONE).cacheSize(0).build());
        Target target = guard.target("bench", WorstCases.BENCH_URL);
        Verdict verdict = guard.check(sql, target);
        String decision = verdict.decision() + (verdict.ruleId() == null ? "" : " (" + verdict.ruleId() + ")");
        return new CheckerConclusions(decision, path(sql), jsqlparser(sql), druid(new PGWallProvider(), sql),
                druid(new MySqlWallProvider(), sql));
    }

    private static String path(String sql) {
        if (!SqlAnalyzer.mightBeDestructive(sql)) {
            return "pre-filter";
        }
        List<AnalyzedStatement> statements = new SqlAnalyzer(GuardConfig.DEFAULT_MAX_PARSE_LENGTH).analyze(sql);
        return switch (statements.isEmpty() ? dev.dbguard.core.sql.AnalysisPath.PREFILTERED
                : statements.get(0).path()) {
            case PREFILTERED -> "scanner";
            case PARSED -> "JSqlParser";
            case SCANNED -> "scanner (not parsed)";
        };
    }

    private static String jsqlparser(String sql) {
        try {
            CCJSqlParserUtil.parse(sql);
            return "parsed";
        } catch (Exception e) {
            return "fails (" + e.getClass().getSimpleName() + ")";
        }
    }

    private static String druid(WallProvider provider, String sql) {
        try {
            WallCheckResult result = provider.check(sql);
            if (result.getViolations().isEmpty()) {
                return "allowed";
            }
            String message = result.getViolations().get(0).getMessage();
            return (result.isSyntaxError() ? "syntax error: " : "refused: ")
                    + (message.length() > 40 ? message.substring(0, 40) + "…" : message);
        } catch (RuntimeException e) {
            return "throws " + e.getClass().getSimpleName();
        }
    }
}
