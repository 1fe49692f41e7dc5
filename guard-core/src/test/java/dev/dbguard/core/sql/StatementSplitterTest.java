package dev.dbguard.core.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StatementSplitterTest {

    static Stream<Arguments> statements() {
        return Stream.of(
                arguments("SELECT 1; SELECT 2", List.of("SELECT 1", "SELECT 2")),
                arguments("SELECT 1;;  ; -- c\n ; /* x */", List.of("SELECT 1")),
                arguments("", List.of()),
                arguments("-- only a comment\n/* and /* a nested */ one */", List.of()),
                arguments("SELECT 'DROP TABLE x; x'; SELECT 2", List.of("SELECT 'DROP TABLE x; x'", "SELECT 2")),
                arguments("SELECT $$; DROP TABLE t; $$", List.of("SELECT $$; DROP TABLE t; $$")),
                arguments("SELECT $x$ ; $$ ; $x$; SELECT 2", List.of("SELECT $x$ ; $$ ; $x$", "SELECT 2")),
                arguments("SELECT E'\\';' ; SELECT 2", List.of("SELECT E'\\';'", "SELECT 2")),
                arguments("SELECT 1 /* ; /* ; */ ; */; SELECT 2", List.of("SELECT 1", "SELECT 2")),
                arguments("SELECT \"a;b\"; SELECT `c;d`", List.of("SELECT \"a;b\"", "SELECT `c;d`")),
                arguments("SELECT 1\n\n\nSELECT 2", List.of("SELECT 1\n\n\nSELECT 2")),
                arguments("CREATE RULE r AS ON DELETE TO t DO ALSO (DELETE FROM a; DELETE FROM b); SELECT 1",
                        List.of("CREATE RULE r AS ON DELETE TO t DO ALSO (DELETE FROM a; DELETE FROM b)", "SELECT 1")),
                arguments("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; "
                                + "SELECT CASE WHEN true THEN 1 END; END; SELECT 2",
                        List.of("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; "
                                + "SELECT CASE WHEN true THEN 1 END; END", "SELECT 2")),
                arguments("CREATE OR REPLACE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC DELETE FROM t WHERE a; END;"
                                + " DROP TABLE x",
                        List.of("CREATE OR REPLACE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC DELETE FROM t WHERE a; END",
                                "DROP TABLE x")),
                arguments("CREATE PROCEDURE p() BEGIN IF a THEN DELETE FROM t; END IF; SELECT REPEAT('a', 2); "
                                + "lbl: LOOP LEAVE lbl; END LOOP; END; DROP TABLE x",
                        List.of("CREATE PROCEDURE p() BEGIN IF a THEN DELETE FROM t; END IF; SELECT REPEAT('a', 2); "
                                + "lbl: LOOP LEAVE lbl; END LOOP; END", "DROP TABLE x")),
                arguments("CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; END; SELECT 1",
                        List.of("CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; END",
                                "SELECT 1")),
                arguments("CREATE TABLE t (a int); BEGIN; DELETE FROM t; COMMIT",
                        List.of("CREATE TABLE t (a int)", "BEGIN", "DELETE FROM t", "COMMIT")),
                arguments("SELECT 1); DROP TABLE t", List.of("SELECT 1)", "DROP TABLE t")),
                arguments("SELECT (1; DROP TABLE t", List.of("SELECT (1; DROP TABLE t")),
                arguments("'unterminated; DROP TABLE t", List.of("'unterminated; DROP TABLE t")),
                // PostgreSQL reads /*! as a comment; MySQL runs it (LexerDialectTest, verdicts/dialects.txt)
                arguments("SELECT 1 /*! ; DROP TABLE t */", List.of("SELECT 1")),
                arguments("  SELECT 1  -- trailing\n", List.of("SELECT 1")));
    }

    @ParameterizedTest
    @MethodSource
    void statements(String sql, List<String> expected) {
        Tokens tokens = Lexer.lex(sql);
        int[] pieces = StatementSplitter.split(tokens);
        List<String> texts = new ArrayList<>();
        for (int p = 0; p < pieces.length; p += 2) {
            texts.add(sql.substring(tokens.start(pieces[p]), tokens.end(pieces[p + 1] - 1)));
        }
        assertThat(texts).isEqualTo(expected);
    }
}
