package dev.dbguard.benchmarks;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything one run of the suite measured; a part that was not run is null.
 *
 * @param conclusions what each checker concludes about each engine statement, by statement name
 */
record SuiteResults(SuiteSettings settings, MachineInfo machine, Instant started, double minutes,
                    double loadBefore, double loadAfter, String database,
                    List<EngineFigures> engine, Map<String, CheckerConclusions> conclusions,
                    EndToEndResults endToEnd, WorstCases.HeapFigures heap, List<WorstCases.SizeFigures> sizes) {
}
