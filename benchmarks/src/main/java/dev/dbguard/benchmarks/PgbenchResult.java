package dev.dbguard.benchmarks;

import java.util.Arrays;
import java.util.List;

/**
 * What one pgbench run measured.
 *
 * @param tps          transactions per second, pgbench's figure without the initial connection time
 * @param p50Micros    the median transaction latency, from the per-transaction log
 * @param p99Micros    the 99th percentile transaction latency, from the per-transaction log
 * @param transactions how many transactions the log holds
 */
record PgbenchResult(double tps, double p50Micros, double p99Micros, long transactions) {

    /** p50 and p99 of {@code latencies} (microseconds, in any order; sorted here). */
    static PgbenchResult of(double tps, long[] latencies) {
        if (latencies.length == 0) {
            throw new IllegalStateException("pgbench logged no transaction");
        }
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return new PgbenchResult(tps, percentile(sorted, 0.50), percentile(sorted, 0.99), sorted.length);
    }

    /** The per-field median of several rounds' results at the same point. */
    static PgbenchResult median(List<PgbenchResult> rounds) {
        return new PgbenchResult(median(rounds.stream().mapToDouble(PgbenchResult::tps).toArray()),
                median(rounds.stream().mapToDouble(PgbenchResult::p50Micros).toArray()),
                median(rounds.stream().mapToDouble(PgbenchResult::p99Micros).toArray()),
                rounds.stream().mapToLong(PgbenchResult::transactions).sum());
    }

    /** Nearest-rank percentile of sorted values. */
    private static double percentile(long[] sorted, double fraction) {
        int rank = (int) Math.ceil(fraction * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
