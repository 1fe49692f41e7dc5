package dev.dbguard.benchmarks;

import java.time.Duration;
import java.util.List;

/**
 * How long each part of the suite runs. The full settings keep a run within about a quarter of an hour on a
 * 2-core machine; the quick ones, for development, within a few minutes.
 *
 * @param quick             whether these are the quick settings (said in the report)
 * @param engineWarmups     JMH warm-up iterations per benchmark
 * @param engineIterations  JMH measured iterations per benchmark
 * @param engineIteration   length of one JMH iteration
 * @param threadCounts      end-to-end thread counts
 * @param rounds            end-to-end rounds per thread count; medians are over these
 * @param runWarmup         warm-up of each end-to-end slice (one layer's turn in a round)
 * @param runMeasure        measured window of each end-to-end slice
 * @param distinctStatements statements judged in the heap-flatness test
 * @param firstParseRuns    fresh JVMs per case of the first-parse measurement
 */
record SuiteSettings(boolean quick, int engineWarmups, int engineIterations, Duration engineIteration,
                     List<Integer> threadCounts, int rounds, Duration runWarmup, Duration runMeasure,
                     int distinctStatements, int firstParseRuns) {

    static SuiteSettings fullRun() {
        return new SuiteSettings(false, 2, 4, Duration.ofMillis(500), List.of(1, 4, 16), 25,
                Duration.ofMillis(100), Duration.ofMillis(300), 1_000_000, 7);
    }

    static SuiteSettings quickRun() {
        return new SuiteSettings(true, 1, 2, Duration.ofMillis(300), List.of(1, 4, 16), 4,
                Duration.ofMillis(100), Duration.ofMillis(200), 100_000, 3);
    }
}
