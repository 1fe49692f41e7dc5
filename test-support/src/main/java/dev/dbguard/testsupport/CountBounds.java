package dev.dbguard.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Stated ranges for counts measured over a corpus (refusals per rule, say), so that a change which moves a count out
 * of its range fails the build instead of only changing a printed line. One row per line, {@code key | min | max};
 * blank lines and lines starting with {@code #} are ignored. A key the counts have but the table lacks (a rule added
 * after the ranges were measured) is not a violation: {@link #unbounded} lists it, for a test to print.
 */
public final class CountBounds {

    private record Range(int min, int max) {
    }

    private final Map<String, Range> ranges;

    private CountBounds(Map<String, Range> ranges) {
        this.ranges = ranges;
    }

    /** Reads the table; a malformed row fails at once, naming it. */
    public static CountBounds of(String table) {
        Map<String, Range> ranges = new LinkedHashMap<>();
        for (String line : table.strip().split("\n")) {
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            String[] columns = line.split("\\|");
            if (columns.length != 3) {
                throw new IllegalArgumentException("bounds row must be 'key | min | max': " + line);
            }
            Range range = new Range(Integer.parseInt(columns[1].strip()), Integer.parseInt(columns[2].strip()));
            if (range.min() > range.max()) {
                throw new IllegalArgumentException("bounds row with min above max: " + line);
            }
            ranges.put(columns[0].strip(), range);
        }
        return new CountBounds(ranges);
    }

    /**
     * One line per bounded key whose count (0 when absent) is outside its range, e.g.
     * {@code drop: 2100, stated range 2600..2800}; empty when every count is within its range.
     */
    public List<String> violations(Map<String, Integer> counts) {
        List<String> violations = new ArrayList<>();
        ranges.forEach((key, range) -> {
            int count = counts.getOrDefault(key, 0);
            if (count < range.min() || count > range.max()) {
                violations.add(key + ": " + count + ", stated range " + range.min() + ".." + range.max());
            }
        });
        return violations;
    }

    /** The keys counted that have no range in the table. */
    public Set<String> unbounded(Map<String, Integer> counts) {
        Set<String> keys = new TreeSet<>(counts.keySet());
        keys.removeAll(ranges.keySet());
        return keys;
    }
}
