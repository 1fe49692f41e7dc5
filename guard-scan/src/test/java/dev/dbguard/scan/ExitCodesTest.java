package dev.dbguard.scan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Exit codes scripts can trust: 0 clean, 1 findings at or above --fail-on, 2 usage or configuration error. */
class ExitCodesTest {

    @Test
    void helpListsEveryOptionWithItsDefault() {
        ScanRun run = ScanRun.in(ScanRun.fixtures(), "--help");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("--env=NAME", "Default: production", "--config=FILE", "--format=FORMAT",
                "Default: text", "--fail-on=LEVEL", "Default: refuse", "--dialect=DIALECT", "else postgresql",
                "--changed-since=REF", "--baseline=FILE", "--write-baseline=FILE", "src/main/resources/db/migration",
                "prisma/migrations", "Exit codes");
    }

    @Test
    void anUnknownOptionIsAUsageErrorWithoutStackTrace() {
        ScanRun run = ScanRun.in(ScanRun.fixtures(), "--frobnicate");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option: '--frobnicate'").doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void badValuesSayWhatToUse() {
        assertThat(ScanRun.in(ScanRun.fixtures(), "--format", "xml").err()).contains("use text, json, sarif or github");
        assertThat(ScanRun.in(ScanRun.fixtures(), "--format", "xml").exit()).isEqualTo(2);
        assertThat(ScanRun.in(ScanRun.fixtures(), "--fail-on", "always").err()).contains("use refuse, warn or never");
        assertThat(ScanRun.in(ScanRun.fixtures(), "--dialect", "oracle").err()).contains("postgresql, mysql or mariadb");
        assertThat(ScanRun.in(ScanRun.fixtures(), "--dialect", "oracle").exit()).isEqualTo(2);
    }

    @Test
    void aMissingPathIsAUsageError() {
        ScanRun run = ScanRun.in(ScanRun.fixtures(), "no/such/dir");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("dbguard-scan: no such file or directory: no/such/dir" + System.lineSeparator());
    }

    @Test
    void aMalformedConfigurationNamesTheKey() {
        ScanRun run = ScanRun.in(ScanRun.fixtures(), "--config", "config/bad.properties", "flyway");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("dbguard.unparsed-policy=sometimes", "config/bad.properties",
                "use one of block, audit, allow").doesNotContain("\tat ");
    }

    @Test
    void aMissingOrMalformedConfigurationFileIsAUsageError(@TempDir Path dir) throws Exception {
        assertThat(ScanRun.in(dir, "--config", "nope.yml").err()).contains("--config nope.yml: no such file");
        Files.writeString(dir.resolve("application.yml"), "dbguard:\n  allow: [drop:x\n");
        ScanRun run = ScanRun.in(dir, "--config", "application.yml");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("not valid YAML at line").doesNotContain("\tat ");
        Files.writeString(dir.resolve("app.toml"), "x = 1\n");
        assertThat(ScanRun.in(dir, "--config", "app.toml").err()).contains("use a .properties, .yml or .yaml file");
    }

    @Test
    void defaultLocationsAreScannedWhenNoPathIsGiven(@TempDir Path project) throws Exception {
        Path migrations = Files.createDirectories(project.resolve("src/main/resources/db/migration"));
        Files.writeString(migrations.resolve("V1__init.sql"), "CREATE TABLE t (id int);\n");
        Path prisma = Files.createDirectories(project.resolve("prisma/migrations/2025_x"));
        Files.writeString(prisma.resolve("migration.sql"), "\n\nDROP TABLE \"Old\";\n");
        Files.writeString(project.resolve("elsewhere.sql"), "DROP TABLE not_a_migration;\n");
        ScanRun run = ScanRun.in(project);
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).startsWith("prisma/migrations/2025_x/migration.sql:3:1: error [drop] DROP TABLE Old")
                .contains("dbguard-scan: 2 files, 2 statements").doesNotContain("not_a_migration");
    }

    @Test
    void nothingToScanIsClean(@TempDir Path empty) {
        ScanRun run = ScanRun.in(empty);
        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("dbguard-scan: 0 files, 0 statements");
    }

    @Test
    void stdinIsScannedWithDash() {
        ScanRun run = ScanRun.withStdin(ScanRun.fixtures(), "SELECT 1;\nTRUNCATE audit_log;\n", "-");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).startsWith("<stdin>:2:1: error [truncate] TRUNCATE audit_log");
    }

    @Test
    void anUnreadableFileIsReportedAndTheOthersAreStillScanned(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("V1__latin1.sql"), new byte[] {'D', 'R', 'O', 'P', ' ', (byte) 0xE9, ';'});
        Files.writeString(dir.resolve("V2__ok.sql"), "DROP TABLE t;\n");
        ScanRun run = ScanRun.in(dir, ".");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).contains("V1__latin1.sql:1:1: error [scan-error] cannot read the file: not UTF-8 text",
                "V2__ok.sql:1:1: error [drop] DROP TABLE t", "1 not scanned");
    }

    @Test
    void anXmlFileThatIsNoChangelogIsNotJudgedAsOne(@TempDir Path dir) throws Exception {
        // a MyBatis mapper, as a pre-commit hook passes every staged .xml file: its <delete> is no Liquibase change
        Files.writeString(dir.resolve("TaskMapper.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <mapper namespace="com.acme.TaskMapper">
                  <delete id="deleteTask">DELETE FROM tasks WHERE id = #{id}</delete>
                  <sql id="columns">id, title</sql>
                </mapper>
                """);
        Files.writeString(dir.resolve("pom.xml"), "<project><modelVersion>4.0.0</modelVersion></project>\n");
        ScanRun run = ScanRun.in(dir, "TaskMapper.xml", "pom.xml");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("dbguard-scan: 2 files, 0 statements: 0 errors");
    }

    @Test
    void aGuardSwitchedOffSaysSo(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("application.yml"), "dbguard:\n  enabled: false\n");
        Files.writeString(dir.resolve("V1__x.sql"), "DROP TABLE x;\n");
        ScanRun run = ScanRun.in(dir, "--config", "application.yml", "V1__x.sql");
        assertThat(run.exit()).isZero();
        assertThat(run.err()).contains("note: the guard is off in production");
        assertThat(ScanRun.in(dir, "--env", "development", "V1__x.sql").err()).contains("off in development");
        assertThat(ScanRun.in(dir, "V1__x.sql").err()).isEmpty();
    }
}
