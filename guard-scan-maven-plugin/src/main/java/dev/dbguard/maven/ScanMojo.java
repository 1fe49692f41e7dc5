package dev.dbguard.maven;

import dev.dbguard.scan.Scan;
import dev.dbguard.scan.ScanFinding;
import dev.dbguard.scan.ScanOutcome;
import dev.dbguard.scan.Severity;
import dev.dbguard.scan.UsageException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code dbguard:scan}: judges the project's migrations with dbguard's runtime engine and the project's own
 * {@code dbguard.*} configuration, as {@code dbguard-scan} does, and fails the build on what production would refuse.
 * Bound to {@code verify}.
 */
@Mojo(name = "scan", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class ScanMojo extends AbstractMojo {

    /** The default migration locations of a Maven project: Flyway's, then Liquibase's. */
    static final List<String> DEFAULT_PATHS = List.of("src/main/resources/db/migration",
            "src/main/resources/db/changelog");

    /** The application configuration read by default, in Spring Boot's order: a later file's key wins. */
    static final List<String> DEFAULT_CONFIG_FILES = List.of("src/main/resources/application.yaml",
            "src/main/resources/application.yml", "src/main/resources/application.properties");

    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    private File basedir;

    @Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
    private File buildDirectory;

    /** Files or directories to scan. Default: those of {@code src/main/resources/db/migration} and {@code db/changelog} that exist. */
    @Parameter(property = "dbguard.scan.paths")
    private List<File> paths;

    /** The environment whose verdicts are reported (production blocks, staging audits by default). */
    @Parameter(property = "dbguard.scan.env", defaultValue = "production")
    private String env;

    /**
     * The application's configuration files whose {@code dbguard.*} keys configure the scan. Default: those of
     * {@code src/main/resources/application.yaml}, {@code .yml} and {@code .properties} that exist.
     */
    @Parameter(property = "dbguard.scan.configFiles")
    private List<File> configFiles;

    /** Fail the build on {@code refuse} (what the environment refuses), {@code warn} (any finding) or {@code never}. */
    @Parameter(property = "dbguard.scan.failOn", defaultValue = "refuse")
    private String failOn;

    /** The format of {@link #outputFile}: {@code text}, {@code json}, {@code sarif} or {@code github}. */
    @Parameter(property = "dbguard.scan.format", defaultValue = "text")
    private String format;

    /** Where the report in {@link #format} is written. Default: none for text; {@code target/dbguard-scan.<format>} otherwise. */
    @Parameter(property = "dbguard.scan.outputFile")
    private File outputFile;

    /** {@code postgresql}, {@code mysql} or {@code mariadb}. Default: from the configuration's data-source URL, else PostgreSQL. */
    @Parameter(property = "dbguard.scan.dialect")
    private String dialect;

    /** Only files git lists as added or modified since this ref. Default: every file. */
    @Parameter(property = "dbguard.scan.changedSince")
    private String changedSince;

    /** Accept the findings listed in this baseline file (written by {@code dbguard-scan --write-baseline}). */
    @Parameter(property = "dbguard.scan.baseline")
    private File baseline;

    /** Skip the scan. */
    @Parameter(property = "dbguard.scan.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("dbguard: scan skipped (dbguard.scan.skip)");
            return;
        }
        List<String> scanned = scannedPaths();
        if (scanned.isEmpty()) {
            getLog().info("dbguard: no migrations to scan (none of " + String.join(", ", DEFAULT_PATHS) + " exists)");
            return;
        }
        ScanOutcome outcome;
        try {
            outcome = Scan.in(basedir.toPath())
                    .paths(scanned)
                    .environment(env)
                    .configFiles(configFiles())
                    .format(format)
                    .failOn(failOn)
                    .dialect(dialect)
                    .changedSince(changedSince)
                    .baseline(baseline == null ? null : baseline.toPath())
                    .notes(note -> getLog().warn("dbguard: " + note))
                    .build()
                    .run();
        } catch (UsageException e) {
            throw new MojoExecutionException("dbguard: " + e.getMessage());
        }
        for (ScanFinding finding : outcome.findings()) {
            switch (finding.severity()) {
                case ERROR -> getLog().error(finding.asText());
                case WARNING -> getLog().warn(finding.asText());
                case NOTE -> getLog().info(finding.asText());
            }
        }
        getLog().info(outcome.summary());
        writeReport(outcome);
        if (outcome.exitCode() != 0) {
            throw new MojoFailureException(failure(outcome));
        }
    }

    private List<String> scannedPaths() {
        List<String> scanned = new ArrayList<>();
        if (paths != null && !paths.isEmpty()) {
            for (File path : paths) {
                scanned.add(path.getAbsolutePath());
            }
            return scanned;
        }
        for (String location : DEFAULT_PATHS) {
            if (new File(basedir, location).isDirectory()) {
                scanned.add(location);
            }
        }
        return scanned;
    }

    private List<Path> configFiles() {
        List<Path> files = new ArrayList<>();
        if (configFiles != null && !configFiles.isEmpty()) {
            for (File file : configFiles) {
                files.add(file.toPath());
            }
            return files;
        }
        for (String location : DEFAULT_CONFIG_FILES) {
            if (new File(basedir, location).isFile()) {
                files.add(Path.of(location));
            }
        }
        return files;
    }

    private void writeReport(ScanOutcome outcome) throws MojoExecutionException {
        String id = format.strip().toLowerCase(Locale.ROOT);
        File file = outputFile != null ? outputFile
                : id.equals("text") ? null : new File(buildDirectory, "dbguard-scan." + id);
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.getAbsoluteFile().getParentFile().toPath());
            try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file.toPath(), StandardCharsets.UTF_8))) {
                outcome.write(out);
            }
        } catch (IOException e) {
            throw new MojoExecutionException("dbguard: cannot write the report to " + file + ": " + e.getMessage(), e);
        }
        getLog().info("dbguard: " + id + " report written to " + file);
    }

    /** The failure's message: why the build stops, each finding that stops it, and what to do. */
    private String failure(ScanOutcome outcome) {
        StringBuilder message = new StringBuilder();
        if (outcome.unscanned() > 0) {
            message.append("dbguard: ").append(outcome.unscanned()).append(" file(s) could not be scanned");
        } else {
            message.append("dbguard: the migrations hold findings at or above failOn=").append(failOn.strip())
                    .append(" in ").append(env.strip());
        }
        message.append(':');
        for (ScanFinding finding : outcome.findings()) {
            message.append(System.lineSeparator()).append("  ").append(finding.asText());
        }
        message.append(System.lineSeparator()).append(outcome.summary());
        return message.toString();
    }
}
