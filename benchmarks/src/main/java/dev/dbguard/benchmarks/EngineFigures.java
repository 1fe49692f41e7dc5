package dev.dbguard.benchmarks;

/**
 * One JMH result: a checker on one statement.
 *
 * @param statement    the statement's name in {@link EngineStatements}
 * @param checker      the benchmark method, e.g. {@code dbguardCached}
 * @param medianNanos  median of the measured iterations' mean time per check
 * @param meanNanos    JMH's score: mean over all measured iterations
 * @param errorNanos   JMH's 99.9% confidence half-width (NaN with too few iterations)
 * @param bytesPerOp   heap allocated per check ({@code -prof gc}'s {@code gc.alloc.rate.norm}); NaN when unknown
 */
record EngineFigures(String statement, String checker, double medianNanos, double meanNanos, double errorNanos,
                     double bytesPerOp) {
}
