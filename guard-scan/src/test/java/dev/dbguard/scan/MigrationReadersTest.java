package dev.dbguard.scan;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What the table cannot show: stdin, how a placeholder is shown, and the SQL a Liquibase change stands for. */
class MigrationReadersTest {

    @Test
    void prismaMigrateDiffIsReadFromStdin() throws Exception {
        String diff = Files.readString(ScanRun.fixtures().resolve("prisma-diff/migrate-diff.txt"));
        ScanRun run = ScanRun.withStdin(ScanRun.fixtures(), diff, "-");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out().lines().toList()).hasSize(4);
        assertThat(run.out()).startsWith("<stdin>:3:1: error [alter-drop] ALTER TABLE Comment DROP CONSTRAINT "
                + "Comment_taskId_fkey: refused in production");
        assertThat(run.out()).contains("<stdin>:6:1: error [alter-drop] ALTER TABLE Task DROP COLUMN note: refused",
                "<stdin>:10:1: error [drop] DROP TABLE Comment: refused in production");
    }

    @Test
    void aPlaceholderIsShownAsWritten() {
        ScanRun run = ScanRun.in(ScanRun.fixtures(), "flyway-placeholders");
        assertThat(run.out()).contains("V4__placeholders.sql:6:1: error [drop] DROP TABLE ${schema}.old_${suffix}: "
                        + "refused in production; to ship it deliberately, allow-list it (dbguard.allow=drop:${schema}.old_${suffix})",
                "V4__placeholders.sql:7:1: error [alter-drop] ALTER TABLE ${table} DROP COLUMN note: refused");
    }

    @Test
    void liquibaseChangesAreJudgedAsTheSqlLiquibaseSends() {
        ScanRun run = ScanRun.in(ScanRun.fixtures(), "--format", "json", "liquibase-yaml/db.changelog-master.yaml");
        assertThat(run.out()).contains("\"statement\": \"DROP TABLE old_orders CASCADE\"",
                "\"statement\": \"ALTER TABLE orders DROP COLUMN a, DROP COLUMN b\"",
                "\"statement\": \"UPDATE orders SET status = ?\"",
                "\"statement\": \"ALTER TABLE order_lines DROP CONSTRAINT \\\"every foreign key\\\"\"");
        ScanRun mysql = ScanRun.in(ScanRun.fixtures(), "--format", "json", "--dialect", "mysql",
                "liquibase-yaml/db.changelog-master.yaml");
        assertThat(mysql.out()).contains("\"statement\": \"DROP INDEX orders_status_idx ON orders\"",
                "\"statement\": \"ALTER TABLE order_lines DROP FOREIGN KEY fk_lines_order\"");
    }

    @Test
    void aYamlFileThatIsNoChangelogIsNotJudged(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("application.yml"), "spring:\n  sql: DROP TABLE x\n");
        ScanRun run = ScanRun.in(dir, "application.yml");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("dbguard-scan: 1 file, 0 statements: 0 errors");
    }
}
