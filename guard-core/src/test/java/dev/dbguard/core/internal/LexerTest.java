package dev.dbguard.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LexerTest {

    static Stream<Arguments> tokens() {
        return Stream.of(
                arguments("SELECT 1", "WORD SELECT | NUMBER 1"),
                arguments("/* a /* nested */ still comment */ x", "WORD x"),
                arguments("/* a /* nested */ still comment x", ""),
                arguments("x -- line comment ; DROP\ny", "WORD x | WORD y"),
                arguments("x/**/y", "WORD x | WORD y"),
                arguments("'it''s' x", "STRING 'it''s' | WORD x"),
                arguments("E'\\'' x", "STRING E'\\'' | WORD x"),
                arguments("e'a\\\\' x", "STRING e'a\\\\' | WORD x"),
                arguments("'a\\' x", "STRING 'a\\' | WORD x"),
                arguments("U&'\\0041' U&\"x\" B'101' X'ff' N'n'",
                        "STRING U&'\\0041' | QUOTED_IDENTIFIER U&\"x\" | STRING B'101' | STRING X'ff' | STRING N'n'"),
                arguments("$$a;b$$ c", "STRING $$a;b$$ | WORD c"),
                arguments("$tag$ $$ ; $tag$ d", "STRING $tag$ $$ ; $tag$ | WORD d"),
                arguments("$a$ x $b$ y $a$", "STRING $a$ x $b$ y $a$"),
                arguments("$$ unterminated ; DROP TABLE t", "STRING $$ unterminated ; DROP TABLE t"),
                arguments("'unterminated ; DROP", "STRING 'unterminated ; DROP"),
                arguments("\"unterminated", "QUOTED_IDENTIFIER \"unterminated"),
                arguments("\"drop\" \"a\"\"b\"", "QUOTED_IDENTIFIER \"drop\" | QUOTED_IDENTIFIER \"a\"\"b\""),
                arguments("`a``b`.`c`", "QUOTED_IDENTIFIER `a``b` | DOT . | QUOTED_IDENTIFIER `c`"),
                arguments("ab$c$d é_col _x1", "WORD ab$c$d | WORD é_col | WORD _x1"),
                arguments("$1 ? :name x::int",
                        "PARAMETER $1 | PARAMETER ? | PARAMETER :name | WORD x | OPERATOR :: | WORD int"),
                arguments("id=?", "WORD id | OPERATOR = | PARAMETER ?"),
                arguments("x := 1", "WORD x | OPERATOR := | NUMBER 1"),
                arguments("a<>b", "WORD a | OPERATOR <> | WORD b"),
                arguments("a=-1", "WORD a | OPERATOR = | OPERATOR - | NUMBER 1"),
                arguments("a @- b", "WORD a | OPERATOR @- | WORD b"),
                arguments("a||b->>'k'", "WORD a | OPERATOR || | WORD b | OPERATOR ->> | STRING 'k'"),
                arguments("a*/*c*/b", "WORD a | OPERATOR * | WORD b"),
                arguments("1.5e3 .5 0x1F 1_000", "NUMBER 1.5e3 | NUMBER .5 | NUMBER 0x1F | NUMBER 1_000"),
                arguments("f(a, b); [1]", "WORD f | LEFT_PAREN ( | WORD a | COMMA , | WORD b | RIGHT_PAREN ) "
                        + "| SEMICOLON ; | OTHER [ | NUMBER 1 | OTHER ]"),
                // PostgreSQL reads MySQL's executable comments as comments (MySQL readings: LexerDialectTest)
                arguments("a/*!50000 DROP TABLE t */b", "WORD a | WORD b"),
                arguments("/*M!100100 DELETE */", ""),
                arguments("\\d users", "OTHER \\ | WORD d | WORD users"),
                arguments("", ""),
                arguments("   \n\t ", ""));
    }

    @ParameterizedTest
    @MethodSource
    void tokens(String sql, String expected) {
        assertThat(render(Lexer.lex(sql))).isEqualTo(expected);
    }

    @Test
    void parenthesesGiveDepth() {
        Tokens tokens = Lexer.lex("a (b (c) d) e ) f");
        List<String> depths = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            depths.add(tokens.text(i) + tokens.depth(i));
        }
        assertThat(depths).containsExactly("a0", "(0", "b1", "(1", "c2", ")1", "d1", ")0", "e0", ")0", "f0");
    }

    @Test
    void stringValuesUndoQuoting() {
        Tokens tokens = Lexer.lex("'it''s' E'a\\'b\\n\\x41\\101' $q$x'y$q$ U&'d''x' $$unterminated");
        assertThat(tokens.stringValue(0)).isEqualTo("it's");
        assertThat(tokens.stringValue(1)).isEqualTo("a'b\nAA");
        assertThat(tokens.stringValue(2)).isEqualTo("x'y");
        assertThat(tokens.stringValue(3)).isEqualTo("d'x");
        assertThat(tokens.stringValue(4)).isEqualTo("unterminated");
    }

    @Test
    void identifiersLoseTheirQuotes() {
        Tokens tokens = Lexer.lex("\"My \"\"Table\"\"\" `a``b` plain");
        assertThat(tokens.identifier(0)).isEqualTo("My \"Table\"");
        assertThat(tokens.identifier(1)).isEqualTo("a`b");
        assertThat(tokens.identifier(2)).isEqualTo("plain");
    }

    @Test
    void keywordsMatchWholeWordsInAnyAsciiCase() {
        Tokens tokens = Lexer.lex("DeLeTe updated_at \"UPDATE\" drop");
        assertThat(tokens.isDestructiveKeyword(0)).isTrue();
        assertThat(tokens.isDestructiveKeyword(1)).isFalse();
        assertThat(tokens.isDestructiveKeyword(2)).isFalse();
        assertThat(tokens.isDestructiveKeyword(3)).isTrue();
        assertThat(tokens.isWord(3, "DROP")).isTrue();
        assertThat(tokens.isWord(3, "DRO")).isFalse();
    }

    @Test
    void marksWhatJSqlParserReadsDifferently() {
        String nested = "DELETE FROM t WHERE 1=1 /* /* */ AND id = 5 /* */ -- */";
        assertThat(Lexer.lex(nested).parserMayMisread(0, nested.length())).isTrue();
        String executable = "DELETE FROM t WHERE id = 5 /*! OR 1=1 */";
        assertThat(Lexer.lex(executable, LexicalRules.MYSQL).parserMayMisread(0, executable.length())).isTrue();
        assertThat(Lexer.lex(executable).parserMayMisread(0, executable.length())).isFalse(); // a comment to both
        String slashes = "DELETE FROM t WHERE id = 5 // 5 OR 1=1";
        assertThat(Lexer.lex(slashes).parserMayMisread(0, slashes.length())).isTrue();
        String plain = "DELETE FROM t /* plain */ WHERE id = 5 -- x";
        assertThat(Lexer.lex(plain).parserMayMisread(0, plain.length())).isFalse();
    }

    static String render(Tokens tokens) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            if (i > 0) {
                out.append(" | ");
            }
            out.append(tokens.type(i)).append(' ').append(tokens.text(i));
        }
        return out.toString();
    }
}
