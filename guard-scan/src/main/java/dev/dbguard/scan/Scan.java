package dev.dbguard.scan;

import dev.dbguard.core.Dialect;
import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.Mode;
import dev.dbguard.core.StatementGuard;
import dev.dbguard.core.Target;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * One scan of migration files with the runtime's engine and the application's own {@code dbguard.*} configuration:
 * what the command line ({@code dbguard-scan}) and the Maven plugin ({@code dbguard:scan}) both run. Made by
 * {@link #in(Path)}, immutable, run by {@link #run()}.
 */
public final class Scan {

    private final Path workingDirectory;
    private final List<String> paths;
    private final String environment;
    private final List<Path> configFiles;
    private final Reports format;
    private final FailOn failOn;
    private final String dialect;
    private final String changedSince;
    private final Path baseline;
    private final Path writeBaseline;
    private final InputStream stdin;
    private final Consumer<String> notes;

    private Scan(Builder builder) throws UsageException {
        this.workingDirectory = builder.workingDirectory.toAbsolutePath().normalize();
        this.paths = List.copyOf(builder.paths);
        if (builder.environment == null || builder.environment.isBlank()) {
            throw new UsageException("--env needs a name, e.g. production");
        }
        this.environment = builder.environment.strip();
        this.configFiles = List.copyOf(builder.configFiles);
        this.format = Reports.fromId(builder.format);
        if (format == null) {
            throw new UsageException("--format " + builder.format + ": use text, json, sarif or github");
        }
        this.failOn = FailOn.fromId(builder.failOn);
        this.dialect = builder.dialect;
        this.changedSince = builder.changedSince;
        this.baseline = builder.baseline;
        this.writeBaseline = builder.writeBaseline;
        this.stdin = builder.stdin;
        this.notes = builder.notes;
    }

    /**
     * Starts a scan run in a directory.
     *
     * @param workingDirectory the directory paths, configuration files, baselines and git are resolved against
     * @return a builder with the command line's defaults
     */
    public static Builder in(Path workingDirectory) {
        return new Builder(workingDirectory);
    }

    /**
     * Scans the files and judges every statement.
     *
     * @throws UsageException for a usage or configuration error (a missing path, a malformed configuration key, a
     *                        git ref git does not know): one line saying what to fix
     * @return the findings, the exit code and the report
     */
    public ScanOutcome run() throws UsageException {
        long started = System.nanoTime();
        ScanPaths scanPaths = new ScanPaths(workingDirectory);
        Map<String, String> settings = new LinkedHashMap<>();
        for (Path config : configFiles) {
            settings.putAll(ConfigFile.read(workingDirectory.resolve(config), config.toString()));
        }
        Dialect chosen = dialect(settings);
        CollectingSink sink = new CollectingSink();
        StatementGuard guard = guard(settings, sink);
        // No URL: the scan judges the named environment; the URL's patterns belong to the deployment, not the file.
        Target target = guard.target("dbguard-scan", null, chosen);
        if (target.mode() == Mode.OFF) {
            notes.accept("note: the guard is off in " + target.environment().environment().name()
                    + " with this configuration (mode off or dbguard.enabled=false): nothing there is refused");
        }

        boolean readStdin = paths.contains("-");
        List<String> given = paths.stream().filter(p -> !p.equals("-")).toList();
        List<Path> files = readStdin && given.isEmpty() ? List.of()
                : changedSince != null ? scanPaths.changedSince(changedSince, given) : scanPaths.files(given);
        MigrationScanner scanner = new MigrationScanner(guard, target, sink, scanPaths, Set.copyOf(files));
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
            notes.accept("wrote " + all.stream().filter(f -> !f.fingerprint().isEmpty()).count()
                    + " accepted finding(s) to " + writeBaseline);
        }
        List<ScanFinding> shown = all;
        if (baseline != null) {
            shown = Baseline.read(workingDirectory.resolve(baseline), baseline.toString()).newFindings(all);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        ScanResult result = new ScanResult(shown, reports.size(), statements, allowed, all.size() - shown.size(),
                unscanned, millis);
        return new ScanOutcome(result, target.environment().environment().name(), format, exitCode(result));
    }

    private int exitCode(ScanResult result) {
        if (result.unscanned() > 0) {
            return 2;
        }
        if (writeBaseline != null) {
            return 0;
        }
        boolean failing = switch (failOn) {
            case REFUSE -> result.count(Severity.ERROR) > 0;
            case WARN -> result.count(Severity.ERROR) + result.count(Severity.WARNING) > 0;
            case NEVER -> false;
        };
        return failing ? 1 : 0;
    }

    private StatementGuard guard(Map<String, String> settings, CollectingSink sink) throws UsageException {
        Map<String, String> keys = new HashMap<>();
        settings.forEach((key, value) -> {
            if (key.toLowerCase(Locale.ROOT).startsWith("dbguard.")) {
                keys.put(key, value);
            }
        });
        String source = configFiles.isEmpty() ? "dbguard-scan"
                : "--config " + String.join(", ", configFiles.stream().map(Path::toString).toList());
        try {
            return new StatementGuard(GuardConfig.builder()
                    .properties(keys, source)
                    .environment(environment, "dbguard-scan --env")
                    .auditSink(sink)
                    .build());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
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
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "dbguard-scan");
            thread.setDaemon(true);
            return thread;
        });
        try {
            // the largest files first, so that no thread is left with a big one at the end
            List<Integer> bySize = new ArrayList<>(files.size());
            long[] sizes = new long[files.size()];
            for (int i = 0; i < files.size(); i++) {
                bySize.add(i);
                sizes[i] = size(files.get(i));
            }
            bySize.sort(Comparator.comparingLong((Integer i) -> sizes[i]).reversed());
            List<Future<FileReport>> futures = new ArrayList<>(Collections.nCopies(files.size(), null));
            for (int i : bySize) {
                Path file = files.get(i);
                futures.set(i, pool.submit(() -> scanner.scan(file, scanPaths.display(file))));
            }
            List<FileReport> reports = new ArrayList<>(files.size());
            for (int i = 0; i < futures.size(); i++) {
                try {
                    reports.add(futures.get(i).get());
                } catch (ExecutionException e) {
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

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // reported as unreadable when scanned
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

    /** When a scan fails: the levels of {@code --fail-on}. */
    private enum FailOn {
        REFUSE, WARN, NEVER;

        static FailOn fromId(String id) throws UsageException {
            for (FailOn level : values()) {
                if (level.name().equalsIgnoreCase(Objects.requireNonNullElse(id, "").strip())) {
                    return level;
                }
            }
            throw new UsageException("--fail-on " + id + ": use refuse, warn or never");
        }
    }

    /** The options of a scan; each has the command line's default. */
    public static final class Builder {
        private final Path workingDirectory;
        private List<String> paths = List.of();
        private String environment = "production";
        private List<Path> configFiles = List.of();
        private String format = "text";
        private String failOn = "refuse";
        private String dialect;
        private String changedSince;
        private Path baseline;
        private Path writeBaseline;
        private InputStream stdin = InputStream.nullInputStream();
        private Consumer<String> notes = note -> { };

        private Builder(Path workingDirectory) {
            this.workingDirectory = Objects.requireNonNull(workingDirectory, "workingDirectory");
        }

        /**
         * Files or directories to scan ({@code -} is stdin); none: those of {@code src/main/resources/db/migration},
         * {@code db/migration}, {@code prisma/migrations}, {@code src/main/resources/db/changelog} and {@code migrations}
         * that exist.
         *
         * @param paths the paths, relative to the working directory or absolute
         * @return this builder
         */
        public Builder paths(List<String> paths) {
            this.paths = List.copyOf(paths);
            return this;
        }

        /**
         * Sets the environment whose verdicts are reported, as {@code --env} does.
         *
         * @param environment an environment name; default {@code production}; blank fails {@link #build()}
         * @return this builder
         */
        public Builder environment(String environment) {
            this.environment = environment;
            return this;
        }

        /**
         * The application's configuration files ({@code application.properties}, {@code application.yml}), read in
         * this order, a later file's key winning; default none (dbguard's defaults).
         *
         * @param configFiles the files, relative to the working directory or absolute
         * @return this builder
         */
        public Builder configFiles(List<Path> configFiles) {
            this.configFiles = List.copyOf(configFiles);
            return this;
        }

        /**
         * Sets the report's format.
         *
         * @param format {@code text} (default), {@code json}, {@code sarif} or {@code github}
         * @return this builder
         */
        public Builder format(String format) {
            this.format = format;
            return this;
        }

        /**
         * Sets which findings make the exit code 1.
         *
         * @param failOn {@code refuse} (default), {@code warn} or {@code never}
         * @return this builder
         */
        public Builder failOn(String failOn) {
            this.failOn = failOn;
            return this;
        }

        /**
         * Sets the dialect the statements are read in.
         *
         * @param dialect {@code postgresql}, {@code mysql} or {@code mariadb}; default null: from the configuration's
         *                URL, else PostgreSQL
         * @return this builder
         */
        public Builder dialect(String dialect) {
            this.dialect = dialect;
            return this;
        }

        /**
         * Scans only the files git lists as added or modified since a ref.
         *
         * @param ref a git ref such as {@code origin/main}; default null: every file
         * @return this builder
         */
        public Builder changedSince(String ref) {
            this.changedSince = ref;
            return this;
        }

        /**
         * Accepts the findings listed in a baseline file: only new ones are reported.
         *
         * @param baseline the file; default null: none
         * @return this builder
         */
        public Builder baseline(Path baseline) {
            this.baseline = baseline;
            return this;
        }

        /**
         * Writes today's findings to a file as a baseline.
         *
         * @param writeBaseline the file; default null: none written
         * @return this builder
         */
        public Builder writeBaseline(Path writeBaseline) {
            this.writeBaseline = writeBaseline;
            return this;
        }

        /**
         * Sets what the path {@code -} reads.
         *
         * @param stdin the stream; default empty; not null
         * @return this builder
         */
        public Builder stdin(InputStream stdin) {
            this.stdin = Objects.requireNonNull(stdin, "stdin");
            return this;
        }

        /**
         * Sets where notes for people go (the guard is off, a baseline was written).
         *
         * @param notes receives each note, one line; default drops them; not null
         * @return this builder
         */
        public Builder notes(Consumer<String> notes) {
            this.notes = Objects.requireNonNull(notes, "notes");
            return this;
        }

        /**
         * Checks the options and makes the scan.
         *
         * @return the scan, ready to {@link Scan#run() run}
         * @throws UsageException when an option has a value it does not take (the message names what to use)
         */
        public Scan build() throws UsageException {
            return new Scan(this);
        }
    }
}
