package dev.dbguard.benchmarks;

import com.alibaba.druid.wall.WallCheckResult;
import com.alibaba.druid.wall.WallProvider;
import com.alibaba.druid.wall.spi.MySqlWallProvider;
import com.alibaba.druid.wall.spi.PGWallProvider;
import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.StatementGuard;
import dev.dbguard.core.Target;
import dev.dbguard.core.Verdict;
import dev.dbguard.core.audit.AuditSink;
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
 * Cost of judging one statement, per statement shape, for dbguard's engine and the alternatives on the same text:
 * JSqlParser's own entry point ({@code CCJSqlParserUtil.parse}, which starts an executor thread per call) and
 * Alibaba Druid's SQL firewall ({@code WallProvider.check}, PostgreSQL and MySQL providers).
 *
 * <p>"Cached" engines have seen the statement before (dbguard's verdict cache, Druid's white/black lists);
 * "uncached" ones analyse it every time, which is the cost of a statement's first execution. The dbguard engine
 * judges for production (block mode).
 *
 * <p>Run everything with {@code benchmarks/run.sh}; this class alone with
 * {@code java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main EngineBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Xss8m"})
public class EngineBenchmark {

    /** A statement name from {@link EngineStatements}. */
    @Param({"read-by-key", "select-3-joins", "update-by-key", "delete-by-key", "insert-20-rows", "destructive",
            "statement-100kb", "deep-nesting"})
    public String statement;

    private String sql;
    private StatementGuard cachedGuard;
    private StatementGuard uncachedGuard;
    private Target cachedTarget;
    private Target uncachedTarget;
    private WallProvider druidPostgres;
    private WallProvider druidPostgresUncached;
    private WallProvider druidMysqlUncached;

    @Setup
    public void setUp() {
        sql = EngineStatements.sql(statement);
        GuardConfig production = GuardConfig.builder().environment("production").auditSink(AuditSink.NONE).build();
        cachedGuard = new StatementGuard(production);
        uncachedGuard = new StatementGuard(production.toBuilder().cacheSize(0).build());
        cachedTarget = cachedGuard.target("bench", WorstCases.BENCH_URL);
        uncachedTarget = uncachedGuard.target("bench", WorstCases.BENCH_URL);
        druidPostgres = new PGWallProvider();
        druidPostgresUncached = withoutLists(new PGWallProvider());
        druidMysqlUncached = withoutLists(new MySqlWallProvider());
        cachedGuard.check(sql, cachedTarget);
        druidPostgres.check(sql);
    }

    private static WallProvider withoutLists(WallProvider provider) {
        provider.setWhiteListEnable(false);
        provider.setBlackListEnable(false);
        return provider;
    }

    /** dbguard, statement seen before: pre-filter or verdict-cache hit. The cost of every repeated execution. */
    @Benchmark
    public Verdict dbguardCached() {
        return cachedGuard.check(sql, cachedTarget);
    }

    /** dbguard with its cache off: full analysis every time, the cost of a statement's first execution. */
    @Benchmark
    public Verdict dbguardUncached() {
        return uncachedGuard.check(sql, uncachedTarget);
    }

    /** JSqlParser's own parse entry point on the same text (what a guard built naively on it pays). */
    @Benchmark
    public Object jsqlparserParse() {
        try {
            return CCJSqlParserUtil.parse(sql);
        } catch (Exception e) {
            return e; // a failure costs what it costs; the report notes which statements fail
        }
    }

    /** Druid's WallFilter engine, PostgreSQL provider, white/black lists on (its cache): statement seen before. */
    @Benchmark
    public Object druidPostgresCached() {
        return check(druidPostgres);
    }

    /** Druid's PostgreSQL provider with its lists off: parses and visits every time. */
    @Benchmark
    public Object druidPostgresUncached() {
        return check(druidPostgresUncached);
    }

    /** Druid's MySQL provider with its lists off. */
    @Benchmark
    public Object druidMysqlUncached() {
        return check(druidMysqlUncached);
    }

    private Object check(WallProvider provider) {
        try {
            WallCheckResult result = provider.check(sql);
            return result;
        } catch (RuntimeException e) {
            return e;
        }
    }
}
