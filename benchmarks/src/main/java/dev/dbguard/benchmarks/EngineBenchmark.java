package dev.dbguard.benchmarks;

import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.StatementGuard;
import dev.dbguard.core.Target;
import dev.dbguard.core.Verdict;
import dev.dbguard.core.audit.AuditSink;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
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

import java.util.concurrent.TimeUnit;

/**
 * Cost of one engine check per statement shape, on the three paths a statement can take: pre-filtered (no
 * destructive keyword), cached (seen before), uncached (analysed: lexed, split, parsed with JSqlParser on the
 * caller's thread). {@code jsqlparserUtilParse} is the baseline a naive guard pays: JSqlParser's own entry point,
 * which starts an executor thread per call.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar EngineBenchmark}; add {@code -prof gc} for allocations.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class EngineBenchmark {

    /** Typical OLTP statements and the destructive ones the guard exists for. */
    @Param({
            "SELECT t.id, t.title, p.name, u.email FROM tasks t JOIN projects p ON p.id = t.project_id"
                    + " JOIN users u ON u.id = t.owner_id JOIN teams m ON m.id = p.team_id WHERE t.id = ?",
            "UPDATE tasks SET title = ?, done = ?, updated_at = now() WHERE id = ?",
            "DELETE FROM tasks WHERE id = ?",
            "INSERT INTO tasks (id, title, done) VALUES (1, 'a', false), (2, 'b', false), (3, 'c', false),"
                    + " (4, 'd', false), (5, 'e', false), (6, 'f', false), (7, 'g', false), (8, 'h', false),"
                    + " (9, 'i', false), (10, 'j', false), (11, 'k', false), (12, 'l', false), (13, 'm', false),"
                    + " (14, 'n', false), (15, 'o', false), (16, 'p', false), (17, 'q', false), (18, 'r', false),"
                    + " (19, 's', false), (20, 't', false)",
            "DELETE FROM tasks WHERE 1=1"})
    public String sql;

    private StatementGuard cached;
    private StatementGuard uncached;
    private Target cachedTarget;
    private Target uncachedTarget;

    @Setup
    public void setUp() {
        // Development mode would skip checking altogether; staging judges every statement but never throws.
        cached = new StatementGuard(GuardConfig.builder().environment("staging").auditSink(AuditSink.NONE).build());
        uncached = new StatementGuard(GuardConfig.builder().environment("staging").auditSink(AuditSink.NONE)
                .cacheSize(0).build());
        cachedTarget = cached.target("bench", null);
        uncachedTarget = uncached.target("bench", null);
        cached.check(sql, cachedTarget);
    }

    /** Pre-filtered or cached: the cost paid on every execution of a statement seen before. */
    @Benchmark
    public Verdict cachedCheck() {
        return cached.check(sql, cachedTarget);
    }

    /** Full analysis every time (cache off): the cost of the first execution of a statement. */
    @Benchmark
    public Verdict uncachedCheck() {
        return uncached.check(sql, uncachedTarget);
    }

    /** Baseline: JSqlParser's own parse entry point on the same text. */
    @Benchmark
    public Object jsqlparserUtilParse() throws JSQLParserException {
        return CCJSqlParserUtil.parse(sql);
    }
}
