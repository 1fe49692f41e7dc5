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

    /**
     * Counts the enforced statements that got one decision.
     *
     * @param decision the decision
     * @return how many statements got it since the guard was created
     */
    public long count(Decision decision) {
        return byDecision.get(decision).sum();
    }

    /**
     * Counts the enforced statements that got one decision because of one rule.
     *
     * @param decision the decision
     * @param ruleId   the rule of the statement's first finding, e.g. {@code truncate}
     * @return how many statements got that decision with that rule first; 0 for an unknown rule
     */
    public long count(Decision decision, String ruleId) {
        LongAdder adder = byDecisionAndRule.get(key(decision, ruleId));
        return adder == null ? 0 : adder.sum();
    }

    /** {@return how many enforced statements JSqlParser could not parse, so that the scanner alone judged them} */
    public long unparsed() {
        return unparsed.sum();
    }

    /**
     * {@return every counter as a map sorted by key} Keys are lower case: {@code allow}, {@code block}, ... per
     * decision, {@code block/truncate} per decision and rule, and {@code unparsed}; a new map each call.
     */
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
