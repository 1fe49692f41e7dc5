package dev.dbguard.core;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Exact counters of what a guard decided since it was created: statements per decision, and per decision and rule.
 * Thread-safe; reading while others count gives a consistent-enough snapshot per counter.
 */
public final class GuardStatistics {

    private final Map<Decision, LongAdder> byDecision = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byDecisionAndRule = new ConcurrentHashMap<>();
    private final LongAdder unparsed = new LongAdder();

    GuardStatistics() {
        for (Decision decision : Decision.values()) {
            byDecision.put(decision, new LongAdder());
        }
    }

    void record(Verdict verdict) {
        byDecision.get(verdict.decision()).increment();
        String rule = verdict.ruleId();
        if (rule != null) {
            byDecisionAndRule.computeIfAbsent(key(verdict.decision(), rule), k -> new LongAdder()).increment();
        }
        if (verdict.classification() == Classification.UNPARSED
                || verdict.classification() == Classification.UNPARSED_DESTRUCTIVE) {
            unparsed.increment();
        }
    }

    /** Statements checked with this decision. */
    public long count(Decision decision) {
        return byDecision.get(decision).sum();
    }

    /** Statements with this decision whose (first) finding was this rule. */
    public long count(Decision decision, String ruleId) {
        LongAdder adder = byDecisionAndRule.get(key(decision, ruleId));
        return adder == null ? 0 : adder.sum();
    }

    /** Statements that JSqlParser could not parse and the scanner judged. */
    public long unparsed() {
        return unparsed.sum();
    }

    /** A snapshot: {@code decision} and {@code decision/rule} keys (lower case) to counts, sorted by key. */
    public Map<String, Long> snapshot() {
        Map<String, Long> snapshot = new TreeMap<>();
        byDecision.forEach((decision, adder) -> snapshot.put(decision.name().toLowerCase(Locale.ROOT), adder.sum()));
        byDecisionAndRule.forEach((key, adder) -> snapshot.put(key, adder.sum()));
        snapshot.put("unparsed", unparsed.sum());
        return snapshot;
    }

    private static String key(Decision decision, String ruleId) {
        return decision.name().toLowerCase(Locale.ROOT) + "/" + ruleId;
    }
}
