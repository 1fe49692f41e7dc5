package dev.dbguard.benchmarks;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything one run of the suite measured; a part that was not run is null.
 *
 * @param conclusions     what each checker concludes about each engine statement, by statement name
 * @param neverRepeating  the JMH figures of {@link NeverRepeatingBenchmark}
 * @param shortStatements the search for the slowest statements under 4 KB
 * @param firstParse      JSqlParser's first use in fresh JVMs, with and without warm-up
 */
record SuiteResults(SuiteSettings settings, MachineInfo machine, Instant started, double minutes,
                    double loadBefore, double loadAfter, String database,
                    List<EngineFigures> engine, Map<String, CheckerConclusions> conclusions,
                    EndToEndResults endToEnd, WorstCases.HeapFigures heap, List<WorstCases.SizeFigures> sizes,
                    List<EngineFigures> neverRepeating, ShortStatementSearch.Figures shortStatements,
                    FirstParse.Figures firstParse) {
}
