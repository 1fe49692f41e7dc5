package dev.dbguard.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every block of {@code scan-table.txt} (arguments, exit code, findings) over the fixture migrations, reading the
 * findings back from the JSON output, and checks that the text output reports the same findings.
 */
class ScanTableTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> everyRowOfTheTable() throws IOException {
        return blocks().stream().map(block -> DynamicTest.dynamicTest(String.join(" ", block.args), () -> {
            List<String> args = new ArrayList<>(block.args);
            args.add(0, "json");
            args.add(0, "--format");
            ScanRun json = ScanRun.in(ScanRun.fixtures(), args.toArray(String[]::new));
            assertThat(json.exit()).as("exit code; stderr: %s", json.err()).isEqualTo(block.exit);
            List<String> found = new ArrayList<>();
            for (JsonNode finding : JSON.readTree(json.out())) {
                found.add(finding.get("path").asText() + ":" + finding.get("line").asInt() + ":"
                        + finding.get("column").asInt() + " " + finding.get("severity").asText() + " "
                        + finding.get("rule").asText());
            }
            assertThat(found).containsExactlyElementsOf(block.findings);

            ScanRun text = ScanRun.in(ScanRun.fixtures(), block.args.toArray(String[]::new));
            assertThat(text.exit()).isEqualTo(block.exit);
            List<String> lines = text.out().lines().toList();
            assertThat(lines).hasSize(block.findings.size() + 1);
            for (int i = 0; i < block.findings.size(); i++) {
                String[] expected = block.findings.get(i).split(" ");
                assertThat(lines.get(i)).startsWith(expected[0] + ": " + expected[1] + " [" + expected[2] + "] ");
            }
            assertThat(lines.get(lines.size() - 1)).startsWith("dbguard-scan: ");
        }));
    }

    private record Block(List<String> args, int exit, List<String> findings) {
    }

    private static List<Block> blocks() throws IOException {
        String table;
        try (InputStream in = ScanTableTest.class.getResourceAsStream("/scan-table.txt")) {
            table = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Block> blocks = new ArrayList<>();
        List<String> args = null;
        int exit = -1;
        List<String> findings = new ArrayList<>();
        for (String raw : (table + "\n").lines().toList()) {
            String line = raw.strip();
            if (line.startsWith(">")) {
                if (args != null) {
                    blocks.add(new Block(args, exit, findings));
                }
                args = Arrays.asList(line.substring(1).strip().split("\\s+"));
                exit = -1;
                findings = new ArrayList<>();
            } else if (line.startsWith("exit ")) {
                exit = Integer.parseInt(line.substring(5).strip());
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                findings.add(line);
            }
        }
        if (args != null) {
            blocks.add(new Block(args, exit, findings));
        }
        assertThat(blocks).hasSizeGreaterThan(10);
        return blocks;
    }
}
