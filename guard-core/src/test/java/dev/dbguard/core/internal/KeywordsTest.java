package dev.dbguard.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeywordsTest {

    @Test
    void holdsEveryWordTheConditionReaderTestsAgainst() {
        // Tokens.keyword() answers null for a word not in the table: RowScope then takes it for none of these
        Stream.of(RowScope.KEYWORDS, RowScope.IS_PREDICATES, RowScope.TYPE_WORDS, RowScope.INTERVAL_UNITS,
                        RowScope.NAME_WORDS, TableReferences.JOIN_WORDS, TableReferences.CLAUSE_WORDS)
                .flatMap(Set::stream)
                .forEach(word -> assertThat(Keywords.find(word, 0, word.length())).as(word).isSameAs(
                        Keywords.all().stream().filter(word::equals).findFirst().orElseThrow()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"delete", "Where", "sTRAIGHT_JOIN", "tasks", "id", "x", "dıstinct", "ſelect", "ﬁrst",
            "Kelvin\u212A", "\"where\"", "wheree", "_", "é"})
    void upperIsWhatUpperCasingTheTextGives(String text) {
        Tokens tokens = Lexer.lex(text);
        for (int i = 0; i < tokens.size(); i++) {
            String expected = tokens.text(i).toUpperCase(Locale.ROOT);
            assertThat(tokens.upper(i)).isEqualTo(expected);
            String keyword = tokens.keyword(i);
            if (keyword == null) {
                assertThat(Keywords.all()).doesNotContain(expected);
            } else {
                assertThat(keyword).isEqualTo(expected);
            }
        }
    }

    @Test
    void aKnownWordIsOneConstantInAnyCase() {
        Tokens tokens = Lexer.lex("delete DELETE Delete where");
        assertThat(tokens.upper(0)).isSameAs(tokens.upper(1)).isSameAs(tokens.upper(2)).isEqualTo("DELETE");
        assertThat(tokens.keyword(3)).isEqualTo("WHERE");
        assertThat(Lexer.lex("tasks").keyword(0)).isNull();
    }

    @Test
    void aNonAsciiSpellingIsUpperCasedNotMatched() {
        // U+0131 (dotless i) upper-cases to I: keyword() hands the upper-cased text on, as upper() always did
        assertThat(Lexer.lex("dıstinct").keyword(0)).isEqualTo("DISTINCT");
        assertThat(Keywords.find("dıstinct", 0, 8)).isNull();
    }
}
