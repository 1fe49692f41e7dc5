package dev.dbguard.samples.tasks.drill;

import java.util.List;

/**
 * The drill's pass through {@code dbguard-pg-proxy}.
 *
 * @param schema         the schema it worked in (the production pass's, filled afresh)
 * @param psqlInstalled  whether psql was found, so its attempts were made
 * @param accidents      each accident replayed through the proxy
 */
record ProxyPassReport(String schema, boolean psqlInstalled, List<AccidentReport> accidents) {

    ProxyPassReport {
        accidents = List.copyOf(accidents);
    }

    /** Every attempt of the pass. */
    List<Attempt> attempts() {
        return accidents.stream().flatMap(accident -> accident.attempts().stream()).toList();
    }

    /** Whether the proxy refused every attempt and left every row and column in place. */
    boolean held() {
        return accidents.stream().allMatch(AccidentReport::held);
    }
}
