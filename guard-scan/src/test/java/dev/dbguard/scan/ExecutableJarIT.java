package dev.dbguard.scan;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged {@code target/dbguard-scan.jar} run as a user runs it ({@code java -jar}), after the package phase
 * ({@code ./mvnw verify}): the task-tracker sample's accidental migration is found, exit codes reach the shell, and
 * stderr carries no logging noise.
 */
class ExecutableJarIT {

    private static final Path JAR = Path.of("target", "dbguard-scan.jar").toAbsolutePath();

    @Test
    void findsTheSampleDropColumnAndExitsOne() throws Exception {
        Path sample = Path.of("..", "samples", "task-tracker").toAbsolutePath().normalize();
        Result result = java(sample, "src/main/resources/db");
        assertThat(result.exit).as(result.err).isEqualTo(1);
        assertThat(result.out).startsWith("src/main/resources/db/accident/V3__drop_task_notes.sql:2:1: error "
                + "[alter-drop] ALTER TABLE tasks DROP COLUMN note: refused in production");
        assertThat(result.err).isEmpty();
    }

    @Test
    void cleanMigrationsExitZeroAndUsageErrorsTwo() throws Exception {
        Path sample = Path.of("..", "samples", "task-tracker").toAbsolutePath().normalize();
        Result clean = java(sample, "src/main/resources/db/migration");
        assertThat(clean.exit).as(clean.err).isZero();
        assertThat(clean.err).isEmpty();
        Result usage = java(sample, "--format", "yaml");
        assertThat(usage.exit).isEqualTo(2);
        assertThat(usage.err).isEqualTo("dbguard-scan: --format yaml: use text, json, sarif or github\n");
        Result version = java(sample, "--version");
        assertThat(version.exit).isZero();
        assertThat(version.out).startsWith("dbguard-scan 0.");
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result java(Path directory, String... args) throws Exception {
        assertThat(JAR).exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        File out = File.createTempFile("dbguard-scan", ".out");
        File err = File.createTempFile("dbguard-scan", ".err");
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out).redirectError(err).start();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("dbguard-scan finished").isTrue();
            return new Result(process.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                    Files.readString(err.toPath(), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out.toPath());
            Files.deleteIfExists(err.toPath());
        }
    }
}
