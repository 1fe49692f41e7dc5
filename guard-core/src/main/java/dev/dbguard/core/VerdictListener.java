package dev.dbguard.core;

/**
 * Told about every statement the guard enforced, whatever the decision; for metrics. Runs on the executing thread,
 * so keep it cheap; an exception it throws is logged and swallowed.
 */
@FunctionalInterface
public interface VerdictListener {

    /** A listener that does nothing. */
    VerdictListener NONE = (target, verdict) -> { };

    /**
     * Called once per enforced statement, before a refused one is thrown.
     *
     * @param target  where the statement was sent
     * @param verdict the guard's verdict on it
     */
    void onVerdict(Target target, Verdict verdict);

}
