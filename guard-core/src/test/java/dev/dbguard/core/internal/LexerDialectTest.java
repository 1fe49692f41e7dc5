package dev.dbguard.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lexer per reading: the same text gives the tokens its server reads. Readings are named {@code pg} (PostgreSQL,
 * standard_conforming_strings on), {@code pg-off} (off), {@code mysql}, {@code mariadb}, {@code mysql-ansi}
 * (ANSI_QUOTES), {@code mysql-nbe} (NO_BACKSLASH_ESCAPES) and {@code mysql-pipes} (PIPES_AS_CONCAT).
 */
class LexerDialectTest {

    private static final Map<String, LexicalRules> READINGS = Map.of(
            "pg", LexicalRules.POSTGRESQL,
            "pg-off", LexicalRules.postgresql(false),
            "mysql", LexicalRules.MYSQL,
            "mariadb", LexicalRules.MARIADB,
            "mysql-ansi", LexicalRules.mysql(false, true, false, false),
            "mysql-nbe", LexicalRules.mysql(false, false, true, false),
            "mysql-pipes", LexicalRules.mysql(false, false, false, true));

    /** Reading, text, and the tokens as {@code TYPE text} joined by {@code " | "}. */
    static Stream<Arguments> tokens() {
        return Stream.of(
                // ---- backslashes in plain strings ----
                arguments("pg", "SELECT 'x\\''; DROP TABLE t; -- '", "WORD SELECT | STRING 'x\\''; DROP TABLE t; -- '"),
                arguments("pg-off", "SELECT 'x\\''; DROP TABLE t; -- '",
                        "WORD SELECT | STRING 'x\\'' | SEMICOLON ; | WORD DROP | WORD TABLE | WORD t | SEMICOLON ;"),
                arguments("mysql", "SELECT 'x\\''; DROP TABLE t; -- '",
                        "WORD SELECT | STRING 'x\\'' | SEMICOLON ; | WORD DROP | WORD TABLE | WORD t | SEMICOLON ;"),
                arguments("mysql-nbe", "SELECT 'x\\''; DROP TABLE t; -- '", "WORD SELECT | STRING 'x\\''; DROP TABLE t; -- '"),
                arguments("mysql", "'O\\'Brien' x", "STRING 'O\\'Brien' | WORD x"),
                arguments("mysql-nbe", "'O\\'Brien' x", "STRING 'O\\' | WORD Brien | STRING ' x"),
                arguments("mysql", "'a\\\\' x", "STRING 'a\\\\' | WORD x"),
                arguments("pg", "E'a\\'' x", "STRING E'a\\'' | WORD x"),
                // ---- double quotes ----
                arguments("pg", "\"a\" = \"a\"", "QUOTED_IDENTIFIER \"a\" | OPERATOR = | QUOTED_IDENTIFIER \"a\""),
                arguments("mysql", "\"a\" = \"a\"", "STRING \"a\" | OPERATOR = | STRING \"a\""),
                arguments("mariadb", "\"a\\\"\" x", "STRING \"a\\\"\" | WORD x"),
                arguments("mysql-ansi", "\"a\" = \"a\"", "QUOTED_IDENTIFIER \"a\" | OPERATOR = | QUOTED_IDENTIFIER \"a\""),
                arguments("mysql", "\"it's\"; DROP", "STRING \"it's\" | SEMICOLON ; | WORD DROP"),
                arguments("pg", "\"it's\"; DROP", "QUOTED_IDENTIFIER \"it's\" | SEMICOLON ; | WORD DROP"),
                // ---- line comments ----
                arguments("mysql", "SELECT 1 # '\nDROP TABLE t", "WORD SELECT | NUMBER 1 | WORD DROP | WORD TABLE | WORD t"),
                arguments("pg", "SELECT 1 # '\nDROP TABLE t", "WORD SELECT | NUMBER 1 | OPERATOR # | STRING '\nDROP TABLE t"),
                arguments("mysql", "SELECT 1 --1 ; DROP TABLE t",
                        "WORD SELECT | NUMBER 1 | OPERATOR - | OPERATOR - | NUMBER 1 | SEMICOLON ; | WORD DROP | WORD TABLE "
                                + "| WORD t"),
                arguments("pg", "SELECT 1 --1 ; DROP TABLE t", "WORD SELECT | NUMBER 1"),
                arguments("mysql", "a -- b\nc", "WORD a | WORD c"),
                arguments("mysql", "a --\tb\nc", "WORD a | WORD c"),
                arguments("mysql", "a --\u0001b\nc", "WORD a | WORD c"),
                arguments("mysql", "a --", "WORD a"),
                arguments("mysql", "a--b", "WORD a | OPERATOR - | OPERATOR - | WORD b"),
                arguments("mysql", "a -- x\rDROP TABLE t", "WORD a"),
                arguments("pg", "a -- x\rDROP TABLE t", "WORD a | WORD DROP | WORD TABLE | WORD t"),
                arguments("mariadb", "a # x\rDROP TABLE t\nb", "WORD a | WORD b"),
                // ---- block comments ----
                arguments("pg", "SELECT 1; /* /* */ DROP TABLE t; -- */", "WORD SELECT | NUMBER 1 | SEMICOLON ;"),
                arguments("mysql", "SELECT 1; /* /* */ DROP TABLE t; -- */",
                        "WORD SELECT | NUMBER 1 | SEMICOLON ; | WORD DROP | WORD TABLE | WORD t | SEMICOLON ;"),
                arguments("mysql", "a /* unterminated", "WORD a"),
                arguments("mysql", "a /*+ hint */ b", "WORD a | WORD b"),
                // ---- executable comments ----
                arguments("mysql", "a/*!50000 DROP TABLE t */b", "WORD a | WORD DROP | WORD TABLE | WORD t | WORD b"),
                arguments("mysql", "/*!DROP TABLE t*/", "WORD DROP | WORD TABLE | WORD t"),
                arguments("mysql", "/*!800001 x */", "WORD x"),
                arguments("mysql", "/*!1234 x */", "NUMBER 1234 | WORD x"),
                arguments("mysql", "/*!40101 SET @x = 1 */;",
                        "WORD SET | OPERATOR @ | WORD x | OPERATOR = | NUMBER 1 | SEMICOLON ;"),
                arguments("mysql", "/*! a /* b */ c */ d", "WORD a | WORD c | WORD d"),
                arguments("mysql", "/*! SELECT '*/' */ x", "WORD SELECT | STRING '*/' | WORD x"),
                arguments("mysql", "/*! SELECT 1 -- */\nDROP TABLE t */", "WORD SELECT | NUMBER 1 | WORD DROP | WORD TABLE | WORD t"),
                arguments("mysql", "/*! unterminated DROP", "WORD unterminated | WORD DROP"),
                arguments("mysql", "2 */ 3", "NUMBER 2 | OPERATOR * | OPERATOR / | NUMBER 3"),
                arguments("mariadb", "/*M!100100 DELETE */", "WORD DELETE"),
                arguments("mariadb", "/*M! DELETE */", "WORD DELETE"),
                arguments("mysql", "/*M!100100 DELETE */ x", "WORD x"),
                arguments("pg", "/*M!100100 DELETE */ x", "WORD x"),
                arguments("pg", "/*!50000 DROP /* nested */ TABLE t */ x", "WORD x"),
                // ---- dollar signs ----
                arguments("pg", "$$; DROP TABLE t; $$", "STRING $$; DROP TABLE t; $$"),
                arguments("mysql", "$$; DROP TABLE t; $$",
                        "WORD $$ | SEMICOLON ; | WORD DROP | WORD TABLE | WORD t | SEMICOLON ; | WORD $$"),
                arguments("mysql", "$1 a$b $x", "WORD $1 | WORD a$b | WORD $x"),
                arguments("pg", "$1 a$b $x", "PARAMETER $1 | WORD a$b | OTHER $ | WORD x"),
                // ---- prefixes, introducers, numbers ----
                arguments("mysql", "_utf8mb4'DROP TABLE t' _BINARY 'x' _foo'y'",
                        "STRING _utf8mb4'DROP TABLE t' | STRING _BINARY 'x' | WORD _foo | STRING 'y'"),
                arguments("mysql", "_latin1\"x\"", "STRING _latin1\"x\""),
                arguments("mysql-ansi", "_latin1\"x\"", "WORD _latin1 | QUOTED_IDENTIFIER \"x\""),
                arguments("pg", "_utf8'x'", "WORD _utf8 | STRING 'x'"),
                arguments("mysql", "N'a\\'b' n'c'", "STRING N'a\\'b' | STRING n'c'"),
                arguments("mysql", "x'41' B'01' 0x41 0b01 0xZ 0X41", "STRING x'41' | STRING B'01' | NUMBER 0x41 | NUMBER 0b01 "
                        + "| WORD 0xZ | WORD 0X41"),
                arguments("mysql", "1st 2e5 1.5x 3", "WORD 1st | NUMBER 2e5 | NUMBER 1.5 | WORD x | NUMBER 3"),
                arguments("mysql", "t.1st `t`.2nd .5", "WORD t | DOT . | WORD 1st | QUOTED_IDENTIFIER `t` | DOT . | WORD 2nd "
                        + "| NUMBER .5"),
                arguments("pg", "t.1 .5", "WORD t | NUMBER .1 | NUMBER .5"),
                arguments("pg", "1st 1_000", "NUMBER 1st | NUMBER 1_000"),
                arguments("pg", "X'' ; DROP TABLE t; --'", "STRING X'' | SEMICOLON ; | WORD DROP | WORD TABLE | WORD t "
                        + "| SEMICOLON ;"),
                arguments("mysql", "x'' ; DROP TABLE t; #'", "STRING x'' | SEMICOLON ; | WORD DROP | WORD TABLE | WORD t "
                        + "| SEMICOLON ;"),
                arguments("pg", "B'1''1'", "STRING B'1' | STRING '1'"),
                arguments("mysql", "E'x'", "WORD E | STRING 'x'"),
                arguments("mysql", "U&'x'", "WORD U | OPERATOR & | STRING 'x'"),
                // ---- string continuation across a newline (PostgreSQL) ----
                arguments("pg", "'a'\n'b' c", "STRING 'a'\n'b' | WORD c"),
                arguments("pg", "'a' 'b'", "STRING 'a' | STRING 'b'"),
                arguments("pg", "'a' -- c\n  'b'", "STRING 'a' -- c\n  'b'"),
                arguments("pg", "E'a'\n'\\' x '; DROP TABLE t; --'",
                        "STRING E'a'\n'\\' x ' | SEMICOLON ; | WORD DROP | WORD TABLE | WORD t | SEMICOLON ;"),
                arguments("mysql", "'a'\n'b'", "STRING 'a' | STRING 'b'"),
                // ---- Unicode escapes and UESCAPE (PostgreSQL) ----
                arguments("pg", "U&'!0044ROP' UESCAPE '!' x", "STRING U&'!0044ROP' UESCAPE '!' | WORD x"),
                arguments("pg", "U&'!0044ROP' /* c */ uescape\n'!' x", "STRING U&'!0044ROP' /* c */ uescape\n'!' | WORD x"),
                arguments("pg", "U&'x' UESCAPE_x", "STRING U&'x' | WORD UESCAPE_x"),
                arguments("pg", "U&\"a\" UESCAPE '!'", "QUOTED_IDENTIFIER U&\"a\" UESCAPE '!'"),
                // ---- identifiers ----
                arguments("mysql", "`a``b`.`c`", "QUOTED_IDENTIFIER `a``b` | DOT . | QUOTED_IDENTIFIER `c`"),
                arguments("mysql", "`unterminated; DROP", "QUOTED_IDENTIFIER `unterminated; DROP"),
                // ---- operators ----
                arguments("mysql", "a<=>b a->>'$.x' a->'$' a:=1 a!=b a<>b a<=b a>=b a<<1 a>>1",
                        "WORD a | OPERATOR <=> | WORD b | WORD a | OPERATOR ->> | STRING '$.x' | WORD a | OPERATOR -> "
                                + "| STRING '$' | WORD a | OPERATOR := | NUMBER 1 | WORD a | OPERATOR != | WORD b | WORD a "
                                + "| OPERATOR <> | WORD b | WORD a | OPERATOR <= | WORD b | WORD a | OPERATOR >= | WORD b "
                                + "| WORD a | OPERATOR << | NUMBER 1 | WORD a | OPERATOR >> | NUMBER 1"),
                arguments("mysql", "@@session.sql_mode @v a||b a&&b !a a=-1",
                        "OPERATOR @@ | WORD session | DOT . | WORD sql_mode | OPERATOR @ | WORD v | WORD a | OPERATOR || "
                                + "| WORD b | WORD a | OPERATOR && | WORD b | OPERATOR ! | WORD a | WORD a | OPERATOR = "
                                + "| OPERATOR - | NUMBER 1"),
                arguments("pg", "a||b a#b a@>b a=-1", "WORD a | OPERATOR || | WORD b | WORD a | OPERATOR # | WORD b "
                        + "| WORD a | OPERATOR @> | WORD b | WORD a | OPERATOR = | OPERATOR - | NUMBER 1"),
                // ---- never fails ----
                arguments("mysql", "'unterminated \\", "STRING 'unterminated \\"),
                arguments("mysql", "\"unterminated", "STRING \"unterminated"),
                arguments("pg-off", "'a\\", "STRING 'a\\"),
                arguments("pg", "E'\\", "STRING E'\\"),
                arguments("pg", "U&'", "STRING U&'"),
                arguments("pg", "U&'x' UESCAPE '", "STRING U&'x' | WORD UESCAPE | STRING '"),
                arguments("mysql", "/*!", ""),
                arguments("mysql", "/*!5000", "NUMBER 5000"),
                arguments("mariadb", "/*M", ""),
                arguments("mysql", "_utf8 ", "WORD _utf8"),
                arguments("mysql", "0x", "WORD 0x"));
    }

    @ParameterizedTest(name = "[{0}] {1}")
    @MethodSource
    void tokens(String reading, String sql, String expected) {
        assertThat(LexerTest.render(Lexer.lex(sql, READINGS.get(reading)))).isEqualTo(expected);
    }

    /** Reading, text, and the value of its first token (a string). */
    static Stream<Arguments> stringValues() {
        return Stream.of(
                arguments("pg", "'it''s'", "it's"),
                arguments("pg", "'a\\nb'", "a\\nb"),
                arguments("pg-off", "'a\\nb\\''", "a\nb'"),
                arguments("pg-off", "'\\x44ROP'", "DROP"),
                arguments("pg", "E'\\x44ROP'", "DROP"),
                arguments("pg", "E'\\104ROP'", "DROP"),
                arguments("pg", "E'\\u0044ROP \\U00000054ABLE'", "DROP TABLE"),
                arguments("pg", "E'\\x \\q \\\\ \\''", "x q \\ '"),
                arguments("pg", "E'\\b\\f\\n\\r\\t'", "\b\f\n\r\t"),
                arguments("pg", "N'x''y'", "x'y"),
                arguments("pg-off", "N'x\\'y'", "x'y"),
                arguments("pg", "U&'\\0044ROP'", "DROP"),
                arguments("pg", "u&'\\+000044ROP'", "DROP"),
                arguments("pg", "U&'d\\0061t\\\\a'", "dat\\a"),
                arguments("pg", "U&'!0044ROP TABLE t' UESCAPE '!'", "DROP TABLE t"),
                arguments("pg", "U&'!0044ROP' /* c */ UESCAPE '!'", "DROP"),
                arguments("pg", "U&'a!!b\\0041' UESCAPE '!'", "a!b\\0041"),
                arguments("pg", "U&'\\zz'", "\\zz"),
                arguments("pg", "'a'\n'b' -- c\n'c'", "abc"),
                arguments("pg", "E'a'\n'\\x44'", "aD"),
                arguments("pg", "B'101'", "101"),
                arguments("pg", "X'1f'", "1f"),
                arguments("pg", "$q$it's$q$", "it's"),
                arguments("mysql", "'\\0\\'\\\"\\b\\n\\r\\t\\Z\\\\\\%\\_\\q'", "\u0000'\"\b\n\r\t\u001A\\\\%\\_q"),
                arguments("mysql", "'it''s'", "it's"),
                arguments("mysql", "\"say \"\"hi\"\" \\\"x\\\"\"", "say \"hi\" \"x\""),
                arguments("mysql-nbe", "'a\\nb'", "a\\nb"),
                arguments("mysql", "N'a\\tb'", "a\tb"),
                arguments("mysql", "_utf8mb4'DR\\OP'", "DROP"),
                arguments("mysql", "_binary 'x'", "x"),
                arguments("mysql", "x'44524F50'", "44524F50"),
                arguments("mariadb", "'unterminated \\", "unterminated \\"));
    }

    @ParameterizedTest(name = "[{0}] {1}")
    @MethodSource
    void stringValues(String reading, String sql, String expected) {
        Tokens tokens = Lexer.lex(sql, READINGS.get(reading));
        assertThat(tokens.type(0)).isEqualTo(TokenType.STRING);
        assertThat(tokens.stringValue(0)).isEqualTo(expected);
    }

    @Test
    void bitStringsAreRecognisedAfterTheirPrefixOnly() {
        Tokens tokens = Lexer.lex("x'41' b'1' _binary'x' 'x' N'x'", LexicalRules.MYSQL);
        List<Boolean> bits = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            bits.add(tokens.isBitString(i));
        }
        assertThat(bits).containsExactly(true, true, false, false, false);
    }

    @Test
    void identifiersLoseTheirQuotingPerReading() {
        Tokens pg = Lexer.lex("U&\"d\\0072op\" U&\"!0041\" UESCAPE '!' \"a\"\"b\"");
        assertThat(pg.identifier(0)).isEqualTo("drop");
        assertThat(pg.identifier(1)).isEqualTo("A");
        assertThat(pg.identifier(2)).isEqualTo("a\"b");
        Tokens ansi = Lexer.lex("\"a\"\"b\" `c``d`", LexicalRules.mysql(true, true, false, false));
        assertThat(ansi.identifier(0)).isEqualTo("a\"b");
        assertThat(ansi.identifier(1)).isEqualTo("c`d");
    }

    /** Reading, text, and whether JSqlParser's lexer would read some of it differently from the server. */
    static Stream<Arguments> parserMisreads() {
        return Stream.of(
                arguments("mysql", "SELECT \"a\"", true),
                arguments("mysql-ansi", "SELECT \"a\"", false),
                arguments("pg", "SELECT \"a\"\"b\"", false),
                arguments("mysql", "SELECT 1 # c\n", true),
                arguments("mysql", "SELECT a -- c\n", false),
                arguments("mysql", "SELECT a --c", true),
                arguments("pg", "SELECT a --c", false),
                arguments("mysql", "SELECT a -- c\r x", true),
                arguments("mysql", "SELECT a || b", true),
                arguments("mysql-pipes", "SELECT a || b", false),
                arguments("pg", "SELECT a || b", false),
                arguments("mysql", "SELECT 'O\\'Brien', 'a\\\\', 'b\\n'", false),
                arguments("mysql", "SELECT 'a\\'b''c'", true),
                arguments("mysql", "SELECT 'a\\%'", false),
                arguments("mysql", "SELECT 'a\\%\\''", true),
                arguments("mysql", "SELECT 'x\\''", true),
                arguments("mysql-nbe", "SELECT 'a\\'", true),
                arguments("mysql-nbe", "SELECT 'a\\b'", false),
                arguments("pg", "SELECT 'a\\'", true),
                arguments("pg", "SELECT 'C:\\dir'", false),
                arguments("pg", "SELECT E'\\n'", true),
                arguments("pg", "SELECT E'n'", false),
                arguments("pg-off", "SELECT '\\n', 'a\\'b'", false),
                arguments("pg-off", "SELECT '\\x41'", false), // JSqlParser ends it where PostgreSQL does
                arguments("pg", "SELECT $$x$$", false),
                arguments("pg", "SELECT $q$x$q$", true),
                arguments("pg", "SELECT $$a$b$$", true),
                arguments("pg", "SELECT $$unterminated", true),
                arguments("pg", "SELECT U&'x'", true),
                arguments("pg", "SELECT 'a'\n'b'", true),
                arguments("pg", "SELECT 'a', 'b'", false),
                arguments("pg", "SELECT a#b", true),
                arguments("pg", "SELECT a # b", true),
                arguments("pg", "SELECT a #>> '{x}', a #> '{y}'", false),
                arguments("pg", "SELECT a#>>'{x}'", true),
                arguments("pg", "SELECT a@>b", true),
                arguments("pg", "SELECT a @> b", false),
                arguments("pg", "SELECT 1_000", true),
                arguments("pg", "SELECT 1.5e3, .5", false),
                arguments("mysql", "SELECT 1st", true),
                arguments("mysql", "SELECT 0x1F, 1e3", false),
                arguments("mysql", "SELECT 0b1", true),
                arguments("mysql", "SELECT $x", true),
                arguments("mysql", "SELECT `a``b`", true),
                arguments("mysql", "SELECT `ab`", false),
                arguments("mysql", "SELECT _utf8mb4'x'", true),
                arguments("pg", "SELECT q'[x]'", true),
                arguments("pg", "SELECT x FROM t /* /* */ */", true),
                arguments("mysql", "SELECT x FROM t /* /* */", false),
                arguments("mysql", "SELECT x /*! FROM t */", true),
                arguments("mysql", "SELECT x /*M! FROM t */", false),
                arguments("mariadb", "SELECT x /*M! FROM t */", true),
                arguments("pg", "SELECT x /*! FROM t */", false),
                arguments("pg", "SELECT a // b", true),
                arguments("mysql", "SELECT a // b", true),
                arguments("pg", "SELECT X'41' 'a'", true),
                arguments("pg", "SELECT X'41', B'1'", false),
                arguments("mysql", "SELECT a@b", true),
                arguments("mysql", "SELECT @a, @@b", false));
    }

    @ParameterizedTest(name = "[{0}] {1} -> {2}")
    @MethodSource
    void parserMisreads(String reading, String sql, boolean expected) {
        assertThat(Lexer.lex(sql, READINGS.get(reading)).parserMayMisread(0, sql.length())).isEqualTo(expected);
    }

    @Test
    void misreadsAreFoundOnlyInsideTheirStatement() {
        String sql = "SELECT 1; SELECT \"x\"; SELECT 2";
        Tokens tokens = Lexer.lex(sql, LexicalRules.MYSQL);
        int second = sql.indexOf("SELECT \"x\"");
        assertThat(tokens.parserMayMisread(0, 8)).isFalse();
        assertThat(tokens.parserMayMisread(second, second + 10)).isTrue();
        assertThat(tokens.parserMayMisread(second + 11, sql.length())).isFalse();
    }

    @Test
    void marksFromALookAheadStayInOrder() {
        // the UESCAPE look-ahead marks the nested comment before the main pass marks it again
        String sql = "SELECT U&'x' /* /* */ */ , a #// b; SELECT 2 /* /* */ */ ; SELECT 3";
        Tokens tokens = Lexer.lex(sql);
        int second = sql.indexOf("SELECT 2");
        int third = sql.indexOf("SELECT 3");
        assertThat(tokens.parserMayMisread(0, second - 2)).isTrue();
        assertThat(tokens.parserMayMisread(second, second + 8)).isFalse();
        assertThat(tokens.parserMayMisread(second, third - 2)).isTrue();
        assertThat(tokens.parserMayMisread(third, sql.length())).isFalse();
        assertThat(tokens.parserMayMisread(sql.indexOf("#//"), sql.indexOf("#//") + 1)).isTrue();
    }
}
