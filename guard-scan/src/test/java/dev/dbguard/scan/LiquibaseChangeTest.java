package dev.dbguard.scan;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each Liquibase change and the SQL Liquibase sends for it, on PostgreSQL and on MySQL (the text the engine judges). */
class LiquibaseChangeTest {

    @ParameterizedTest(name = "{0} {1} on {2}")
    @CsvSource(delimiter = '|', textBlock = """
            dropTable                    | tableName=old,cascadeConstraints=true        | pg    | DROP TABLE old CASCADE
            dropTable                    | tableName=old,cascadeConstraints=true        | mysql | DROP TABLE old
            dropTable                    | tableName=Old Orders,schemaName=app          | pg    | DROP TABLE app."Old Orders"
            dropTable                    | tableName=Old Orders                         | mysql | DROP TABLE `Old Orders`
            dropColumn                   | tableName=t,columnName=a                     | pg    | ALTER TABLE t DROP COLUMN a
            dropView                     | viewName=v,schemaName=s                      | pg    | DROP VIEW s.v
            dropSequence                 | sequenceName=q                               | pg    | DROP SEQUENCE q
            dropIndex                    | indexName=i,tableName=t                      | pg    | DROP INDEX i
            dropIndex                    | indexName=i,tableName=t                      | mysql | DROP INDEX i ON t
            dropForeignKeyConstraint     | baseTableName=t,constraintName=fk            | pg    | ALTER TABLE t DROP CONSTRAINT fk
            dropForeignKeyConstraint     | baseTableName=t,constraintName=fk            | mysql | ALTER TABLE t DROP FOREIGN KEY fk
            dropPrimaryKey               | tableName=t                                  | pg    | ALTER TABLE t DROP CONSTRAINT t_pkey
            dropPrimaryKey               | tableName=t,constraintName=pk                | mysql | ALTER TABLE t DROP PRIMARY KEY
            dropUniqueConstraint         | tableName=t,constraintName=u                 | mysql | ALTER TABLE t DROP INDEX u
            dropAllForeignKeyConstraints | baseTableName=t                              | pg    | ALTER TABLE t DROP CONSTRAINT "every foreign key"
            delete                       | tableName=t                                  | pg    | DELETE FROM t
            renameTable                  | oldTableName=a,newTableName=b                | pg    | ALTER TABLE a RENAME TO b
            renameColumn                 | tableName=t,oldColumnName=a,newColumnName=b  | mysql | ALTER TABLE t RENAME COLUMN a TO b
            renameView                   | oldViewName=a,newViewName=b                  | pg    | ALTER VIEW a RENAME TO b
            renameView                   | oldViewName=a,newViewName=b                  | mysql | RENAME TABLE a TO b
            renameSequence               | oldSequenceName=a,newSequenceName=b          | pg    | ALTER SEQUENCE a RENAME TO b
            modifyDataType               | tableName=t,columnName=c,newDataType=int     | pg    | ALTER TABLE t ALTER COLUMN c TYPE int
            modifyDataType               | tableName=t,columnName=c,newDataType=int     | mysql | ALTER TABLE t MODIFY c int
            """)
    void theSqlLiquibaseSends(String change, String attributes, String dialect, String sql) {
        Map<String, String> map = new HashMap<>();
        for (String pair : attributes.split(",")) {
            String[] kv = pair.split("=", 2);
            map.put(kv[0], kv[1]);
        }
        assertThat(new LiquibaseChange(change, 0, map, List.of(), null).toSql(dialect.equals("mysql"))).isEqualTo(sql);
    }

    @ParameterizedTest(name = "{0} with columns {1} where {2}")
    @CsvSource(delimiter = '|', textBlock = """
            dropColumn | a b    |                 | ALTER TABLE t DROP COLUMN a, DROP COLUMN b
            update     | status |                 | UPDATE t SET status = ?
            update     | status | status IS NULL  | UPDATE t SET status = ? WHERE status IS NULL
            delete     |        | id < 10         | DELETE FROM t WHERE id < 10
            """)
    void nestedColumnsAndWhere(String change, String columns, String where, String sql) {
        List<String> names = columns == null ? List.of() : Arrays.asList(columns.split(" "));
        assertThat(new LiquibaseChange(change, 0, Map.of("tableName", "t"), names, where).toSql(false)).isEqualTo(sql);
    }
}
