package dev.dbguard.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The one reader of {@code -- dbguard:allow} annotations, shared by the scan and the runtime. */
class AllowAnnotationTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "-- dbguard:allow drop reason=\"OPS-1 retired\"                  | drop           | OPS-1 retired | null",
            "--dbguard:allow truncate reason=\"why\"                         | truncate       | why           | null",
            "   -- dbguard:allow alter-drop,drop reason = \"a -- b\"         | alter-drop drop | a -- b       | null",
            "-- dbguard:allow alter-drop, drop reason=\"x\"                  | alter-drop drop | x            | null",
            "-- dbguard:allow DROP reason=\"upper case is the rule id\"      | drop   | upper case is the rule id | null",
            "-- dbguard:allow drop                                           | drop           | null | gives no reason",
            "-- dbguard:allow drop reason=\"\"                               | drop           | null | empty reason",
            "-- dbguard:allow drop reason=\"  \"                             | drop           | null | empty reason",
            "-- dbguard:allow drop reason=retired                            | drop           | null | not one double-quoted",
            "-- dbguard:allow drop reason=\"a\" trailing                     | drop           | null | not one double-quoted",
            "-- dbguard:allow reason=\"no rule\"                             | ''             | null | names no rule",
            "-- dbguard:allow                                                | ''             | null | names no rule",
            "-- dbguard:allow dorp reason=\"typo\"                           | dorp           | typo | names unknown rule",
            "-- dbguard:allow drop,dorp,trunc reason=\"typo\"                | drop dorp trunc | typo | dorp', 'trunc",
    })
    void annotations(String line, String rules, String reason, String problem) {
        AllowAnnotation annotation = AllowAnnotation.parse(line);
        assertThat(annotation).isNotNull();
        assertThat(String.join(" ", annotation.rules())).isEqualTo(rules);
        if (problem == null) {
            assertThat(annotation.reason()).isEqualTo(reason);
            assertThat(annotation.valid()).isTrue();
            assertThat(annotation.allows(annotation.rules().get(0))).isTrue();
        } else {
            assertThat(annotation.valid()).isFalse();
            assertThat(annotation.problem()).contains(problem).contains("dbguard:allow").doesNotContain("\n");
            assertThat(annotation.rules()).noneMatch(annotation::allows);
        }
    }

    @Test
    void linesWithoutAnAnnotationAreNone() {
        assertThat(AllowAnnotation.parse("-- an ordinary comment")).isNull();
        assertThat(AllowAnnotation.parse("-- dbguard:allowed drop reason=\"x\"")).isNull();
        assertThat(AllowAnnotation.parse("DROP TABLE x; -- dbguard:allow drop reason=\"trailing is not one\"")).isNull();
        assertThat(AllowAnnotation.parse("/* dbguard:allow drop reason=\"block comments are not\" */")).isNull();
    }

    @Test
    void onLinesReadsOnlyLinesThatBeginInTheRange() {
        String text = "DROP TABLE a; -- dbguard:allow drop reason=\"after a\"\n"
                + "-- dbguard:allow truncate reason=\"for b\"\nTRUNCATE b";
        int b = text.indexOf("TRUNCATE");
        List<AllowAnnotation> found = AllowAnnotation.onLines(text, text.indexOf(';') + 1, b);
        assertThat(found).extracting(AllowAnnotation::reason).containsExactly("for b");
        assertThat(AllowAnnotation.onLines(text, 0, b)).hasSize(1);
        assertThat(AllowAnnotation.onLines("-- dbguard:allow drop reason=\"x\"\r\nDROP TABLE a", 0, 34)).hasSize(1);
    }
}
