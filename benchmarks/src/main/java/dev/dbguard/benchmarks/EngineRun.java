package dev.dbguard.benchmarks;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Runs {@link EngineBenchmark} through JMH's API with the GC profiler and collects its figures. */
final class EngineRun {

    private EngineRun() {
    }

    /**
     * Runs every checker on every statement, one forked JVM each; JMH's own output goes to {@code log} and its
     * results, as JSON, to {@code json}.
     */
    static List<EngineFigures> run(SuiteSettings settings, Path log, Path json) throws RunnerException {
        return run(EngineBenchmark.class, settings, log, json);
    }

    /**
     * Runs {@link NeverRepeatingBenchmark} the same way, with longer warm-up whatever the settings: each check there
     * runs the whole lexer and scanner on a new text, whose code takes several seconds of a busy 2-core machine to
     * compile fully (the first iterations measure the interpreter).
     */
    static List<EngineFigures> runNeverRepeating(SuiteSettings settings, Path log, Path json) throws RunnerException {
        return run(NeverRepeatingBenchmark.class, Math.max(4, settings.engineWarmups() * 2), 1_000,
                Math.max(3, settings.engineIterations()), settings, log, json);
    }

    private static List<EngineFigures> run(Class<?> benchmark, SuiteSettings settings, Path log, Path json)
            throws RunnerException {
        return run(benchmark, settings.engineWarmups(), settings.engineIteration().toMillis(),
                settings.engineIterations(), settings, log, json);
    }

    private static List<EngineFigures> run(Class<?> benchmark, int warmups, long warmupMillis, int iterations,
                                           SuiteSettings settings, Path log, Path json) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(benchmark.getName() + "\\.")
                .warmupIterations(warmups)
                .warmupTime(TimeValue.milliseconds(warmupMillis))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.milliseconds(settings.engineIteration().toMillis()))
                .forks(1)
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true)
                .output(log.toString())
                .result(json.toString())
                .resultFormat(ResultFormatType.JSON)
                .build();
        return figuresOf(new Runner(options).run());
    }

    static List<EngineFigures> figuresOf(Collection<RunResult> results) {
        List<EngineFigures> figures = new ArrayList<>();
        for (RunResult result : results) {
            String label = result.getParams().getBenchmark();
            String checker = label.substring(label.lastIndexOf('.') + 1);
            String statement = result.getParams().getParam("statement");
            List<Double> iterations = new ArrayList<>();
            for (BenchmarkResult benchmark : result.getBenchmarkResults()) {
                for (IterationResult iteration : benchmark.getIterationResults()) {
                    iterations.add(iteration.getPrimaryResult().getScore());
                }
            }
            double[] scores = iterations.stream().mapToDouble(Double::doubleValue).toArray();
            Result<?> primary = result.getPrimaryResult();
            figures.add(new EngineFigures(statement, checker, EndToEndResults.median(scores), primary.getScore(),
                    primary.getScoreError(), allocation(result.getSecondaryResults())));
        }
        return figures;
    }

    @SuppressWarnings("rawtypes") // JMH's getSecondaryResults() is declared with the raw Result type
    private static double allocation(Map<String, Result> secondary) {
        for (Map.Entry<String, Result> entry : secondary.entrySet()) {
            if (entry.getKey().endsWith("gc.alloc.rate.norm")) {
                return entry.getValue().getScore();
            }
        }
        return Double.NaN;
    }
}
