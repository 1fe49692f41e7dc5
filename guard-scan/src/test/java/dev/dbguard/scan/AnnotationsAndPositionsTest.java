package dev.dbguard.scan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the scan reads {@code dbguard:allow} annotations, and the offset-to-line:column mapping of positions. */
class AnnotationsAndPositionsTest {

    @Test
    void anAnnotationCoversOnlyTheStatementBelowAndOnlyItsRules(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("V1__x.sql"), """
                -- dbguard:allow drop reason="OPS-7 the archive table is retired"
                -- a second comment line between the annotation and the statement
                DROP TABLE archive;
                DROP TABLE archive2;
                -- dbguard:allow truncate reason="wrong rule for the statement below"
                DROP TABLE archive3;
                -- dbguard:allow drop, truncate reason="OPS-8 both"
                TRUNCATE archive4;
                """);
        ScanRun run = ScanRun.in(dir, ".");
        assertThat(run.out().lines().toList()).containsExactly(
                "V1__x.sql:3:1: note [drop] DROP TABLE archive: allowed by annotation (reason: OPS-7 the archive "
                        + "table is retired); runs in production as an audited override",
                "V1__x.sql:4:1: error [drop] DROP TABLE archive2: refused in production; to ship it deliberately, "
                        + "allow-list it (dbguard.allow=drop:archive2) or write '-- dbguard:allow drop "
                        + "reason=\"<why>\"' on the line above",
                "V1__x.sql:6:1: error [drop] DROP TABLE archive3: refused in production; to ship it deliberately, "
                        + "allow-list it (dbguard.allow=drop:archive3) or write '-- dbguard:allow drop "
                        + "reason=\"<why>\"' on the line above",
                "V1__x.sql:8:1: note [truncate] TRUNCATE archive4: allowed by annotation (reason: OPS-8 both); "
                        + "runs in production as an audited override",
                run.out().lines().toList().get(4));
        assertThat(run.out()).contains("2 errors", "2 allowed");
        assertThat(run.exit()).isEqualTo(1);
    }

    @Test
    void aMalformedAnnotationIsAnErrorWhereverItIsAndAllowsNothing(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("V1__x.sql"), """
                SELECT 1;
                -- dbguard:allow dorp reason="typo"
                DROP TABLE archive;
                """);
        ScanRun run = ScanRun.in(dir, ".");
        assertThat(run.out()).contains("V1__x.sql:2:1: error [dbguard-allow] the dbguard:allow annotation names "
                + "unknown rule 'dorp'", "1 error");
        assertThat(run.exit()).isEqualTo(1);
    }

    @Test
    void notesDoNotFailTheBuildEvenOnWarnings(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("V1__x.sql"), """
                -- dbguard:allow drop reason="OPS-7 retired"
                DROP TABLE archive;
                """);
        ScanRun run = ScanRun.in(dir, "--fail-on", "warn", ".");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("note [drop]", "0 errors", "1 allowed");
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
