package dev.dbguard.scan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Inline suppressions and the offset-to-line:column mapping the findings' positions come from. */
class SuppressionsAndPositionsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "-- dbguard-ignore drop -- OPS-1 retired             | drop     | OPS-1 retired | true",
            "--dbguard-ignore truncate --why                     | truncate | why           | true",
            "   -- dbguard-ignore alter-drop -- a -- b           | alter-drop | a -- b      | true",
            "-- dbguard-ignore drop                              | drop     | null          | false",
            "-- dbguard-ignore drop --                           | drop     | null          | false",
            "-- dbguard-ignore drop --    \t                     | drop     | null          | false",
            "-- dbguard-ignore -- no rule                        | ''       | no rule       | false",
            "-- dbguard-ignore dorp -- typo                      | dorp     | typo          | false",
            "-- dbguard-ignore DROP -- upper case is the rule id  | drop     | upper case is the rule id | true",
    })
    void directives(String line, String rule, String reason, boolean valid) {
        Suppressions.Directive directive = Suppressions.parse(line);
        assertThat(directive).isNotNull();
        assertThat(directive.rule()).isEqualTo(rule);
        assertThat(directive.reason() == null || directive.reason().isBlank() ? null : directive.reason())
                .isEqualTo(reason);
        assertThat(directive.valid()).isEqualTo(valid);
        assertThat(directive.problem()).contains("dbguard-ignore");
    }

    @Test
    void linesWithoutADirectiveAreNone() {
        assertThat(Suppressions.parse("-- an ordinary comment")).isNull();
        assertThat(Suppressions.parse("DROP TABLE x; -- dbguard-ignore drop -- trailing is not a line above")).isNull();
    }

    @Test
    void aSuppressionCoversOnlyTheStatementBelowAndOnlyItsRule(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("V1__x.sql"), """
                -- dbguard-ignore drop -- OPS-7 the archive table is retired
                -- a second comment line between the directive and the statement
                DROP TABLE archive;
                DROP TABLE archive2;
                -- dbguard-ignore truncate -- wrong rule for the statement below
                DROP TABLE archive3;
                """);
        ScanRun run = ScanRun.in(dir, ".");
        assertThat(run.out().lines().toList()).hasSize(3);
        assertThat(run.out()).contains("V1__x.sql:4:1: error [drop] DROP TABLE archive2",
                "V1__x.sql:6:1: error [drop] DROP TABLE archive3", "1 suppressed");
    }

    @Test
    void positionsCountLinesAndColumnsFromOne() {
        SourceText text = new SourceText("ab\ncd\r\nef\rg");
        assertThat(text.line(0)).isEqualTo(1);
        assertThat(text.column(1)).isEqualTo(2);
        assertThat(text.line(3)).isEqualTo(2);
        assertThat(text.column(4)).isEqualTo(2);
        assertThat(text.line(7)).isEqualTo(3); // after \r\n
        assertThat(text.line(10)).isEqualTo(4); // after a lone \r
        assertThat(text.lineText(2)).isEqualTo("cd");
        assertThat(text.lineText(9)).isEmpty();
        assertThat(text.offset(3, 2)).isEqualTo(8);
        assertThat(text.line(1000)).isEqualTo(4);
    }

    @Test
    void statementsAreFoundWhereTheyAreEvenWhenTheTextRepeats(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("V1__x.sql"), "TRUNCATE t; TRUNCATE t;\n\n  TRUNCATE t;\r\nTRUNCATE t");
        ScanRun run = ScanRun.in(dir, "--format", "github", ".");
        assertThat(run.out()).contains("line=1,col=1,", "line=1,col=13,", "line=3,col=3,", "line=4,col=1,");
    }
}
