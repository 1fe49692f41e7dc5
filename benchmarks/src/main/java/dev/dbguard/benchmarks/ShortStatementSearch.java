package dev.dbguard.benchmarks;

import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.StatementGuard;
import dev.dbguard.core.Target;
import dev.dbguard.core.Verdict;
import dev.dbguard.core.audit.AuditSink;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Looks for the slowest statements under 4 KB: every {@link ShortStatements} candidate is checked by an engine
 * without cache (each check is the full analysis a statement's first execution costs), read as PostgreSQL and as
 * MySQL, on a thread with the JVM's default stack. After a pass that compiles the code, every candidate is timed
 * once; those over a fraction of the target are timed {@value #RETIMES} times more and keep the median, so that one
 * preemption on a busy machine does not count as slow.
 */
final class ShortStatementSearch {

    /** The target: no statement under 4 KB takes longer to check. */
    static final double TARGET_MILLIS = 1.0;
    private static final double RETIME_OVER_MILLIS = 0.25;
    private static final int RETIMES = 7;
    private static final List<String> URLS = List.of("jdbc:postgresql://db/bench", "jdbc:mysql://db/bench");

    private ShortStatementSearch() {
    }

    /**
     * One timed statement.
     *
     * @param dialect      the dialect it was read in (from the target's URL)
     * @param medianMillis the median of its timed checks (one check when it was fast)
     * @param outcome      the verdict, with the rule when one fired
     */
    record Timed(String family, String dialect, String sql, double medianMillis, String outcome) {
    }

    /**
     * What the search found.
     *
     * @param statements how many statements were checked, per dialect
     * @param slowest    the slowest statements overall, slowest first
     * @param byFamily   the slowest statement of each family, in family order
     * @param over       how many statements (over both dialects) took longer than the target
     */
    record Figures(int statements, List<Timed> slowest, List<Timed> byFamily, int over, boolean corpus) {

        double maxMillis() {
            return slowest.isEmpty() ? Double.NaN : slowest.get(0).medianMillis();
        }
    }

    static Figures run(List<ShortStatements.Candidate> candidates, boolean corpus) throws InterruptedException {
        Figures[] result = new Figures[1];
        Thread worker = new Thread(() -> result[0] = search(candidates, corpus), "bench-short-statements");
        worker.start();
        worker.join();
        return result[0];
    }

    private static Figures search(List<ShortStatements.Candidate> candidates, boolean corpus) {
        StatementGuard guard = new StatementGuard(GuardConfig.builder().environment("production", "benchmark")
                .auditSink(AuditSink.NONE).cacheSize(0).build());
        List<Timed> timed = new ArrayList<>();
        for (String url : URLS) {
            Target target = guard.target("bench", url);
            String dialect = target.dialect().name().toLowerCase(java.util.Locale.ROOT);
            for (int pass = 0; pass < 2; pass++) { // compile before timing
                for (ShortStatements.Candidate candidate : candidates) {
                    guard.check(candidate.sql(), target);
                }
            }
            for (ShortStatements.Candidate candidate : candidates) {
                double millis = millis(guard, target, candidate.sql());
                if (millis > RETIME_OVER_MILLIS) {
                    double[] again = new double[RETIMES];
                    for (int i = 0; i < RETIMES; i++) {
                        again[i] = millis(guard, target, candidate.sql());
                    }
                    millis = EndToEndResults.median(again);
                }
                timed.add(new Timed(candidate.family(), dialect, candidate.sql(), millis,
                        outcome(guard.check(candidate.sql(), target))));
            }
        }
        timed.sort(Comparator.comparingDouble(Timed::medianMillis).reversed());
        Map<String, Timed> byFamily = new LinkedHashMap<>();
        for (ShortStatements.Candidate candidate : candidates) {
            byFamily.putIfAbsent(candidate.family(), null);
        }
        for (Timed t : timed) {
            if (byFamily.get(t.family()) == null) {
                byFamily.put(t.family(), t);
            }
        }
        int over = (int) timed.stream().filter(t -> t.medianMillis() > TARGET_MILLIS).count();
        return new Figures(candidates.size(), List.copyOf(timed.subList(0, Math.min(15, timed.size()))),
                byFamily.values().stream().filter(java.util.Objects::nonNull).toList(), over, corpus);
    }

    private static double millis(StatementGuard guard, Target target, String sql) {
        long start = System.nanoTime();
        guard.check(sql, target);
        return (System.nanoTime() - start) / 1e6;
    }

    private static String outcome(Verdict verdict) {
        return verdict.decision() + (verdict.ruleId() == null ? "" : " (" + verdict.ruleId() + ")");
    }

    /** For development: prints the slowest statements. */
    public static void main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("--quick");
        List<ShortStatements.Candidate> candidates = new ArrayList<>(ShortStatements.generated(quick));
        boolean corpus = !Arrays.asList(args).contains("--no-corpus");
        if (corpus) {
            candidates.addAll(ShortStatements.corpus(ShortStatements.findCorpus()));
        }
        Figures figures = run(candidates, corpus);
        System.out.printf("%d statements, %d over %.1f ms%n", figures.statements(), figures.over(), TARGET_MILLIS);
        for (Timed t : figures.slowest()) {
            System.out.printf("%8.3f ms %-10s %-40s %-26s %s%n", t.medianMillis(), t.dialect(), t.family(),
                    t.outcome(), t.sql().length() > 100 ? t.sql().substring(0, 100) + "… (" + t.sql().length()
                            + ")" : t.sql());
        }
        System.out.println("-- by family");
        for (Timed t : figures.byFamily()) {
            System.out.printf("%8.3f ms %-10s %-40s %s%n", t.medianMillis(), t.dialect(), t.family(), t.outcome());
        }
    }
}
