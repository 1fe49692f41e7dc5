package dev.dbguard.benchmarks;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The pg-proxy benchmark's figures and report, on made-up pgbench results. */
class PgProxyReportTest {

    @Test
    void percentilesAreNearestRankOverTheWholeLog() {
        long[] latencies = new long[200];
        for (int i = 0; i < latencies.length; i++) {
            latencies[i] = 200 - i;
        }
        PgbenchResult result = PgbenchResult.of(1000, latencies);
        assertThat(result.p50Micros()).isEqualTo(100);
        assertThat(result.p99Micros()).isEqualTo(198);
        assertThat(result.transactions()).isEqualTo(200);
    }

    @Test
    void roundsAreSummarisedByTheirMedian() {
        PgbenchResult median = PgbenchResult.median(List.of(new PgbenchResult(900, 90, 900, 10),
                new PgbenchResult(1100, 110, 1100, 10), new PgbenchResult(1000, 100, 5000, 10)));
        assertThat(median).isEqualTo(new PgbenchResult(1000, 100, 1100, 30));
    }

    @Test
    void theReportGivesRatiosAndSaysWhichTargetsWereMissedAndByHowMuch() {
        Map<PgbenchPoint, Map<String, List<PgbenchResult>>> results = new LinkedHashMap<>();
        results.put(new PgbenchPoint(true, "simple", 1), figures(10000, 9000, 9500, 50, 95, 80));
        results.put(new PgbenchPoint(false, "prepared", 32), figures(2000, 2000, 1700, 8000, 8000, 8300));
        String markdown = new PgProxyReport(new MachineInfo("cpu", 2, "24 GiB", "Linux", "JVM"), "PostgreSQL 15",
                Instant.parse("2026-12-01T11:15:00Z"), Duration.ofMinutes(11), 1.5, 2.5, 5, 3, 10, results,
                List.of(new ProxyProfile("-S prepared, 8 clients", 100,
                        Map.of(ProxyProfile.ENGINE, 10, ProxyProfile.HANDLERS, 30, ProxyProfile.NETTY, 60),
                        Map.of("sun.nio.ch.IOUtil.write", 12))),
                new IdleFigures(1000, 8000, 14000, 80000, 110000)).markdown();
        assertThat(markdown)
                .contains("| -S simple, 1 client | 10000 | 9000 | 9500 | 0.95 | 1.06 | 50 / 95 / 80 |")
                .contains("| +30 µs | -15 µs |")
                .contains("| TPC-B prepared, 32 clients | 2000 | 2000 | 1700 | 0.85 | 0.85 ✗ |")
                .contains("- TPS ≥ 0.9 × PgBouncer's at every point: met at 1 of 2; missed at TPC-B prepared,"
                        + " 32 clients 0.85 × (6% short of 0.9 ×)")
                .contains("- Added p50 latency ≤ 50 µs (proxy's median minus the direct connection's): met at 1 of 2;"
                        + " missed at TPC-B prepared, 32 clients +300 µs")
                .contains("- Heap per idle client connection ≤ 64 KB at 1000 idle connections: 6.0 KiB, met")
                .contains("| heap after GC | 8000 KiB | 14000 KiB | 6.0 KiB |")
                .contains("`sun.nio.ch.IOUtil.write` 12")
                .contains("Load average (1 min): 1.50 before, 2.50 after.");
    }

    private static Map<String, List<PgbenchResult>> figures(double directTps, double pgbouncerTps, double proxyTps,
                                                           double directP50, double pgbouncerP50, double proxyP50) {
        Map<String, List<PgbenchResult>> figures = new LinkedHashMap<>();
        figures.put("direct", List.of(new PgbenchResult(directTps, directP50, directP50 * 10, 100)));
        figures.put("PgBouncer", List.of(new PgbenchResult(pgbouncerTps, pgbouncerP50, pgbouncerP50 * 10, 100)));
        figures.put("dbguard-pg-proxy", List.of(new PgbenchResult(proxyTps, proxyP50, proxyP50 * 10, 100)));
        return figures;
    }
}
