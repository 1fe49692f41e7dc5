package dev.dbguard.scan;

import dev.dbguard.core.Dialect;
import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.StatementGuard;
import dev.dbguard.core.Target;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code dbguard-scan [paths...]}: judges migrations with the runtime's engine and configuration and reports what the
 * chosen environment would refuse (errors) and audit (warnings). Exit codes: 0 clean, 1 findings at or above
 * {@code --fail-on}, 2 a usage or configuration error or a file that could not be scanned.
 */
@Command(name = "dbguard-scan", mixinStandardHelpOptions = true, versionProvider = ScanCommand.Version.class,
        sortOptions = false, showDefaultValues = true,
        description = {"Finds what production will refuse before it ships: judges migration files (Flyway and plain "
                + "SQL, Prisma migration.sql, Liquibase XML changelogs) statement by statement with dbguard's runtime "
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

    /** Runs the command line and exits with its code. */
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
        long started = System.nanoTime();
        Reports report = Reports.fromId(format);
        if (report == null) {
            throw new UsageException("--format " + format + ": use text, json, sarif or github");
        }
        String level = failOn.toLowerCase(Locale.ROOT);
        if (!List.of("refuse", "warn", "never").contains(level)) {
            throw new UsageException("--fail-on " + failOn + ": use refuse, warn or never");
        }
        ScanPaths scanPaths = new ScanPaths(workingDirectory);
        Map<String, String> settings = config == null ? Map.of() : ConfigFile.read(workingDirectory.resolve(config), config.toString());
        Dialect chosen = dialect(settings);
        if (env == null || env.isBlank()) {
            throw new UsageException("--env needs a name, e.g. production");
        }
        CollectingSink sink = new CollectingSink();
        StatementGuard guard;
        try {
            Map<String, String> keys = new HashMap<>();
            settings.forEach((key, value) -> {
                if (key.toLowerCase(Locale.ROOT).startsWith("dbguard.")) {
                    keys.put(key, value);
                }
            });
            GuardConfig guardConfig = GuardConfig.builder()
                    .properties(keys, config == null ? "dbguard-scan" : "--config " + config)
                    .environment(env.strip(), "dbguard-scan --env")
                    .auditSink(sink)
                    .build();
            guard = new StatementGuard(guardConfig);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        // No URL: the scan judges the named environment; the URL's patterns belong to the deployment, not the file.
        Target target = guard.target("dbguard-scan", null, chosen);
        if (target.mode() == dev.dbguard.core.Mode.OFF) {
            err.println("dbguard-scan: note: the guard is off in " + target.environment().environment().name()
                    + " with this configuration (mode off or dbguard.enabled=false): nothing there is refused");
        }
        MigrationScanner scanner = new MigrationScanner(guard, target, sink, scanPaths);

        boolean readStdin = paths.contains("-");
        List<String> given = paths.stream().filter(p -> !p.equals("-")).toList();
        List<Path> files = readStdin && given.isEmpty() ? List.of() : scanPaths.files(given);
        if (changedSince != null) {
            files = scanPaths.changedSince(changedSince, files);
        }
        List<FileReport> reports = new ArrayList<>();
        if (readStdin) {
            reports.add(scanStdin(scanner));
        }
        reports.addAll(scanAll(scanner, scanPaths, files));

        List<ScanFinding> all = new ArrayList<>();
        int statements = 0;
        int allowed = 0;
        int unscanned = 0;
        Set<String> seen = new LinkedHashSet<>();
        for (FileReport fileReport : reports) {
            statements += fileReport.statements;
            allowed += fileReport.allowed;
            unscanned += fileReport.problem != null ? 1 : 0;
            List<ScanFinding> sorted = new ArrayList<>(fileReport.findings);
            sorted.sort(Comparator.comparing(ScanFinding::path).thenComparingInt(ScanFinding::line)
                    .thenComparingInt(ScanFinding::column));
            for (ScanFinding finding : sorted) {
                if (seen.add(finding.path() + ':' + finding.line() + ':' + finding.column() + ':' + finding.rule()
                        + ':' + finding.statement())) {
                    all.add(finding);
                }
            }
        }
        if (writeBaseline != null) {
            Baseline.write(workingDirectory.resolve(writeBaseline), writeBaseline.toString(), all);
            err.println("dbguard-scan: wrote " + all.stream().filter(f -> !f.fingerprint().isEmpty())
                    .count() + " accepted finding(s) to " + writeBaseline);
        }
        List<ScanFinding> shown = all;
        if (baseline != null) {
            shown = Baseline.read(workingDirectory.resolve(baseline), baseline.toString()).newFindings(all);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        ScanResult result = new ScanResult(shown, reports.size(), statements, allowed, all.size() - shown.size(),
                unscanned, millis);
        report.write(result, target.environment().environment().name(), out);
        out.flush();
        if (unscanned > 0) {
            return 2;
        }
        if (writeBaseline != null) {
            return 0;
        }
        boolean failing = switch (level) {
            case "refuse" -> result.count(Severity.ERROR) > 0;
            case "warn" -> result.count(Severity.ERROR) + result.count(Severity.WARNING) > 0;
            default -> false;
        };
        return failing ? 1 : 0;
    }

    /**
     * Scans the files in parallel (the guard is thread-safe; each file has its own session and each thread its own
     * collected events), and returns their reports in the files' order, so the output does not depend on timing.
     */
    private static List<FileReport> scanAll(MigrationScanner scanner, ScanPaths scanPaths, List<Path> files) {
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), Math.min(8, files.size())));
        if (threads == 1) {
            List<FileReport> reports = new ArrayList<>(files.size());
            for (Path file : files) {
                reports.add(scanner.scan(file, scanPaths.display(file)));
            }
            return reports;
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "dbguard-scan");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<java.util.concurrent.Future<FileReport>> futures = new ArrayList<>(files.size());
            for (Path file : files) {
                futures.add(pool.submit(() -> scanner.scan(file, scanPaths.display(file))));
            }
            List<FileReport> reports = new ArrayList<>(files.size());
            for (int i = 0; i < futures.size(); i++) {
                try {
                    reports.add(futures.get(i).get());
                } catch (java.util.concurrent.ExecutionException e) {
                    FileReport failed = new FileReport(scanPaths.display(files.get(i)));
                    MigrationScanner.problem(failed, "internal error while scanning this file (please report it): "
                            + e.getCause());
                    reports.add(failed);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    FileReport interrupted = new FileReport(scanPaths.display(files.get(i)));
                    MigrationScanner.problem(interrupted, "interrupted before this file was scanned");
                    reports.add(interrupted);
                }
            }
            return reports;
        } finally {
            pool.shutdownNow();
        }
    }

    private FileReport scanStdin(MigrationScanner scanner) {
        FileReport report = new FileReport("<stdin>");
        try {
            String text = new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
            scanner.scanSqlText(report, new SourceText(text), false);
        } catch (IOException e) {
            MigrationScanner.problem(report, "cannot read stdin: " + e.getMessage());
        }
        return report;
    }

    private Dialect dialect(Map<String, String> settings) throws UsageException {
        if (dialect != null) {
            return switch (dialect.toLowerCase(Locale.ROOT)) {
                case "postgresql", "postgres", "pg" -> Dialect.POSTGRESQL;
                case "mysql" -> Dialect.MYSQL;
                case "mariadb" -> Dialect.MARIADB;
                default -> throw new UsageException("--dialect " + dialect + ": use postgresql, mysql or mariadb");
            };
        }
        for (String key : List.of("spring.datasource.url", "spring.flyway.url", "spring.liquibase.url")) {
            String url = settings.get(key);
            if (url != null) {
                Dialect fromUrl = Dialect.fromJdbcUrl(url.strip());
                if (fromUrl != Dialect.UNKNOWN) {
                    return fromUrl;
                }
            }
        }
        return Dialect.POSTGRESQL;
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
