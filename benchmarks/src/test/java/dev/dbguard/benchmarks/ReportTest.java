package dev.dbguard.benchmarks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;

/** The report writer and its chart, on made-up figures. */
class ReportTest {

    @TempDir
    Path directory;

    @Test
    void writesTargetsTablesAndAReadableChart() throws Exception {
        SuiteResults results = fakeResults();

        Path report = Report.write(results, directory);
        RatioChart.write(results.endToEnd(), directory.resolve(Report.CHART_NAME));

        String markdown = Files.readString(report);
        assertThat(markdown)
                .contains("# dbguard benchmark report")
                .contains("| Engine: cached / pre-filtered check ≤ 200 ns (median) | slowest of")
                .contains("| Engine: uncached typical OLTP ≤ 50 µs |")
                .contains("| End to end, prepared statements, 4 threads: dbguard ≥ 99% of raw HikariCP |"
                        + " DataSource 96.0%, URL 98.0% | **missed** by 3.0 points |")
                .contains("| End to end, prepared statements, 16 threads: dbguard ≥ 99% of raw HikariCP |"
                        + " DataSource 99.0%, URL 99.0% | met |")
                .contains("| End to end, literals inlined (no text repeats), 1 thread: dbguard ≥ 97% of raw HikariCP"
                        + " | DataSource 99.0% | met |")
                .contains("| End to end, literals inlined (no text repeats), 4 threads: dbguard ≥ 97% of raw"
                        + " HikariCP | DataSource 96.0% | **missed** by 1.0 points |")
                .contains("| Engine: uncached OLTP DML, a new text each time (literals inlined), ≤ 1 µs per check |"
                        + " slowest of update-by-key, delete-by-key, update-orm-versioned: 900 ns (update-orm-versioned;"
                        + " with the cache off 880 ns) | met |")
                .contains("| Engine: no statement under 4 KB over 1 ms | slowest of 1,000 statements, each read as"
                        + " PostgreSQL and as MySQL: 1.50 ms (nested CASE, postgresql); 2 over 1 ms | **missed**")
                .contains("| Engine: 1 MB multi-statement text ≤ 10 ms (median) | slowest: scoped UPDATEs separated"
                        + " by ';': 8.00 ms | met |")
                .contains("| Engine: 10 MB multi-statement text ≤ 100 ms (median) | slowest: scoped UPDATEs"
                        + " separated by ';': 120.0 ms | **missed** by 20.0 ms (1.2× the target) |")
                .contains("| JSqlParser warmed off the request path: the first statement that needs it, 1000 ms after"
                        + " the guard was created, ≤ 10% of a cold first use | 2.00 ms (cold: 120.0 ms;")
                .contains("| `UPDATE t SET a = CASE WHEN b \\| c THEN 1 END` |")
                .contains("| update-orm-versioned | 1.00 µs | 980 ns | 100 ns | 900 ns | 880 ns | 1.02 | 40 B |")
                .contains("does not beat p6spy 99.0%")
                .contains("| HikariCP + dbguard (wrapped DataSource) | 9,900 | 0.990 | 0.99–0.99 |")
                .contains("update-by-key 56 B per check")
                .contains("of it, about 112 B are the engine's")
                .contains("| **missed** by about 112 B per transaction |")
                .contains("| Memory flat over 1,000,000 distinct statements |")
                .contains("![Throughput ratios to raw HikariCP](throughput-ratios.png)");
        BufferedImage chart = ImageIO.read(directory.resolve(Report.CHART_NAME).toFile());
        assertThat(chart.getWidth()).isGreaterThan(600);
        assertThat(chart.getHeight()).isGreaterThan(2 * 400); // one panel per mix
    }

    @Test
    void ratiosAreMediansOfPerRoundRatios() {
        EndToEndResults results = new EndToEndResults();
        double[][] rounds = {{1000, 990}, {2000, 1800}, {1500, 1500}}; // raw, dbguard: ratios 0.99, 0.90, 1.00
        for (double[] round : rounds) {
            results.add(Mix.PREPARED, 1, Layer.RAW, figures(round[0]));
            results.add(Mix.PREPARED, 1, Layer.DBGUARD, figures(round[1]));
        }

        EndToEndResults.Summary summary = results.summary(Mix.PREPARED, 1, Layer.DBGUARD);

        assertThat(summary.throughputRatio()).isEqualTo(0.99);
        assertThat(summary.transactionsPerSecond()).isEqualTo(1500);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "41.4         | 41 ns",
            "999          | 999 ns",
            "3640         | 3.64 µs",
            "335300       | 335.3 µs",
            "2940000      | 2.94 ms",
            "634800000    | 634.8 ms",
            "1500000000   | 1.50 s"})
    void formatsDurations(double nanos, String expected) {
        assertThat(Report.nanos(nanos)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1,2,3,4,5,6,7,8,9,10 | 0.50 | 5",
            "1,2,3,4,5,6,7,8,9,10 | 0.99 | 10",
            "7                    | 0.99 | 7",
            "1,2                  | 0.50 | 1"})
    void percentilesAreNearestRank(String values, double fraction, long expected) {
        long[] sorted = java.util.Arrays.stream(values.split(",")).mapToLong(Long::parseLong).toArray();
        assertThat(ThroughputRun.percentile(sorted, fraction)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1,2,3,4,5 | 0.25 | 2.0",
            "1,2,3,4,5 | 0.50 | 3.0",
            "1,2,3,4   | 0.75 | 3.25",
            "9         | 0.25 | 9.0"})
    void quantilesInterpolateBetweenRanks(String values, double fraction, double expected) {
        double[] unsorted = java.util.Arrays.stream(values.split(",")).mapToDouble(Double::parseDouble).toArray();
        assertThat(EndToEndResults.quantile(unsorted, fraction)).isEqualTo(expected);
    }

    @Test
    void everyRunIsKeptAsCsv() {
        EndToEndResults results = new EndToEndResults();
        results.add(Mix.PREPARED, 4, Layer.RAW, figures(1000));
        results.add(Mix.PREPARED, 4, Layer.RAW, figures(1100));

        assertThat(results.csv().lines()).hasSize(3)
                .element(2).isEqualTo("PREPARED,4,RAW,2,1100.0,100.0,400.0,50.00,3000,1100");
    }

    @Test
    void everyRoundRunsEveryLayerOnce() {
        List<Layer> layers = List.of(Layer.values());
        java.util.Random random = new java.util.Random(1);

        List<Layer> first = EndToEnd.shuffled(layers, random);
        List<Layer> second = EndToEnd.shuffled(layers, random);

        assertThat(first).containsExactlyInAnyOrderElementsOf(layers);
        assertThat(second).containsExactlyInAnyOrderElementsOf(layers).isNotEqualTo(first);
    }

    private static SuiteResults fakeResults() {
        List<EngineFigures> engine = new ArrayList<>();
        Map<String, CheckerConclusions> conclusions = new LinkedHashMap<>();
        for (String statement : EngineStatements.names()) {
            for (String checker : Report.CHECKERS) {
                boolean allocates = checker.equals("dbguardCached") && statement.equals("update-by-key");
                engine.add(new EngineFigures(statement, checker, 150, 160, 5, allocates ? 56 : 0));
            }
            conclusions.put(statement, new CheckerConclusions("ALLOW", "scanner", "parsed", "allowed", "allowed"));
        }
        EndToEndResults e2e = new EndToEndResults();
        Map<Layer, double[]> ratios = Map.of(Layer.RAW, new double[] {1, 1, 1},
                Layer.DBGUARD, new double[] {0.99, 0.96, 0.99}, Layer.DBGUARD_URL, new double[] {0.98, 0.98, 0.99},
                Layer.DATASOURCE_PROXY, new double[] {0.9, 0.9, 0.9}, Layer.P6SPY, new double[] {0.97, 0.95, 0.99},
                Layer.DRUID, new double[] {1.05, 1.05, 1.05}, Layer.DRUID_WALL, new double[] {0.8, 0.8, 0.8},
                Layer.DBGUARD_NO_CACHE, new double[] {0.95, 0.95, 0.95});
        List<Integer> threadCounts = List.of(1, 4, 16);
        for (int t = 0; t < threadCounts.size(); t++) {
            for (Layer layer : EndToEnd.PREPARED_LAYERS) {
                e2e.add(Mix.PREPARED, threadCounts.get(t), layer, figures(10_000 * ratios.get(layer)[t]));
            }
            for (Layer layer : EndToEnd.INLINED_LAYERS) {
                e2e.add(Mix.INLINED, threadCounts.get(t), layer, figures(5_000 * ratios.get(layer)[t]));
            }
        }
        WorstCases.HeapFigures heap = new WorstCases.HeapFigures(1_000_000, 12.5, 100_000, 16.0, 16.2, 3.1, 250_000);
        List<WorstCases.SizeFigures> sizes = List.of(
                new WorstCases.SizeFigures("multi-row INSERT", 1_000, 990, 200, 0.001, 0.004, "ALLOW", false),
                new WorstCases.SizeFigures("multi-row INSERT", 10_000_000, 9_999_990, 3, 4.8, 4.9, "ALLOW", false),
                new WorstCases.SizeFigures("scoped UPDATEs separated by ';'", 1_000_000, 999_990, 5, 8, 9, "ALLOW",
                        true),
                new WorstCases.SizeFigures("scoped UPDATEs separated by ';'", 10_000_000, 9_999_990, 3, 120, 130,
                        "ALLOW", true));
        List<EngineFigures> neverRepeating = new ArrayList<>();
        for (String statement : NeverRepeatingBenchmark.STATEMENTS) {
            boolean orm = statement.equals("update-orm-versioned");
            neverRepeating.add(new EngineFigures(statement, "dbguard", orm ? 1_000 : 600, 600, 5, orm ? 140 : 100));
            neverRepeating.add(new EngineFigures(statement, "dbguardCacheOff", orm ? 980 : 590, 590, 5, 100));
            neverRepeating.add(new EngineFigures(statement, "textOnly", 100, 100, 5, 100));
        }
        ShortStatementSearch.Timed slow = new ShortStatementSearch.Timed("nested CASE", "postgresql",
                "UPDATE t SET a = CASE WHEN b | c THEN 1 END", 1.5, "BLOCK (unscoped-update)");
        ShortStatementSearch.Figures shorts = new ShortStatementSearch.Figures(1_000, List.of(slow), List.of(slow), 2,
                true);
        FirstParse.Figures first = new FirstParse.Figures(7, 120, 60, 2, 300, 150);
        return new SuiteResults(SuiteSettings.fullRun(), MachineInfo.current(), Instant.parse("2026-11-23T10:00:00Z"),
                14.2, 0.3, 0.9, "PostgreSQL 15 (test)", engine, conclusions, e2e, heap, sizes, neverRepeating, shorts,
                first);
    }

    private static RunFigures figures(double transactionsPerSecond) {
        return new RunFigures(transactionsPerSecond, 100, 400, 3_000, 50, Math.round(transactionsPerSecond));
    }
}
