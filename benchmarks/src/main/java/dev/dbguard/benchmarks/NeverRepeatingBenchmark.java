package dev.dbguard.benchmarks;

import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.StatementGuard;
import dev.dbguard.core.Target;
import dev.dbguard.core.Verdict;
import dev.dbguard.core.audit.AuditSink;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/**
 * Cost of judging SQL whose literals are inlined, so that no text is ever seen twice: the everyday OLTP statements
 * with a new key each time, through the engine as applications run it (production, default verdict cache) and with
 * its cache off (the analysis alone). {@code textOnly} builds the same texts without judging them: the check costs
 * what {@code dbguard} takes beyond it.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main NeverRepeatingBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class NeverRepeatingBenchmark {

    /** The statement shapes, by name: a new key (and a new value) in every text. */
    static final List<String> STATEMENTS = List.of("update-by-key", "delete-by-key", "update-orm-versioned",
            "select-by-key", "insert-row");

    @Param({"update-by-key", "delete-by-key", "update-orm-versioned", "select-by-key", "insert-row"})
    public String statement;

    private LongFunction<String> text;
    private StatementGuard guard;
    private StatementGuard uncachedGuard;
    private Target target;
    private Target uncachedTarget;
    private long key = 1_000_000;

    @Setup
    public void setUp() {
        text = shape(statement);
        GuardConfig production = GuardConfig.builder().environment("production").auditSink(AuditSink.NONE).build();
        guard = new StatementGuard(production);
        uncachedGuard = new StatementGuard(production.toBuilder().cacheSize(0).build());
        target = guard.target("bench", "jdbc:postgresql://db/bench");
        uncachedTarget = uncachedGuard.target("bench", "jdbc:postgresql://db/bench");
    }

    /** The {@code key}-th text of a shape. */
    static LongFunction<String> shape(String name) {
        return switch (name) {
            case "update-by-key" -> key -> "UPDATE bench_accounts SET balance = balance + " + (key % 97)
                    + " WHERE id = " + key;
            case "delete-by-key" -> key -> "DELETE FROM bench_accounts WHERE id = " + key;
            case "update-orm-versioned" -> key -> "UPDATE orders SET status = 'shipped', updated_at = '2026-11-24"
                    + " 10:" + (key % 60) + ":00', version = " + (key % 1000 + 1) + " WHERE id = " + key
                    + " AND version = " + (key % 1000);
            case "select-by-key" -> key -> "SELECT id, balance, note FROM bench_accounts WHERE id = " + key;
            case "insert-row" -> key -> "INSERT INTO bench_accounts (id, balance, note) VALUES (" + key + ", "
                    + (key % 97) + ", 'transfer')";
            default -> throw new IllegalArgumentException("No never-repeating shape named '" + name + "'");
        };
    }

    /** dbguard as applications run it: default cache, so the cost of admitting (or not) a text that never repeats. */
    @Benchmark
    public Verdict dbguard() {
        return guard.check(text.apply(key++), target);
    }

    /** dbguard with its cache off: the analysis alone. */
    @Benchmark
    public Verdict dbguardCacheOff() {
        return uncachedGuard.check(text.apply(key++), uncachedTarget);
    }

    /** Building the text alone, the baseline the other two include. */
    @Benchmark
    public String textOnly() {
        return text.apply(key++);
    }
}
