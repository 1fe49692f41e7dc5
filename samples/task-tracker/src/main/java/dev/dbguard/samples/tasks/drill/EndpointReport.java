package dev.dbguard.samples.tasks.drill;

import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code GET /actuator/dbguard} reported for the application's data source.
 *
 * @param environment the environment in force
 * @param mode        the mode in force
 * @param counters    the counters that are not zero ({@code block}, {@code block/truncate}, {@code allow}, ...)
 */
record EndpointReport(String environment, String mode, Map<String, Long> counters) {

    EndpointReport {
        counters = Map.copyOf(counters);
    }

    @Override
    public String toString() {
        return "environment " + environment + ", mode " + mode + ", counters " + new TreeMap<>(counters);
    }
}
