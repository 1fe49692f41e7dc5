package dev.dbguard.benchmarks;

/**
 * What one timed run of the mix measured.
 *
 * @param transactionsPerSecond transactions completed per second over the measured window
 * @param p50Micros             median transaction latency, microseconds
 * @param p99Micros             99th percentile transaction latency, microseconds
 * @param bytesPerTransaction   heap allocated by the worker threads per transaction (driver, pool, layer)
 * @param cpuMicrosPerTransaction CPU time the worker threads used per transaction, microseconds (the client's
 *                              share only: the database's backends are not counted)
 * @param transactions          transactions completed in the measured window
 */
record RunFigures(double transactionsPerSecond, double p50Micros, double p99Micros, double bytesPerTransaction,
                  double cpuMicrosPerTransaction, long transactions) {
}
