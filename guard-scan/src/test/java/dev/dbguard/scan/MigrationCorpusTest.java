package dev.dbguard.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbguard.testsupport.CountBounds;
import dev.dbguard.testsupport.KnownBenign;
import dev.dbguard.testsupport.SharedCorpus;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The scanner over real projects' migrations (Flyway, Prisma, Liquibase XML) in the shared corpus beside the project
 * ({@code ../shared/corpus/migrations}; never copied into it), when that directory exists: every file is scanned
 * (none unscanned, no internal error), every finding has a position, no finding is on a statement of a
 * {@linkplain KnownBenign known-benign class}, and the findings per rule and severity stay within the ranges stated
 * below.
 */
class MigrationCorpusTest {

    /**
     * Findings per rule and severity, measured on 2026-12-01 (alter-drop 313, drop 124, unscoped-delete 70,
     * unscoped-update 53, all errors), each allowed to move about 5% before the build fails. A rule added later is
     * printed until a row for it is added here.
     */
    private static final CountBounds FINDINGS_PER_RULE = CountBounds.of("""
            alter-drop error      | 297 | 329
            drop error            | 117 | 131
            unscoped-delete error |  66 |  74
            unscoped-update error |  50 |  56
            alter-drop warning    |   0 |   0
            drop warning          |   0 |   0
            """);

    @Test
    void scansEveryCorpusMigrationWithoutCrashing() throws Exception {
        Path corpus = SharedCorpus.find("migrations").orElse(null);
        assumeTrue(corpus != null, "Skipped: shared/corpus/migrations (beside the project) is not present");
        ScanRun run = ScanRun.in(corpus, "--format", "json", "--fail-on", "never", ".");
        assertThat(run.err()).doesNotContain("internal error");
        assertThat(run.exit()).as("stderr: %s", run.err()).isZero();
        JsonNode findings = new ObjectMapper().readTree(run.out());
        Map<String, Integer> perRule = new TreeMap<>();
        List<String> falsePositives = new ArrayList<>();
        for (JsonNode finding : findings) {
            String statement = finding.get("statement").asText();
            // a statement longer than the report shows ends in "...": what was cut off may be what refuses it
            KnownBenign.classOf(statement).filter(benign -> !statement.endsWith("..."))
                    .ifPresent(benign -> falsePositives.add(benign + " found by " + finding.get("rule").asText()
                            + ": " + finding.get("path").asText() + ":" + finding.get("line").asInt() + ": "
                            + statement));
            assertThat(finding.get("line").asInt()).isPositive();
            assertThat(finding.get("column").asInt()).isPositive();
            assertThat(Files.isRegularFile(corpus.resolve(finding.get("path").asText()))).isTrue();
            perRule.merge(finding.get("rule").asText() + " " + finding.get("severity").asText(), 1, Integer::sum);
        }
        ScanRun summary = ScanRun.in(corpus, "--fail-on", "never", ".");
        String last = summary.out().lines().reduce((a, b) -> b).orElse("");
        System.out.println("corpus " + corpus + ": " + last);
        System.out.println("corpus findings per rule: " + perRule);
        assertThat(last).matches("dbguard-scan: \\d+ files, \\d+ statements: .*");
        FINDINGS_PER_RULE.unbounded(perRule).forEach(rule -> System.out.println("corpus: rule " + rule + " has "
                + perRule.get(rule) + " findings and no stated range: add a row to FINDINGS_PER_RULE"));
        assertThat(falsePositives).as("findings on known-benign statements").isEmpty();
        assertThat(FINDINGS_PER_RULE.violations(perRule))
                .as("findings per rule outside the stated ranges (if the change means it, restate the range)")
                .isEmpty();
    }
}
