package dev.dbguard.core.internal;

import dev.dbguard.core.sql.AnalysisPath;
import dev.dbguard.core.sql.AnalyzedStatement;
import dev.dbguard.core.sql.SqlAction;
import dev.dbguard.core.sql.WhereScope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import dev.dbguard.core.Classification;
import dev.dbguard.core.Decision;
import dev.dbguard.core.Dialect;
import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.StatementGuard;
import dev.dbguard.core.Target;
import dev.dbguard.core.Verdict;
import dev.dbguard.core.audit.AuditSink;
import dev.dbguard.testsupport.CountBounds;
import dev.dbguard.testsupport.KnownBenign;
import dev.dbguard.testsupport.SharedCorpus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's own regression-test SQL (about 40,000 statements, many deliberately invalid), when the shared corpus
 * sits beside the project: nothing escapes the analyzer, no statement takes more than the safety bound, no statement
 * of a {@linkplain KnownBenign known-benign class} is refused, and the refusals per rule in production (read as
 * PostgreSQL reads them) stay within the ranges stated below; the counts per path and per action kind are printed.
 */
@Tag("corpus")
class PgRegressCorpusTest {

    /**
     * Refusals per rule, measured on 2026-12-01 (drop 2706, alter-drop 257, unscoped-update 389, unscoped-delete
     * 183, truncate 121, dynamic-sql 0), each allowed to move about 5% (a few statements for small counts) before
     * the build fails. A rule added later is printed until a row for it is added here.
     */
    private static final CountBounds REFUSALS_PER_RULE = CountBounds.of("""
            drop            | 2570 | 2840
            alter-drop      |  240 |  275
            unscoped-update |  370 |  410
            unscoped-delete |  174 |  194
            truncate        |  114 |  128
            dynamic-sql     |    0 |    3
            """);

    private static final Pattern COPY_FROM_STDIN = Pattern.compile("(?i)^\\s*\\\\?copy\\b.*\\bfrom\\s+stdin\\b");
    private static final long BOUND_NANOS = 2_000_000_000L;

    @Test
    void analysesEveryStatementOfThePostgresRegressionSuite() throws IOException {
        Path corpus = SharedCorpus.find("pg-regress").orElse(null);
        assumeTrue(corpus != null, "Skipped: the pg-regress corpus (shared/corpus/pg-regress beside the project) "
                + "is not there; a fresh clone without ../shared runs without it");
        List<Path> files;
        try (Stream<Path> listing = Files.list(corpus)) {
            files = listing.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
        }
        assertThat(files).isNotEmpty();

        SqlAnalyzer analyzer = new SqlAnalyzer(10_000);
        StatementGuard guard = new StatementGuard(GuardConfig.builder().environment("production")
                .auditSink(AuditSink.NONE).build());
        Target production = guard.target("pg-regress", null, Dialect.POSTGRESQL);
        Map<String, Integer> refusals = new TreeMap<>();
        Map<String, Integer> benign = new TreeMap<>();
        List<String> falsePositives = new ArrayList<>();
        Map<Classification, Integer> classifications = new EnumMap<>(Classification.class);
        Map<AnalysisPath, Integer> paths = new EnumMap<>(AnalysisPath.class);
        Map<String, Integer> actionKinds = new TreeMap<>();
        long slowest = 0;
        String slowestStatement = "";
        int statements = 0;
        for (Path file : files) {
            String sql = withoutPsqlCommands(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
            Tokens tokens = Lexer.lex(sql);
            int[] pieces = StatementSplitter.split(tokens);
            for (int p = 0; p < pieces.length; p += 2) {
                String text = sql.substring(tokens.start(pieces[p]), tokens.end(pieces[p + 1] - 1));
                long started = System.nanoTime();
                List<AnalyzedStatement> analyzed = analyzer.analyze(text);
                long elapsed = System.nanoTime() - started;
                if (elapsed > slowest) {
                    slowest = elapsed;
                    slowestStatement = file.getFileName() + ": " + abbreviate(text);
                }
                assertThat(elapsed).as("time for %s in %s", abbreviate(text), file.getFileName())
                        .isLessThan(BOUND_NANOS);
                Verdict verdict = guard.check(text, production);
                classifications.merge(verdict.classification(), 1, Integer::sum);
                if (verdict.decision() == Decision.BLOCK) {
                    refusals.merge(verdict.ruleId(), 1, Integer::sum);
                }
                Optional<String> benignClass = KnownBenign.classOf(text);
                if (benignClass.isPresent()) {
                    benign.merge(benignClass.get(), 1, Integer::sum);
                    if (verdict.decision() == Decision.BLOCK) {
                        falsePositives.add(benignClass.get() + " refused by " + verdict.ruleId() + ": "
                                + file.getFileName() + ": " + abbreviate(text));
                    }
                }
                for (AnalyzedStatement statement : analyzed) {
                    statements++;
                    paths.merge(statement.path(), 1, Integer::sum);
                    for (SqlAction action : statement.actions()) {
                        String kind = action.kind() + (action.scope() == WhereScope.NOT_APPLICABLE ? ""
                                : " " + action.scope());
                        actionKinds.merge(kind + " (" + statement.path() + ")", 1, Integer::sum);
                    }
                }
            }
        }
        System.out.printf("pg-regress: %d files, %d statements: %s%n", files.size(), statements, paths);
        System.out.printf("pg-regress actions: %s%n", actionKinds);
        System.out.printf("pg-regress verdicts in production: %s; refused per rule: %s%n", classifications, refusals);
        System.out.printf("pg-regress slowest statement: %.1f ms (%s)%n", slowest / 1e6, slowestStatement);
        System.out.printf("pg-regress known-benign statements per class: %s%n", benign);
        REFUSALS_PER_RULE.unbounded(refusals).forEach(rule -> System.out.printf(
                "pg-regress: rule %s refused %d statements and has no stated range: add a row to REFUSALS_PER_RULE%n",
                rule, refusals.get(rule)));
        assertThat(statements).isGreaterThan(1_000);
        assertThat(benign.keySet()).as("every known-benign class occurs").containsAll(KnownBenign.classes());
        assertThat(falsePositives).as("known-benign statements refused in production").isEmpty();
        assertThat(REFUSALS_PER_RULE.violations(refusals))
                .as("refusals per rule outside the stated ranges (if the change means it, restate the range)")
                .isEmpty();
    }

    /** Drops psql meta-command lines and the data lines of {@code COPY ... FROM stdin} up to {@code \.}. */
    static String withoutPsqlCommands(String script) {
        StringBuilder sql = new StringBuilder(script.length());
        boolean copyData = false;
        for (String line : script.split("\n", -1)) {
            if (copyData) {
                if (line.startsWith("\\.")) {
                    copyData = false;
                }
                sql.append('\n');
                continue;
            }
            if (COPY_FROM_STDIN.matcher(line).find()) {
                copyData = true;
            }
            sql.append(line.stripLeading().startsWith("\\") ? "" : line).append('\n');
        }
        return sql.toString();
    }

    private static String abbreviate(String sql) {
        String oneLine = sql.replaceAll("\\s+", " ");
        return oneLine.length() > 120 ? oneLine.substring(0, 120) + "..." : oneLine;
    }
}
