package dev.dbguard.testsupport;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class KnownBenignTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " => ", nullValues = "none", textBlock = """
            SELECT * FROM t WHERE a = 1 => plain SELECT
            select replace(name, 'a', 'b') from t => plain SELECT
            SELECT updated_at, deleted FROM t => plain SELECT
            SELECT * FROM t FOR UPDATE => none
            WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d => none
            SELECT * INTO new_t FROM t => none
            SELECT dblink_exec('c', 'DROP TABLE t') => none
            INSERT INTO t (a, b) VALUES (1, 2) => plain INSERT
            INSERT INTO "s"."t" SELECT * FROM u => plain INSERT
            INSERT INTO t VALUES (1) ON CONFLICT (a) DO UPDATE SET b = 2 => none
            CREATE TABLE c (id int REFERENCES p ON DELETE CASCADE) => CREATE
            CREATE UNIQUE INDEX i ON t (a) WHERE deleted_at IS NULL => CREATE
            CREATE OR REPLACE TABLE t (id int) => none
            CREATE FUNCTION f() RETURNS void AS 'DROP TABLE t' LANGUAGE sql => none
            DELETE FROM t WHERE id = 1 => scoped DML
            UPDATE t SET a = 1, b = 'x' WHERE "Id" IN (1, 2) => scoped DML
            DELETE FROM t WHERE 1 = 1 => none
            DELETE FROM t WHERE id = 1 OR 1 = 1 => none
            DELETE FROM t WHERE id = 5 || 1 = 1 => none
            DELETE FROM t => none
            UPDATE t SET a = 1 FROM u WHERE t.id = u.id => none
            DELETE FROM t USING u WHERE t.id = u.id => none
            UPDATE t SET a = (SELECT max(b) FROM u) WHERE id = 1 => none
            DELETE FROM t WHERE id = 1; DROP TABLE t => none
            """)
    void recognisesOnlyTheStatementsItPromises(String statement, String expected) {
        assertThat(KnownBenign.classOf(statement).orElse(null)).isEqualTo(expected);
    }
}
