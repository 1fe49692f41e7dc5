package dev.dbguard.scan;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What is blanked or stood in for before the engine reads a file: same length and the same line breaks, so every
 * position the scan reports is the one in the file.
 */
class TextPreparationTest {

    @Test
    void placeholdersStandInAsIdentifiersOfTheSameLengthAndAreShownAsWritten() {
        Placeholders placeholders = Placeholders.in("DROP TABLE ${flyway:defaultSchema}.old_${suffix}");
        assertThat(placeholders.judged()).isEqualTo("DROP TABLE __flyway_defaultSchema_.old___suffix_");
        assertThat(placeholders.judged()).hasSameSizeAs("DROP TABLE ${flyway:defaultSchema}.old_${suffix}");
        assertThat(placeholders.restore("DROP TABLE __flyway_defaultSchema_.old___suffix_ (drop:__flyway_defaultSchema_.old___suffix_)"))
                .isEqualTo("DROP TABLE ${flyway:defaultSchema}.old_${suffix} (drop:${flyway:defaultSchema}.old_${suffix})");
        assertThat(Placeholders.in("DROP TABLE t").judged()).isEqualTo("DROP TABLE t");
    }

    @Test
    void liquibaseDirectivesAreBlankedInFormattedSqlOnly() {
        String formatted = "--liquibase formatted sql\n--changeset dev:1\nDROP TABLE a;\n--rollback CREATE TABLE a (id int);\n"
                + "/* liquibase rollback\nDROP TABLE b;\n*/\n-- a comment stays\n";
        String blanked = LiquibaseFormattedSql.forwardSql(formatted);
        assertThat(blanked).hasSameSizeAs(formatted);
        assertThat(blanked.lines().map(String::strip).toList()).containsExactly("", "", "DROP TABLE a;", "", "", "", "",
                "-- a comment stays");
        String plain = "--changeset is only a directive in formatted SQL\nDROP TABLE a;\n";
        assertThat(LiquibaseFormattedSql.forwardSql(plain)).isSameAs(plain);
    }

    @Test
    void copyDataIsBlankedUpToItsEndMarker() {
        String sql = "COPY t (a) FROM stdin;\n1;DROP TABLE x\n\\.\nTRUNCATE t;\n";
        String blanked = PostgresCopyData.blank(sql);
        assertThat(blanked).hasSameSizeAs(sql);
        assertThat(blanked.lines().map(String::strip).toList()).containsExactly("COPY t (a) FROM stdin;", "", "", "TRUNCATE t;");
    }

    @Test
    void mysqlDelimiterLinesCutTheFileIntoParts() {
        String sql = "CREATE TABLE a (id int);\nDELIMITER //\nCREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW BEGIN "
                + "DELETE FROM b; END//\nDROP TABLE c//\nDELIMITER ;\nTRUNCATE d;\n";
        var parts = MysqlDelimiters.parts(sql);
        assertThat(parts).extracting(MysqlDelimiters.Part::delimiter).containsExactly(";", "//", ";");
        var statements = MysqlDelimiters.statements(sql, parts.get(1)).stream()
                .map(range -> sql.substring(range[0], range[1]).strip()).toList();
        assertThat(statements).containsExactly(
                "CREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW BEGIN DELETE FROM b; END", "DROP TABLE c");
        assertThat(MysqlDelimiters.parts("DROP TABLE a;")).isNull();
    }
}
