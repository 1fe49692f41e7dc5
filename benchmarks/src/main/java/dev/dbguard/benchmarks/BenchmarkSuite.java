package dev.dbguard.benchmarks;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every dbguard benchmark and writes the report: JMH engine benchmarks beside JSqlParser and Druid (and on
 * statements that never repeat), end-to-end JDBC throughput against PostgreSQL beside the other interception layers,
 * and the engine's worst cases (distinct statements, sizes up to 10 MB, the slowest statements under 4 KB,
 * JSqlParser's first use).
 *
 * <pre>
 * benchmarks/run.sh [--quick]
 * java -jar benchmarks/target/benchmarks.jar [--quick] [--skip-engine] [--skip-end-to-end] [--skip-worst-cases]
 *                                            [--out DIRECTORY]
 * </pre>
 *
 * <p>The report ({@value Report#FILE_NAME}) and its chart ({@value Report#CHART_NAME}) go to the directory holding
 * the jar, {@code benchmarks/target/}, unless {@code --out} says otherwise. PostgreSQL comes from
 * {@code DBGUARD_TEST_POSTGRES_URL}, else a Testcontainers container, else embedded PostgreSQL.
 */
public final class BenchmarkSuite {

    private BenchmarkSuite() {
    }

    /** Runs the suite; exits with status 2 on a usage error and 1 when a part fails. */
    public static void main(String[] args) throws Exception {
        // Pools and drivers log every start and stop at INFO; the suite prints its own progress.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        boolean quick = false;
        boolean engine = true;
        boolean endToEnd = true;
        boolean worstCases = true;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--skip-engine" -> engine = false;
                case "--skip-end-to-end" -> endToEnd = false;
                case "--skip-worst-cases" -> worstCases = false;
                case "--out" -> {
                    if (i + 1 == args.length) {
                        usage("--out needs a directory");
                    }
                    out = Path.of(args[++i]);
                }
                case "-h", "--help" -> {
                    usage(null);
                }
                default -> usage("unknown option " + args[i]);
            }
        }
        Path directory = out != null ? out : defaultDirectory();
        Files.createDirectories(directory);
        run(quick ? SuiteSettings.quickRun() : SuiteSettings.fullRun(), engine, endToEnd, worstCases, directory);
    }

    private static void run(SuiteSettings settings, boolean engine, boolean endToEnd, boolean worstCases,
                            Path directory) throws Exception {
        Instant started = Instant.now();
        double loadBefore = MachineInfo.loadAverage();
        progress("dbguard benchmarks" + (settings.quick() ? " (quick)" : "") + ": load average " + loadBefore
                + "; report to " + directory.toAbsolutePath());
        if (loadBefore > 1.5) {
            progress("warning: the machine is busy (load " + loadBefore + "); figures will be noisy");
        }

        List<EngineFigures> engineFigures = null;
        List<EngineFigures> neverRepeating = null;
        Map<String, CheckerConclusions> conclusions = null;
        if (engine) {
            progress("engine: JMH, " + (Report.CHECKERS.size() * EngineStatements.count()) + " benchmarks, one JVM each (log: "
                    + directory.resolve("jmh.log") + ")");
            engineFigures = EngineRun.run(settings, directory.resolve("jmh.log"),
                    directory.resolve("jmh-result.json"));
            progress("engine: JMH, statements that never repeat, " + 3 * NeverRepeatingBenchmark.STATEMENTS.size()
                    + " benchmarks (log: " + directory.resolve("jmh-never-repeating.log") + ")");
            neverRepeating = EngineRun.runNeverRepeating(settings, directory.resolve("jmh-never-repeating.log"),
                    directory.resolve("jmh-never-repeating.json"));
            conclusions = new LinkedHashMap<>();
            for (String name : EngineStatements.names()) {
                conclusions.put(name, CheckerConclusions.of(EngineStatements.sql(name)));
            }
            progress("engine: done");
        }

        EndToEndResults endToEndResults = null;
        String database = null;
        if (endToEnd) {
            try (BenchDatabase bench = BenchDatabase.create()) {
                database = "PostgreSQL " + bench.serverVersion() + " (" + bench.source() + ")";
                progress("end to end: " + database);
                endToEndResults = new EndToEnd(settings, bench, BenchmarkSuite::progress).run();
                long rows = bench.rowCount();
                if (rows != BenchDatabase.ROWS) {
                    throw new IllegalStateException("The accounts table holds " + rows + " rows after the runs"
                            + " instead of " + BenchDatabase.ROWS + ": some transaction went wrong");
                }
            }
            progress("end to end: done");
        }

        WorstCases.HeapFigures heap = null;
        List<WorstCases.SizeFigures> sizes = null;
        ShortStatementSearch.Figures shortStatements = null;
        FirstParse.Figures firstParse = null;
        if (worstCases) {
            progress("worst cases: " + Report.thousands(settings.distinctStatements()) + " distinct statements");
            heap = WorstCases.distinctStatements(settings.distinctStatements());
            progress(String.format(java.util.Locale.ROOT, "  heap after GC: %.1f MB before, %.1f MB after %,d,"
                    + " %.1f MB after %,d", heap.beforeMb(), heap.atTenthMb(), heap.tenth(), heap.afterMb(),
                    heap.statements()));
            progress("worst cases: statements of 1 KB, 100 KB, 1 MB, 10 MB");
            sizes = WorstCases.sizes(settings.quick());
            List<ShortStatements.Candidate> candidates = new ArrayList<>(ShortStatements.generated(settings.quick()));
            java.nio.file.Path corpus = ShortStatements.findCorpus();
            candidates.addAll(ShortStatements.corpus(corpus));
            progress("worst cases: " + Report.thousands(candidates.size()) + " statements under 4 KB"
                    + (corpus != null ? " (with the corpus in " + corpus + ")" : " (no corpus found)"));
            shortStatements = ShortStatementSearch.run(candidates, corpus != null);
            progress(String.format(java.util.Locale.ROOT, "  slowest %.3f ms, %d over 1 ms",
                    shortStatements.maxMillis(), shortStatements.over()));
            progress("worst cases: JSqlParser's first use, " + settings.firstParseRuns() + " fresh JVMs per case");
            firstParse = FirstParse.run(settings.firstParseRuns());
            progress("worst cases: done");
        }

        double minutes = Duration.between(started, Instant.now()).toMillis() / 60_000.0;
        SuiteResults results = new SuiteResults(settings, MachineInfo.current(), started, minutes, loadBefore,
                MachineInfo.loadAverage(), database, engineFigures, conclusions, endToEndResults, heap, sizes,
                neverRepeating, shortStatements, firstParse);
        if (endToEndResults != null) {
            RatioChart.write(endToEndResults, directory.resolve(Report.CHART_NAME));
            Files.writeString(directory.resolve("end-to-end-runs.csv"), endToEndResults.csv());
        }
        Path report = Report.write(results, directory);
        progress("report: " + report.toAbsolutePath() + " (" + Report.fixed(minutes, 1) + " minutes)");
    }

    /** Where the report goes by default: beside the jar (or the classes directory) the suite runs from. */
    private static Path defaultDirectory() throws URISyntaxException {
        Path location = Path.of(BenchmarkSuite.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return location.getParent();
    }

    private static void progress(String message) {
        System.out.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + message);
    }

    private static void usage(String problem) {
        if (problem != null) {
            System.err.println("dbguard benchmarks: " + problem);
        }
        System.err.println("usage: java -jar benchmarks/target/benchmarks.jar [--quick] [--skip-engine]"
                + " [--skip-end-to-end] [--skip-worst-cases] [--out DIRECTORY]");
        System.exit(problem == null ? 0 : 2);
    }
}
