package dev.dbguard.scan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Baselines (accept today's findings, fail on new ones) and --changed-since on a real git repository. */
class BaselineAndChangedSinceTest {

    @Test
    void aBaselineAcceptsTodaysFindingsAndFailsOnNewOnes(@TempDir Path project) throws Exception {
        Path migrations = Files.createDirectories(project.resolve("db/migration"));
        Files.writeString(migrations.resolve("V1__old.sql"), "DROP TABLE legacy;\nTRUNCATE visits;\n");

        ScanRun write = ScanRun.in(project, "--write-baseline", "dbguard-baseline.txt");
        assertThat(write.exit()).isZero();
        assertThat(write.err()).contains("wrote 2 accepted finding(s) to dbguard-baseline.txt");
        List<String> lines = Files.readAllLines(project.resolve("dbguard-baseline.txt"));
        assertThat(lines.get(0)).startsWith("# dbguard-scan baseline v1");
        assertThat(lines.subList(1, lines.size())).hasSize(2).allMatch(l -> l.split("\t").length == 3)
                .anyMatch(l -> l.startsWith("drop\tdb/migration/V1__old.sql\t"));

        ScanRun accepted = ScanRun.in(project, "--baseline", "dbguard-baseline.txt");
        assertThat(accepted.exit()).isZero();
        assertThat(accepted.out()).startsWith("dbguard-scan: 1 file, 2 statements: 0 errors").contains("2 baselined");

        // the accepted statements move down a line and change case and spacing: still accepted
        Files.writeString(migrations.resolve("V1__old.sql"), "-- moved\ndrop   table legacy;\nTRUNCATE visits;\n");
        Files.writeString(migrations.resolve("V2__new.sql"), "DROP TABLE legacy;\nDELETE FROM tasks;\n");
        ScanRun fresh = ScanRun.in(project, "--baseline", "dbguard-baseline.txt");
        assertThat(fresh.exit()).isEqualTo(1);
        assertThat(fresh.out().lines().toList()).hasSize(3);
        assertThat(fresh.out()).contains("db/migration/V2__new.sql:1:1: error [drop]",
                "db/migration/V2__new.sql:2:1: error [unscoped-delete]", "2 baselined")
                .doesNotContain("V1__old.sql");
    }

    @Test
    void aMissingOrMalformedBaselineIsAUsageError(@TempDir Path project) throws Exception {
        ScanRun missing = ScanRun.in(project, "--baseline", "none.txt");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("--baseline none.txt", "create one with --write-baseline none.txt");
        Files.writeString(project.resolve("bad.txt"), "drop only two\tfields\n");
        ScanRun bad = ScanRun.in(project, "--baseline", "bad.txt");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains(":1: not a baseline line");
    }

    @Test
    void changedSinceScansOnlyFilesAddedOrModifiedSinceTheRef(@TempDir Path repo) throws Exception {
        Path migrations = Files.createDirectories(repo.resolve("src/main/resources/db/migration"));
        git(repo, "init", "-q");
        Files.writeString(migrations.resolve("V1__init.sql"), "CREATE TABLE t (id int);\n");
        Files.writeString(migrations.resolve("V2__old_drop.sql"), "DROP TABLE years_ago;\n");
        Files.writeString(migrations.resolve("V3__edited.sql"), "CREATE TABLE u (id int);\n");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "first");
        git(repo, "tag", "base");
        Files.writeString(migrations.resolve("V3__edited.sql"), "CREATE TABLE u (id int);\nTRUNCATE u;\n");
        Files.writeString(migrations.resolve("V4__new.sql"), "ALTER TABLE t DROP COLUMN id;\n");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "second");

        ScanRun all = ScanRun.in(repo);
        assertThat(all.out()).contains("V2__old_drop.sql", "V3__edited.sql", "V4__new.sql");

        ScanRun changed = ScanRun.in(repo, "--changed-since", "base");
        assertThat(changed.exit()).as(changed.err()).isEqualTo(1);
        assertThat(changed.out().lines().toList()).containsExactly(
                "src/main/resources/db/migration/V3__edited.sql:2:1: error [truncate] TRUNCATE u: refused in "
                        + "production; to ship it deliberately, allow-list it (dbguard.allow=truncate:u) or write "
                        + "'-- dbguard:allow truncate reason=\"<why>\"' on the line above",
                "src/main/resources/db/migration/V4__new.sql:1:1: error [alter-drop] ALTER TABLE t DROP COLUMN id: "
                        + "refused in production; to ship it deliberately, allow-list it (dbguard.allow=alter-drop:t) "
                        + "or write '-- dbguard:allow alter-drop reason=\"<why>\"' on the line above",
                changed.out().lines().toList().get(2));
        assertThat(changed.out()).contains("dbguard-scan: 2 files");

        // from a subdirectory, and with an explicit path: git's paths are relative to the repository root
        ScanRun sub = ScanRun.in(migrations, "--changed-since", "HEAD~1", ".");
        assertThat(sub.out()).contains("V3__edited.sql:2:1", "V4__new.sql:1:1").doesNotContain("V2__old_drop");

        ScanRun none = ScanRun.in(repo, "--changed-since", "HEAD");
        assertThat(none.exit()).isZero();
        assertThat(none.out()).startsWith("dbguard-scan: 0 files");

        ScanRun unknown = ScanRun.in(repo, "--changed-since", "no-such-ref");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("dbguard-scan: --changed-since: git diff").doesNotContain("\tat ");
    }

    @Test
    void changedSinceOutsideAGitRepositoryIsAUsageError(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("V1__x.sql"), "DROP TABLE x;\n");
        ScanRun run = ScanRun.in(dir, "--changed-since", "dbguard-test-no-such-ref", ".");
        // not a repository (or, should the temporary directory sit inside one, a ref it lacks): a usage error
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("dbguard-scan: --changed-since: git ").doesNotContain("\tat ");
    }

    private static void git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=dbguard test", "-c",
                "user.email=test@dbguard.invalid", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false",
                "-c", "init.defaultBranch=main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        builder.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("git %s finished", command).isTrue();
        assertThat(process.exitValue()).as("git %s: %s", command, output).isZero();
    }
}
