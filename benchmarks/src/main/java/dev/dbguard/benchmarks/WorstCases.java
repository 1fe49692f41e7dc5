package dev.dbguard.benchmarks;

import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.StatementGuard;
import dev.dbguard.core.Target;
import dev.dbguard.core.Verdict;
import dev.dbguard.core.audit.AuditSink;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The engine's worst cases: a stream of statements that are all different (the cache can only churn, memory must
 * stay flat), and single statements from 1 KB to 10 MB (the time of one check must stay bounded).
 */
final class WorstCases {

    /**
     * The URL the engine benchmarks' targets name: PostgreSQL, as a guarded data source knows its server (a target
     * of unknown dialect reads every text both ways, PostgreSQL's and MySQL's, at twice the cost).
     */
    static final String BENCH_URL = "jdbc:postgresql://db/bench";

    /** Statement sizes checked for bounded time, in characters. */
    static final List<Integer> SIZES = List.of(1_000, 100_000, 1_000_000, 10_000_000);

    private static final GuardConfig PRODUCTION =
            GuardConfig.builder().environment("production", "benchmark").auditSink(AuditSink.NONE).build();

    private WorstCases() {
    }

    /**
     * Judges {@code count} distinct statements (four shapes, including destructive ones that JSqlParser parses)
     * through one engine with its default cache, measuring the heap after a full GC before, at a tenth, and after.
     */
    static HeapFigures distinctStatements(int count) throws InterruptedException {
        StatementGuard guard = new StatementGuard(PRODUCTION);
        Target target = guard.target("bench", BENCH_URL);
        judge(guard, target, 0, 1_000);
        double before = heapAfterGcMb();
        int tenth = count / 10;
        long start = System.nanoTime();
        int blocked = judge(guard, target, 1_000, tenth);
        double atTenth = heapAfterGcMb();
        blocked += judge(guard, target, tenth, count);
        double seconds = (System.nanoTime() - start) / 1e9;
        double after = heapAfterGcMb();
        return new HeapFigures(count, before, tenth, atTenth, after, seconds * 1e6 / (count - 1_000), blocked);
    }

    private static int judge(StatementGuard guard, Target target, int from, int to) {
        int blocked = 0;
        for (int i = from; i < to; i++) {
            Verdict verdict = guard.check(distinct(i), target);
            if (verdict.decision() == dev.dbguard.core.Decision.BLOCK) {
                blocked++;
            }
        }
        return blocked;
    }

    /** The {@code i}-th distinct statement: a read, an update and a delete by key, and an unscoped delete. */
    static String distinct(int i) {
        return switch (i % 4) {
            case 0 -> "SELECT id, balance, note FROM bench_accounts WHERE id = " + i;
            case 1 -> "UPDATE bench_accounts SET balance = balance + " + i + " WHERE id = " + i;
            case 2 -> "DELETE FROM bench_accounts WHERE id = " + i;
            default -> "DELETE FROM bench_accounts_" + i;
        };
    }

    private static double heapAfterGcMb() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }

    /**
     * Times the check of statements of each {@link #SIZES size} and shape, on an engine without cache (every check
     * is a full analysis), on a thread with the JVM's default stack size as an application thread would have.
     */
    static List<SizeFigures> sizes(boolean quick) throws InterruptedException {
        List<SizeFigures> figures = new ArrayList<>();
        Thread worker = new Thread(() -> {
            StatementGuard guard = new StatementGuard(PRODUCTION.toBuilder().cacheSize(0).build());
            Target target = guard.target("bench", BENCH_URL);
            warmUp(guard, target, quick);
            for (Shape shape : Shape.values()) {
                for (int size : SIZES) {
                    int runs = size >= 10_000_000 ? (quick ? 3 : 7) : size >= 1_000_000 ? (quick ? 5 : 15)
                            : size >= 100_000 ? (quick ? 5 : 20) : (quick ? 50 : 200);
                    figures.add(time(guard, target, shape, size, runs));
                }
            }
        }, "bench-sizes");
        worker.start();
        worker.join();
        return figures;
    }

    /** Runs every shape at the smaller sizes first, so that the timed checks run compiled code. */
    private static void warmUp(StatementGuard guard, Target target, boolean quick) {
        for (Shape shape : Shape.values()) {
            String small = shape.build.apply(SIZES.get(0));
            String large = shape.build.apply(SIZES.get(1));
            for (int i = 0; i < (quick ? 300 : 1_000); i++) {
                outcomeOf(guard, target, small);
            }
            for (int i = 0; i < (quick ? 5 : 20); i++) {
                outcomeOf(guard, target, large);
            }
        }
    }

    private static SizeFigures time(StatementGuard guard, Target target, Shape shape, int size, int runs) {
        String sql = shape.build.apply(size);
        String outcome = outcomeOf(guard, target, sql);
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            outcomeOf(guard, target, sql);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        return new SizeFigures(shape.description, size, sql.length(), runs, EndToEndResults.median(millis),
                Arrays.stream(millis).max().orElse(Double.NaN), outcome, shape.multiStatement());
    }

    private static String outcomeOf(StatementGuard guard, Target target, String sql) {
        try {
            Verdict verdict = guard.check(sql, target);
            return verdict.decision() + (verdict.ruleId() == null ? "" : " (" + verdict.ruleId() + ")");
        } catch (Throwable e) { // check() promises never to throw; if it does, the report says so
            return "threw " + e.getClass().getSimpleName();
        }
    }

    /** The statement shapes grown to each size. */
    enum Shape {
        INSERT("multi-row INSERT", size -> {
            StringBuilder sql = new StringBuilder(size + 64).append("INSERT INTO tasks (id, title, done) VALUES ");
            for (int i = 1; sql.length() < size - 40; i++) {
                sql.append(i == 1 ? "" : ", ").append('(').append(i).append(", 'task ").append(i).append("', false)");
            }
            return sql.toString();
        }),
        DELETE_IN_LIST("DELETE ... WHERE id IN (keys)", EngineStatements::deleteInList),
        LONG_LITERAL("UPDATE without WHERE, one long literal",
                size -> "UPDATE tasks SET note = '" + "x".repeat(Math.max(1, size - 27)) + "'"),
        NESTED("UPDATE without WHERE, nested parentheses",
                size -> EngineStatements.nestedUpdate(Math.max(1, (size - 30) / 2))),
        MANY_STATEMENTS("scoped DELETEs separated by ';', then DROP TABLE", size -> {
            String each = "DELETE FROM tasks WHERE id = 1; ";
            return each.repeat(Math.max(1, (size - 16) / each.length())) + "DROP TABLE tasks";
        }, true),
        MANY_UPDATES("scoped UPDATEs separated by ';'", size -> {
            StringBuilder sql = new StringBuilder(size + 64);
            for (int i = 1; sql.length() < size - 64; i++) {
                sql.append("UPDATE tasks SET done = true, title = 'task ").append(i).append("' WHERE id = ").append(i)
                        .append("; ");
            }
            return sql.toString();
        }, true);

        private final String description;
        private final IntFunction<String> build;
        private final boolean multiStatement;

        Shape(String description, IntFunction<String> build) {
            this(description, build, false);
        }

        Shape(String description, IntFunction<String> build, boolean multiStatement) {
            this.description = description;
            this.build = build;
            this.multiStatement = multiStatement;
        }

        /** Whether the text holds many statements (the 1 MB and 10 MB targets are about those). */
        boolean multiStatement() {
            return multiStatement;
        }
    }

    /**
     * Heap after a full GC around a stream of distinct statements, in MB.
     *
     * @param microsPerStatement mean time to judge one of them (most are analysed, none is cached twice)
     * @param blocked            how many the engine refused (the unscoped deletes): it kept judging all along
     */
    record HeapFigures(int statements, double beforeMb, int tenth, double atTenthMb, double afterMb,
                       double microsPerStatement, int blocked) {
    }

    /**
     * The time to check one statement of a shape and size; {@code outcome} is the verdict reached;
     * {@code multiStatement} whether the text holds many statements.
     */
    record SizeFigures(String shape, int size, int length, int runs, double medianMillis, double maxMillis,
                       String outcome, boolean multiStatement) {
    }
}
