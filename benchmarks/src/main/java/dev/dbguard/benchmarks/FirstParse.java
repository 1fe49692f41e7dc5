package dev.dbguard.benchmarks;

import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.StatementGuard;
import dev.dbguard.core.audit.AuditSink;
import dev.dbguard.core.internal.SqlAnalyzer;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * How long the first statement that needs JSqlParser takes in a fresh JVM, with and without the background warm-up a
 * {@link StatementGuard} starts when it is created. Each measurement is its own JVM (the cost is a one-off); the
 * lexer and scanner are loaded first in every mode (by a statement they settle alone), so that the figure is the
 * parser's first use and nothing else.
 *
 * <ul>
 *   <li><b>without warm-up</b>: the engine's analyser is used directly, so that nothing warms the parser;
 *   <li><b>guard just created</b>: the statement comes right after the guard was created, racing the warm-up (a
 *       request that needs the parser meanwhile waits for the loading the warm-up has begun, it does not repeat it);
 *   <li><b>guard created {@value #STARTUP_MILLIS} ms before</b>: as when a pool starts with the application and the
 *       first such statement comes later.
 * </ul>
 * A fourth kind of child reports how long the warm-up thread ran and the CPU it used (sampled every 2 ms).
 */
final class FirstParse {

    static final long STARTUP_MILLIS = 1_000;
    private static final String STATEMENT = "DELETE FROM accounts_archive WHERE created_at < now() OR 1 = 1";
    private static final String SCANNER_ONLY = "UPDATE accounts SET note = 'x' WHERE id = 1";
    private static final List<String> MODES = List.of("cold", "immediate", "after-startup");

    private FirstParse() {
    }

    /**
     * Median figures of {@code runs} fresh JVMs per mode.
     *
     * @param coldMillis       first parse with nothing warmed
     * @param immediateMillis  first parse right after a guard was created
     * @param afterStartupMillis first parse {@value #STARTUP_MILLIS} ms after a guard was created
     * @param warmUpMillis     from the guard's creation until its warm-up thread ended (wall clock)
     * @param warmUpCpuMillis  the CPU time it used
     */
    record Figures(int runs, double coldMillis, double immediateMillis, double afterStartupMillis,
                   double warmUpMillis, double warmUpCpuMillis) {
    }

    static Figures run(int runs) throws IOException, InterruptedException {
        double[][] firsts = new double[MODES.size()][runs];
        double[] warmUp = new double[runs];
        double[] warmUpCpu = new double[runs];
        for (int r = 0; r < runs; r++) {
            for (int m = 0; m < MODES.size(); m++) {
                firsts[m][r] = Double.parseDouble(child(MODES.get(m))[0]);
            }
            String[] cost = child("warm-up");
            warmUp[r] = Double.parseDouble(cost[0]);
            warmUpCpu[r] = Double.parseDouble(cost[1]);
        }
        return new Figures(runs, EndToEndResults.median(firsts[0]), EndToEndResults.median(firsts[1]),
                EndToEndResults.median(firsts[2]), EndToEndResults.median(warmUp),
                EndToEndResults.median(warmUpCpu));
    }

    private static String[] child(String mode) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                FirstParse.class.getName(), mode).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("The first-parse child (" + mode + ") failed: " + output);
        }
        String last = output.lines().reduce((a, b) -> b).orElse("");
        return last.split(" ");
    }

    /**
     * The child: prints the first parse in milliseconds; in mode {@code warm-up}, the warm-up thread's wall-clock
     * and CPU time instead.
     */
    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        String mode = args[0];
        SqlAnalyzer analyzer = new SqlAnalyzer(GuardConfig.DEFAULT_MAX_PARSE_LENGTH);
        if (mode.equals("warm-up")) {
            printWarmUpCost();
            return;
        }
        if (!mode.equals("cold")) {
            new StatementGuard(GuardConfig.builder().environment("production").auditSink(AuditSink.NONE).build());
        }
        analyzer.analyze(SCANNER_ONLY); // the lexer and scanner, loaded in every mode
        if (mode.equals("after-startup")) {
            Thread.sleep(STARTUP_MILLIS);
        }
        long start = System.nanoTime();
        analyzer.analyze(STATEMENT);
        System.out.println(String.format(Locale.ROOT, "%.3f", (System.nanoTime() - start) / 1e6));
    }

    private static void printWarmUpCost() throws InterruptedException {
        long created = System.nanoTime();
        new StatementGuard(GuardConfig.builder().environment("production").auditSink(AuditSink.NONE).build());
        Thread warmUp = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("dbguard-parser-warm-up")).findFirst().orElse(null);
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = 0;
        while (warmUp != null && warmUp.isAlive()) {
            cpu = Math.max(cpu, threads.getThreadCpuTime(warmUp.getId())); // -1 once it has ended
            Thread.sleep(2);
        }
        System.out.println(String.format(Locale.ROOT, "%.1f %.1f", (System.nanoTime() - created) / 1e6, cpu / 1e6));
    }
}
