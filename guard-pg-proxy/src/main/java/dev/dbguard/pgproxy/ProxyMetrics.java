package dev.dbguard.pgproxy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The proxy's meters, in one Prometheus registry that the admin port's {@code /metrics} scrapes: per route, the
 * engine's {@code dbguard.statements} (tagged as the Spring starter tags it, {@code datasource} being the route),
 * connections open, total and refused, upstream errors and bytes relayed each way. See {@link RouteMeters}.
 */
final class ProxyMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, RouteMeters> routes = new ConcurrentHashMap<>();

    /** The meters of one route, registered on first use. */
    RouteMeters route(String name) {
        return routes.computeIfAbsent(name, route -> new RouteMeters(registry, route));
    }

    /** Every meter in Prometheus' text format. */
    String scrape() {
        return registry.scrape();
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }
}
