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
                .contains("| End to end, 4 threads: dbguard ≥ 97% of raw HikariCP | DataSource 96.0%, URL 98.0%"
                        + " | **missed** by 1.0 points |")
                .contains("| End to end, 1 thread: dbguard ≥ 97% of raw HikariCP | DataSource 99.0%, URL 98.0%"
                        + " | met |")
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
                Layer.DBGUARD, new double[] {0.99, 0.96, 0.98}, Layer.DBGUARD_URL, new double[] {0.98, 0.98, 0.98},
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
                new WorstCases.SizeFigures("multi-row INSERT", 1_000, 990, 200, 0.001, 0.004, "ALLOW"),
                new WorstCases.SizeFigures("multi-row INSERT", 10_000_000, 9_999_990, 3, 4.8, 4.9, "ALLOW"));
        return new SuiteResults(SuiteSettings.fullRun(), MachineInfo.current(), Instant.parse("2026-11-23T10:00:00Z"),
                14.2, 0.3, 0.9, "PostgreSQL 15 (test)", engine, conclusions, e2e, heap, sizes);
    }

    private static RunFigures figures(double transactionsPerSecond) {
        return new RunFigures(transactionsPerSecond, 100, 400, 3_000, 50, Math.round(transactionsPerSecond));
    }
}
