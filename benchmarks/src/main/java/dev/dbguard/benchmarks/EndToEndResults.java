package dev.dbguard.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Every timed run of the end-to-end comparison, by mix, thread count and layer, in round order; and the medians
 * and ratios to raw HikariCP the report shows. A ratio is the median over rounds of the layer's figure divided by
 * raw HikariCP's figure in the same round, so that drift between rounds cancels.
 */
final class EndToEndResults {

    private final Map<Mix, Map<Integer, Map<Layer, List<RunFigures>>>> runs = new EnumMap<>(Mix.class);
    private long statementsJudged;
    private long statementsRefused;

    void add(Mix mix, int threads, Layer layer, RunFigures figures) {
        runs.computeIfAbsent(mix, m -> new TreeMap<>())
                .computeIfAbsent(threads, t -> new EnumMap<>(Layer.class))
                .computeIfAbsent(layer, l -> new ArrayList<>())
                .add(figures);
    }

    /** Counts what dbguard's engine (wrapped DataSource) judged over all runs. */
    void countGuarded(long judged, long refused) {
        statementsJudged += judged;
        statementsRefused += refused;
    }

    long statementsJudged() {
        return statementsJudged;
    }

    long statementsRefused() {
        return statementsRefused;
    }

    List<Mix> mixes() {
        return List.copyOf(runs.keySet());
    }

    List<Integer> threadCounts(Mix mix) {
        return List.copyOf(runs.getOrDefault(mix, Map.of()).keySet());
    }

    List<Layer> layers(Mix mix, int threads) {
        return List.copyOf(runs.get(mix).get(threads).keySet());
    }

    /** Medians over rounds of one layer's figures and of their ratios to raw HikariCP in the same rounds. */
    Summary summary(Mix mix, int threads, Layer layer) {
        List<RunFigures> mine = runs.get(mix).get(threads).get(layer);
        List<RunFigures> raw = runs.get(mix).get(threads).get(Layer.RAW);
        if (raw == null || raw.size() != mine.size()) {
            throw new IllegalStateException("Raw HikariCP was not measured in every round of " + mix + " at "
                    + threads + " threads");
        }
        return new Summary(layer, mine.size(),
                median(mine, RunFigures::transactionsPerSecond),
                median(mine, RunFigures::p50Micros),
                median(mine, RunFigures::p99Micros),
                median(mine, RunFigures::bytesPerTransaction),
                medianRatio(mine, raw, RunFigures::transactionsPerSecond),
                medianRatio(mine, raw, RunFigures::p50Micros),
                medianRatio(mine, raw, RunFigures::p99Micros),
                median(mine, RunFigures::bytesPerTransaction) - median(raw, RunFigures::bytesPerTransaction),
                median(mine, RunFigures::cpuMicrosPerTransaction),
                median(mine, RunFigures::cpuMicrosPerTransaction) - median(raw, RunFigures::cpuMicrosPerTransaction),
                ratios(mine, raw, RunFigures::transactionsPerSecond));
    }

    private static double median(List<RunFigures> figures, ToDoubleFunction<RunFigures> value) {
        return median(figures.stream().mapToDouble(value).toArray());
    }

    private static double medianRatio(List<RunFigures> mine, List<RunFigures> raw,
                                      ToDoubleFunction<RunFigures> value) {
        return median(ratios(mine, raw, value));
    }

    private static double[] ratios(List<RunFigures> mine, List<RunFigures> raw, ToDoubleFunction<RunFigures> value) {
        double[] ratios = new double[mine.size()];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = value.applyAsDouble(mine.get(i)) / value.applyAsDouble(raw.get(i));
        }
        return ratios;
    }

    /** The {@code fraction} quantile of {@code values}, interpolated between the nearest ranks. */
    static double quantile(double[] values, double fraction) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double position = fraction * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
    }

    /** Every run as CSV, one line per layer per round, for anyone who wants to check the medians. */
    String csv() {
        StringBuilder csv = new StringBuilder("mix,threads,layer,round,transactions_per_second,p50_micros,p99_micros,"
                + "cpu_micros_per_transaction,bytes_per_transaction,transactions\n");
        runs.forEach((mix, byThreads) -> byThreads.forEach((threads, byLayer) -> byLayer.forEach((layer, list) -> {
            for (int round = 0; round < list.size(); round++) {
                RunFigures f = list.get(round);
                csv.append(String.format(java.util.Locale.ROOT, "%s,%d,%s,%d,%.1f,%.1f,%.1f,%.2f,%.0f,%d%n",
                        mix, threads, layer, round + 1, f.transactionsPerSecond(), f.p50Micros(), f.p99Micros(),
                        f.cpuMicrosPerTransaction(), f.bytesPerTransaction(), f.transactions()));
            }
        })));
        return csv.toString();
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * One layer at one thread count: medians of its figures over the rounds, and medians of the per-round ratios
     * to raw HikariCP (throughput: higher is better; latency: lower is better).
     */
    record Summary(Layer layer, int rounds, double transactionsPerSecond, double p50Micros, double p99Micros,
                   double bytesPerTransaction, double throughputRatio, double p50Ratio, double p99Ratio,
                   double addedBytesPerTransaction, double cpuMicrosPerTransaction,
                   double addedCpuMicrosPerTransaction, double[] throughputRatios) {

        /** The first quartile of the per-round throughput ratios: with the third, where the middle half lies. */
        double lowerQuartileThroughputRatio() {
            return quantile(throughputRatios, 0.25);
        }

        /** The third quartile of the per-round throughput ratios. */
        double upperQuartileThroughputRatio() {
            return quantile(throughputRatios, 0.75);
        }
    }
}
