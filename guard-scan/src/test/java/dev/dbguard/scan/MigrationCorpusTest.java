package dev.dbguard.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The scanner over real projects' migrations (Flyway, Prisma, Liquibase XML) in the shared corpus beside the project
 * ({@code ../shared/corpus/migrations}; never copied into it), when that directory exists: every file is scanned
 * (none unscanned, no internal error), every finding has a position, and the counts per rule are printed.
 */
class MigrationCorpusTest {

    @Test
    void scansEveryCorpusMigrationWithoutCrashing() throws Exception {
        Path corpus = findCorpus();
        assumeTrue(corpus != null, "Skipped: shared/corpus/migrations (beside the project) is not present");
        ScanRun run = ScanRun.in(corpus, "--format", "json", "--fail-on", "never", ".");
        assertThat(run.err()).doesNotContain("internal error");
        assertThat(run.exit()).as("stderr: %s", run.err()).isZero();
        JsonNode findings = new ObjectMapper().readTree(run.out());
        Map<String, Integer> perRule = new TreeMap<>();
        for (JsonNode finding : findings) {
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
        assertThat(perRule).isNotEmpty();
    }

    /** Walks up from Maven's project directory and the working directory to find shared/corpus/migrations. */
    private static Path findCorpus() {
        for (String start : new String[] {System.getProperty("maven.multiModuleProjectDirectory"),
                System.getProperty("user.dir"), ""}) {
            if (start == null) {
                continue;
            }
            for (Path dir = Paths.get(start).toAbsolutePath(); dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve("shared").resolve("corpus").resolve("migrations");
                if (Files.isDirectory(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }
}
