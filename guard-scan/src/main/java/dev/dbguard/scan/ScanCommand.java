package dev.dbguard.scan;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code dbguard-scan [paths...]}: judges migrations with the runtime's engine and configuration and reports what the
 * chosen environment would refuse (errors) and audit (warnings). Exit codes: 0 clean, 1 findings at or above
 * {@code --fail-on}, 2 a usage or configuration error or a file that could not be scanned.
 */
@Command(name = "dbguard-scan", mixinStandardHelpOptions = true, versionProvider = ScanCommand.Version.class,
        sortOptions = false, showDefaultValues = true,
        description = {"Finds what production will refuse before it ships: judges migration files (Flyway and plain "
                + "SQL, Prisma migration.sql, Liquibase XML, YAML and JSON changelogs and formatted SQL) statement by "
                + "statement with dbguard's runtime "
                + "engine and the application's own dbguard.* configuration.",
                "Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or configuration error, or a file "
                        + "that could not be scanned."})
public final class ScanCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files or directories to scan; - reads SQL from "
            + "stdin. Default: those of src/main/resources/db/migration, db/migration, prisma/migrations, "
            + "src/main/resources/db/changelog, migrations that exist under the current directory.",
            showDefaultValue = CommandLine.Help.Visibility.NEVER)
    List<String> paths = new ArrayList<>();

    @Option(names = "--env", paramLabel = "NAME", description = "Environment whose verdicts are reported (its mode "
            + "comes from the configuration: production blocks by default, staging audits).")
    String env = "production";

    @Option(names = "--config", paramLabel = "FILE", description = "The application's configuration "
            + "(application.properties or application.yml) whose dbguard.* keys configure the scan as they "
            + "configure the runtime. Default: none (dbguard's defaults).",
            showDefaultValue = CommandLine.Help.Visibility.NEVER)
    Path config;

    @Option(names = "--format", paramLabel = "FORMAT", description = "Output: text, json, sarif or github.")
    String format = "text";

    @Option(names = "--fail-on", paramLabel = "LEVEL", description = "Exit 1 when there is a finding at this level: "
            + "refuse (what the environment refuses), warn (also what it only audits) or never.")
    String failOn = "refuse";

    @Option(names = "--dialect", paramLabel = "DIALECT", description = "How the SQL is read: postgresql, mysql or "
            + "mariadb. Default: from the configuration's spring.datasource.url, else postgresql.",
            showDefaultValue = CommandLine.Help.Visibility.NEVER)
    String dialect;

    @Option(names = "--changed-since", paramLabel = "REF", description = "Only files git lists as added or modified "
            + "since REF (git diff --name-only --diff-filter=AM REF...). Default: every file.",
            showDefaultValue = CommandLine.Help.Visibility.NEVER)
    String changedSince;

    @Option(names = "--baseline", paramLabel = "FILE", description = "Accept the findings listed in FILE; report "
            + "and fail only on new ones. Default: none.", showDefaultValue = CommandLine.Help.Visibility.NEVER)
    Path baseline;

    @Option(names = "--write-baseline", paramLabel = "FILE", description = "Write today's findings to FILE as a "
            + "baseline (and exit 0 unless a file could not be scanned). Default: none.",
            showDefaultValue = CommandLine.Help.Visibility.NEVER)
    Path writeBaseline;

    private Path workingDirectory;
    private InputStream stdin;
    private PrintWriter out;
    private PrintWriter err;

    /**
     * Runs the command line and exits the JVM with its code: 0 clean, 1 findings, 2 a usage or configuration error or
     * a file that could not be scanned.
     *
     * @param args the command-line options and paths; {@code --help} lists them with their defaults
     */
    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = run(Path.of("").toAbsolutePath(), System.in, out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs the command in {@code workingDirectory}; returns the exit code. Never throws for a user error. */
    static int run(Path workingDirectory, InputStream stdin, PrintWriter out, PrintWriter err, String... args) {
        ScanCommand command = new ScanCommand();
        command.workingDirectory = workingDirectory;
        command.stdin = stdin;
        command.out = out;
        command.err = err;
        CommandLine line = new CommandLine(command);
        line.setOut(out);
        line.setErr(err);
        line.setParameterExceptionHandler((e, arguments) -> {
            err.println("dbguard-scan: " + e.getMessage());
            err.println("Try 'dbguard-scan --help' for the options.");
            return 2;
        });
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            err.println("dbguard-scan: internal error: " + e);
            return 2;
        });
        int code = line.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public Integer call() {
        try {
            return scan();
        } catch (UsageException e) {
            err.println("dbguard-scan: " + e.getMessage());
            return 2;
        }
    }

    private int scan() throws UsageException {
        ScanOutcome outcome = Scan.in(workingDirectory)
                .paths(paths)
                .environment(env)
                .configFiles(config == null ? List.of() : List.of(config))
                .format(format)
                .failOn(failOn)
                .dialect(dialect)
                .changedSince(changedSince)
                .baseline(baseline)
                .writeBaseline(writeBaseline)
                .stdin(stdin)
                .notes(note -> err.println("dbguard-scan: " + note))
                .build()
                .run();
        outcome.write(out);
        return outcome.exitCode();
    }

    /** The version shown by {@code --version}: the jar's, when packaged. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ScanCommand.class.getPackage().getImplementationVersion();
            return new String[] {"dbguard-scan " + (version == null ? "(development build)" : version)};
        }
    }
}
