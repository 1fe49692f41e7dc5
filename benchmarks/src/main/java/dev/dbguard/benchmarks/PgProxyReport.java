package dev.dbguard.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The pg-proxy benchmark's report: medians per point and target, ratios to the direct connection and to PgBouncer,
 * the targets met or missed and by how much, the idle-session memory, and every round's raw figures.
 */
record PgProxyReport(MachineInfo machine, String versions, Instant started, Duration took, double loadBefore,
                     double loadAfter, int rounds, int seconds, int scale,
                     Map<PgbenchPoint, Map<String, List<PgbenchResult>>> results, List<ProxyProfile> profiles,
                     IdleFigures idle) {

    /** TPS of the proxy at least this share of PgBouncer's, at every point. */
    static final double TPS_TARGET = 0.9;
    /** Median latency the proxy may add, in microseconds. */
    static final double ADDED_P50_TARGET_MICROS = 50;
    /** Heap per idle client session, KiB. */
    static final double HEAP_PER_SESSION_TARGET_KIB = 64;

    private static final String DIRECT = "direct";
    private static final String PGBOUNCER = "PgBouncer";
    private static final String PROXY = "dbguard-pg-proxy";

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# dbguard-pg-proxy beside a direct connection and PgBouncer\n\n");
        md.append(format("Measured %s (%s min) on %s, %d cores, %s; %s; %s; %s.%n%n",
                DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(started.atOffset(ZoneOffset.UTC).withNano(0)) + " UTC",
                took.toMinutes(), machine.cpu(), machine.cores(), machine.memory(), machine.os(), machine.jvm(),
                versions));
        md.append(format("Load average (1 min): %.2f before, %.2f after. The machine is shared: other builds ran"
                + " meanwhile, which shows in the spread between rounds (raw figures at the end).%n%n",
                loadBefore, loadAfter));
        md.append(format("pgbench scale %d, %d s per run, %d interleaved rounds: each point runs against the three"
                + " targets one after another, the order rotated per round and point; the tables show medians over"
                + " the rounds. TPS is pgbench's own (without connection time); p50 and p99 come from its"
                + " per-transaction log (`--log`). pgbench, PgBouncer, the proxy and PostgreSQL share the machine's"
                + " cores; the benchmark's database has `synchronous_commit = off`, so TPC-B's commits wait for no"
                + " disk flush. The proxy: `java -jar dbguard-pg-proxy.jar --env production` (block mode, default JVM"
                + " options). PgBouncer: session pooling, pool size 40, started by the benchmark with its own"
                + " configuration.%n%n", scale, seconds, rounds));

        md.append("## Throughput and latency (medians)\n\n");
        md.append("| point | TPS direct | TPS PgBouncer | TPS proxy | proxy / direct | proxy / PgBouncer |"
                + " p50 µs direct / PgBouncer / proxy | p99 µs direct / PgBouncer / proxy |"
                + " p50 added vs direct | p50 added vs PgBouncer |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (PgbenchPoint point : results.keySet()) {
            PgbenchResult direct = median(point, DIRECT);
            PgbenchResult pgbouncer = median(point, PGBOUNCER);
            PgbenchResult proxy = median(point, PROXY);
            md.append(format("| %s | %.0f | %.0f | %.0f | %.2f | %.2f%s | %.0f / %.0f / %.0f | %.0f / %.0f / %.0f |"
                            + " %+.0f µs | %+.0f µs |%n",
                    point.label(), direct.tps(), pgbouncer.tps(), proxy.tps(), proxy.tps() / direct.tps(),
                    proxy.tps() / pgbouncer.tps(), proxy.tps() >= TPS_TARGET * pgbouncer.tps() ? "" : " ✗",
                    direct.p50Micros(), pgbouncer.p50Micros(), proxy.p50Micros(),
                    direct.p99Micros(), pgbouncer.p99Micros(), proxy.p99Micros(),
                    proxy.p50Micros() - direct.p50Micros(), proxy.p50Micros() - pgbouncer.p50Micros()));
        }
        md.append('\n');

        md.append("## Targets\n\n");
        List<String> tpsMisses = new ArrayList<>();
        List<String> latencyMisses = new ArrayList<>();
        for (PgbenchPoint point : results.keySet()) {
            PgbenchResult direct = median(point, DIRECT);
            PgbenchResult pgbouncer = median(point, PGBOUNCER);
            PgbenchResult proxy = median(point, PROXY);
            double ratio = proxy.tps() / pgbouncer.tps();
            if (ratio < TPS_TARGET) {
                tpsMisses.add(format("%s %.2f × (%.0f%% short of 0.9 ×)", point.label(), ratio,
                        (TPS_TARGET - ratio) / TPS_TARGET * 100));
            }
            double added = proxy.p50Micros() - direct.p50Micros();
            if (added > ADDED_P50_TARGET_MICROS) {
                latencyMisses.add(format("%s +%.0f µs", point.label(), added));
            }
        }
        int points = results.size();
        md.append(format("- TPS ≥ %.1f × PgBouncer's at every point: %s%n", TPS_TARGET, tpsMisses.isEmpty()
                ? "met at all " + points + " points"
                : "met at " + (points - tpsMisses.size()) + " of " + points + "; missed at " + String.join("; ",
                tpsMisses)));
        md.append(format("- Added p50 latency ≤ %.0f µs (proxy's median minus the direct connection's): %s%n",
                ADDED_P50_TARGET_MICROS, latencyMisses.isEmpty()
                        ? "met at all " + points + " points"
                        : "met at " + (points - latencyMisses.size()) + " of " + points + "; missed at "
                        + String.join("; ", latencyMisses)));
        md.append(format("- Heap per idle client connection ≤ %.0f KB at %d idle connections: %.1f KiB, %s%n%n",
                HEAP_PER_SESSION_TARGET_KIB, idle.sessions(), idle.heapPerSessionKib(),
                idle.heapPerSessionKib() <= HEAP_PER_SESSION_TARGET_KIB ? "met" : "MISSED"));

        md.append("## Where the proxy's CPU time goes\n\n");
        md.append("Java Flight Recorder's execution samples of the proxy's event-loop threads"
                + " (`settings=profile method-profiling=max`), taken after the measured rounds while pgbench ran"
                + " 10 s against the proxy alone; a sample is counted in the first bucket its stack matches. Time blocked in `epoll_wait` is not sampled.\n\n");
        for (ProxyProfile profile : profiles) {
            md.append(format("%s, %d samples:%n%n", profile.workload(), profile.samples()));
            profile.buckets().forEach((bucket, count) -> md.append(format("- %s: %d (%.0f%%)%n", bucket, count,
                    100.0 * count / Math.max(1, profile.samples()))));
            md.append("\nMost often on top of the stack: ");
            List<String> tops = new ArrayList<>();
            profile.hottest().forEach((method, count) -> tops.add("`" + method + "` " + count));
            md.append(String.join(", ", tops)).append(".\n\n");
        }

        md.append("## Idle client connections\n\n");
        md.append(format("A proxy of its own in front of PgBouncer (transaction pooling for this, so %d sessions"
                + " need no %d PostgreSQL backends); each session logged in (startup, authentication, parameters,"
                + " `ReadyForQuery`) and then idle, with its client and its upstream connection open in the"
                + " proxy. Heap used after a full GC (`jcmd GC.run`, `GC.heap_info`):%n%n", idle.sessions(),
                idle.sessions()));
        md.append("| | no session | " + idle.sessions() + " idle sessions | per session |\n|---|---:|---:|---:|\n");
        md.append(format("| heap after GC | %d KiB | %d KiB | %.1f KiB |%n", idle.heapNoneKib(), idle.heapIdleKib(),
                idle.heapPerSessionKib()));
        md.append(format("| resident memory (heap, direct buffers, sockets) | %d KiB | %d KiB | %.1f KiB |%n%n",
                idle.residentNoneKib(), idle.residentIdleKib(), idle.residentPerSessionKib()));

        md.append("## Every round\n\n| point | target | round | TPS | p50 µs | p99 µs | transactions |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<PgbenchPoint, Map<String, List<PgbenchResult>>> point : results.entrySet()) {
            for (Map.Entry<String, List<PgbenchResult>> target : point.getValue().entrySet()) {
                for (int round = 0; round < target.getValue().size(); round++) {
                    PgbenchResult result = target.getValue().get(round);
                    md.append(format("| %s | %s | %d | %.0f | %.0f | %.0f | %d |%n", point.getKey().label(),
                            target.getKey(), round + 1, result.tps(), result.p50Micros(), result.p99Micros(),
                            result.transactions()));
                }
            }
        }
        return md.toString();
    }

    private PgbenchResult median(PgbenchPoint point, String target) {
        return PgbenchResult.median(results.get(point).get(target));
    }

    private static String format(String format, Object... arguments) {
        return String.format(Locale.ROOT, format, arguments);
    }
}
