package dev.dbguard.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

class SqlRedactorTest {

    static Stream<Arguments> redacts() {
        return Stream.of(
                arguments("SELECT * FROM users WHERE email = 'a@b.c' -- x", "SELECT * FROM users WHERE email = ?"),
                arguments("SELECT 1, 2.5, -3, 1e10, 0x1F", "SELECT ?, ?, -?, ?, ?"),
                arguments("UPDATE t SET a = E'x\\'y', b = $$z$$ WHERE id IN (1,2,3)",
                        "UPDATE t SET a = ?, b = ? WHERE id IN (?,?,?)"),
                arguments("UPDATE t SET a = $tag$ it's; secret $tag$", "UPDATE t SET a = ?"),
                arguments("SELECT  a\n\t FROM /* c /* nested */ */ t", "SELECT a FROM t"),
                arguments("SELECT a/*x*/FROM t", "SELECT a FROM t"),
                arguments("SELECT TRUE, FALSE, NULL", "SELECT TRUE, FALSE, NULL"),
                arguments("SELECT ? , $1, :name", "SELECT ? , $1, :name"),
                arguments("SELECT \"Weird 'name'\" FROM `t`", "SELECT \"Weird 'name'\" FROM `t`"),
                arguments("INSERT INTO t VALUES (DATE '2024-01-01', B'101', X'ff', U&'\\0041', N'x')",
                        "INSERT INTO t VALUES (DATE ?, ?, ?, ?, ?)"),
                arguments("SELECT 'unterminated", "SELECT ?"),
                arguments("CREATE FUNCTION f() RETURNS int AS $body$ SELECT 'secret' $body$ LANGUAGE sql",
                        "CREATE FUNCTION f() RETURNS int AS ? LANGUAGE sql"),
                arguments("-- only a comment", ""),
                arguments("DELETE FROM t WHERE id = 1; DROP TABLE x;", "DELETE FROM t WHERE id = ?; DROP TABLE x;"));
    }

    @ParameterizedTest
    @MethodSource
    void redacts(String sql, String expected) {
        assertThat(SqlRedactor.redact(sql)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void nothingGivesEmpty(String sql) {
        assertThat(SqlRedactor.redact(sql)).isEmpty();
    }
}
