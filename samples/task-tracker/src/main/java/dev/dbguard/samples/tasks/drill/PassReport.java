package dev.dbguard.samples.tasks.drill;

import java.util.List;

/**
 * The drill in one environment.
 *
 * @param environment  the {@code dbguard.env} of the pass
 * @param schema       the schema it worked in
 * @param startupLines what dbguard logged while the application started
 * @param accidents    each accident replayed
 * @param endpoint     {@code GET /actuator/dbguard} for the application's data source after the pass
 */
record PassReport(String environment, String schema, List<String> startupLines, List<AccidentReport> accidents,
                  EndpointReport endpoint) {

    PassReport {
        startupLines = List.copyOf(startupLines);
        accidents = List.copyOf(accidents);
    }

    /** Every attempt of the pass. */
    List<Attempt> attempts() {
        return accidents.stream().flatMap(accident -> accident.attempts().stream()).toList();
    }

    /** Whether dbguard refused every attempt and left every row in place. */
    boolean held() {
        return accidents.stream().allMatch(AccidentReport::held);
    }
}
