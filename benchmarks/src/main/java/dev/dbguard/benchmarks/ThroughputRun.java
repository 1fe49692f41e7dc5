package dev.dbguard.benchmarks;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;

/**
 * Runs the mix from a number of threads for a warm-up and a measured window, each transaction on a connection
 * borrowed from the pool and returned (as an application does per unit of work).
 */
final class ThroughputRun {

    private static final int WARMUP = 0;
    private static final int MEASURE = 1;
    private static final int STOP = 2;
    /** Latencies kept per thread; more transactions are counted but not timed individually. */
    private static final int LATENCY_CAPACITY = 1 << 16;

    private final DataSource dataSource;
    private final Mix mix;
    private final int threads;
    private volatile int phase = WARMUP;

    private ThroughputRun(DataSource dataSource, Mix mix, int threads) {
        this.dataSource = dataSource;
        this.mix = mix;
        this.threads = threads;
    }

    /**
     * Runs the mix and returns what the measured window showed.
     *
     * @throws SQLException when any transaction failed: a benchmark of failing statements means nothing
     */
    static RunFigures run(DataSource dataSource, Mix mix, int threads, Duration warmup, Duration measure)
            throws SQLException, InterruptedException {
        return new ThroughputRun(dataSource, mix, threads).run(warmup, measure);
    }

    private RunFigures run(Duration warmup, Duration measure) throws SQLException, InterruptedException {
        Worker[] workers = new Worker[threads];
        CountDownLatch started = new CountDownLatch(threads);
        for (int i = 0; i < threads; i++) {
            workers[i] = new Worker(started);
            workers[i].thread = new Thread(workers[i], "bench-worker-" + i);
            workers[i].thread.setDaemon(true);
            workers[i].thread.start();
        }
        started.await();
        Thread.sleep(warmup.toMillis());
        long[] ids = new long[threads];
        for (int i = 0; i < threads; i++) {
            ids[i] = workers[i].thread.getId();
        }
        com.sun.management.ThreadMXBean threadBean =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] allocatedBefore = threadBean.getThreadAllocatedBytes(ids);
        long[] cpuBefore = cpuTimes(threadBean, ids);
        long start = System.nanoTime();
        phase = MEASURE;
        Thread.sleep(measure.toMillis());
        long end = System.nanoTime();
        // Read while the workers live: a finished thread reports -1.
        long[] allocatedAfter = threadBean.getThreadAllocatedBytes(ids);
        long[] cpuAfter = cpuTimes(threadBean, ids);
        phase = STOP;
        for (Worker worker : workers) {
            worker.thread.join(60_000);
        }
        long transactions = 0;
        long allocated = 0;
        long cpu = 0;
        int timed = 0;
        for (int i = 0; i < threads; i++) {
            Worker worker = workers[i];
            if (worker.failure != null) {
                throw new SQLException("A benchmark transaction failed on " + worker.thread.getName() + ": "
                        + worker.failure.getMessage(), worker.failure);
            }
            transactions += worker.transactions;
            allocated += allocatedAfter[i] - allocatedBefore[i];
            cpu += cpuAfter[i] - cpuBefore[i];
            timed += worker.timed;
        }
        if (transactions == 0) {
            throw new SQLException("No transaction completed in the measured window of " + measure);
        }
        long[] latencies = new long[timed];
        int at = 0;
        for (Worker worker : workers) {
            System.arraycopy(worker.latencies, 0, latencies, at, worker.timed);
            at += worker.timed;
        }
        Arrays.sort(latencies);
        double seconds = (end - start) / 1e9;
        return new RunFigures(transactions / seconds, percentile(latencies, 0.50) / 1e3,
                percentile(latencies, 0.99) / 1e3, (double) allocated / transactions, cpu / 1e3 / transactions,
                transactions);
    }

    private static long[] cpuTimes(java.lang.management.ThreadMXBean threadBean, long[] ids) {
        long[] times = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            times[i] = threadBean.getThreadCpuTime(ids[i]);
        }
        return times;
    }

    /** The nearest-rank percentile of sorted values. */
    static double percentile(long[] sorted, double fraction) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(fraction * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private final class Worker implements Runnable {

        private final CountDownLatch started;
        private final long[] latencies = new long[LATENCY_CAPACITY];
        private Thread thread;
        private long transactions;
        private int timed;
        private Exception failure;

        Worker(CountDownLatch started) {
            this.started = started;
        }

        @Override
        public void run() {
            started.countDown();
            try {
                while (true) {
                    int before = phase;
                    if (before == STOP) {
                        return;
                    }
                    long begin = System.nanoTime();
                    try (Connection connection = dataSource.getConnection()) {
                        mix.transaction(connection);
                    }
                    long elapsed = System.nanoTime() - begin;
                    if (before == MEASURE && phase == MEASURE) {
                        transactions++;
                        if (timed < latencies.length) {
                            latencies[timed++] = elapsed;
                        }
                    }
                }
            } catch (Exception | Error e) {
                failure = e instanceof Exception exception ? exception : new SQLException(e.toString(), e);
            }
        }
    }
}
