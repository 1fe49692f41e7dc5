package dev.dbguard.pgproxy;

import dev.dbguard.core.Decision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One route's meters, registered once so that counting a statement, a connection or a relayed message costs an
 * increment and no lookup (the statement counters are found by decision and rule, a handful per route). Names as
 * Prometheus shows them:
 * <ul>
 *   <li>{@code dbguard_statements_total{decision, rule, datasource}}: statements judged (the starter's counter)</li>
 *   <li>{@code dbguard_proxy_connections_open{route}}, {@code dbguard_proxy_connections_total{route}}</li>
 *   <li>{@code dbguard_proxy_connections_refused_total{route, reason}}: {@code replication}, {@code tls-required},
 *       {@code protocol-violation}, {@code upstream-unreachable}, {@code direct-tls-without-certificate},
 *       {@code idle-timeout}, {@code read-only-lifted}, {@code posture}</li>
 *   <li>{@code dbguard_proxy_upstream_errors_total{route}}: connections to the server that failed or broke</li>
 *   <li>{@code dbguard_proxy_relayed_bytes_total{route, direction}}: {@code to-server}, {@code to-client}</li>
 * </ul>
 */
final class RouteMeters {

    /** The starter's counter name, so dashboards read both the same way. */
    static final String STATEMENTS = "dbguard.statements";
    private static final String NO_RULE = "none";

    private final MeterRegistry registry;
    private final String route;
    private final AtomicInteger open = new AtomicInteger();
    private final Counter total;
    private final Counter upstreamErrors;
    private final Counter toServer;
    private final Counter toClient;
    private final Map<Decision, Map<String, Counter>> statements = new EnumMap<>(Decision.class);
    private final Map<String, Counter> refused = new ConcurrentHashMap<>();

    RouteMeters(MeterRegistry registry, String route) {
        this.registry = registry;
        this.route = route;
        Gauge.builder("dbguard.proxy.connections.open", open, AtomicInteger::get)
                .description("client sessions open").tag("route", route).register(registry);
        total = Counter.builder("dbguard.proxy.connections").description("client connections accepted")
                .tag("route", route).register(registry);
        upstreamErrors = Counter.builder("dbguard.proxy.upstream.errors")
                .description("connections to the server that could not be made or broke").tag("route", route)
                .register(registry);
        toServer = relayed(registry, route, "to-server");
        toClient = relayed(registry, route, "to-client");
        for (Decision decision : Decision.values()) {
            statements.put(decision, new ConcurrentHashMap<>());
        }
    }

    private static Counter relayed(MeterRegistry registry, String route, String direction) {
        return Counter.builder("dbguard.proxy.relayed").baseUnit("bytes").description("bytes relayed")
                .tag("route", route).tag("direction", direction).register(registry);
    }

    void opened() {
        open.incrementAndGet();
        total.increment();
    }

    void closed() {
        open.decrementAndGet();
    }

    /** A connection ended by the proxy before or instead of relaying, for {@code reason}. */
    void refused(String reason) {
        refused.computeIfAbsent(reason, r -> Counter.builder("dbguard.proxy.connections.refused")
                .description("client connections the proxy refused or ended").tag("route", route).tag("reason", r)
                .register(registry)).increment();
    }

    void upstreamError() {
        upstreamErrors.increment();
    }

    void relayedToServer(int bytes) {
        toServer.increment(bytes);
    }

    void relayedToClient(int bytes) {
        toClient.increment(bytes);
    }

    /** One statement judged: its decision and the rule that decided, null for none. */
    void statement(Decision decision, String rule) {
        statements.get(decision).computeIfAbsent(rule == null ? NO_RULE : rule, ruleId -> Counter.builder(STATEMENTS)
                .description("SQL statements checked by dbguard")
                .tag("decision", decision.name().toLowerCase(Locale.ROOT)).tag("rule", ruleId)
                .tag("datasource", route).register(registry)).increment();
    }
}
