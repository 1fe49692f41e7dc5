package dev.dbguard.core;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A deliberate, scoped exception for the current thread: lets the named rules through until {@link #close()}, and
 * audits every statement it lets through with the reason given.
 *
 * <pre>{@code
 * try (GuardOverride override = GuardOverride.allow("JIRA-1234: purge test tenants", "truncate")) {
 *     jdbcTemplate.execute("TRUNCATE tenant_scratch");
 * }
 * }</pre>
 *
 * <p>Overrides nest; each applies to the thread that opened it only, so an override in one request cannot open the
 * door for another. Close it in the same thread (try-with-resources does).
 */
public final class GuardOverride implements AutoCloseable {

    private static final ThreadLocal<Deque<GuardOverride>> ACTIVE = new ThreadLocal<>();

    private final String reason;
    private final Set<String> ruleIds;
    private boolean closed;

    private GuardOverride(String reason, Set<String> ruleIds) {
        this.reason = reason;
        this.ruleIds = ruleIds;
    }

    /**
     * Opens an override on this thread for the given rules.
     *
     * @param reason  why this is deliberate (a ticket, a runbook step); written into every audit event
     * @param ruleIds the rules to let through ({@code drop}, {@code truncate}, {@code unscoped-delete},
     *                {@code unscoped-update}, {@code alter-drop}, {@code dynamic-sql}, {@code rename},
     *                {@code alter-type}, {@code read-only}); at least one, any case
     * @return the open override, to close in a try-with-resources block on this thread
     * @throws IllegalArgumentException when the reason is blank, no rule is named, or a rule id is unknown
     */
    public static GuardOverride allow(String reason, String... ruleIds) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException(
                    "A dbguard override needs a reason (a ticket or runbook step): it is written into the audit log");
        }
        Objects.requireNonNull(ruleIds, "ruleIds");
        if (ruleIds.length == 0) {
            throw new IllegalArgumentException("A dbguard override must name the rules it allows, e.g. \"truncate\"");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String ruleId : ruleIds) {
            String id = ruleId == null ? "" : ruleId.trim().toLowerCase(Locale.ROOT);
            if (!GuardConfig.RULE_IDS.contains(id) && !Rules.READ_ONLY.equals(id)) {
                throw new IllegalArgumentException("Unknown dbguard rule '" + ruleId + "' in override: use one of "
                        + GuardConfig.RULE_IDS + " or read-only");
            }
            ids.add(id);
        }
        GuardOverride override = new GuardOverride(reason.trim(), Set.copyOf(ids));
        Deque<GuardOverride> stack = ACTIVE.get();
        if (stack == null) {
            stack = new ArrayDeque<>();
            ACTIVE.set(stack);
        }
        stack.push(override);
        return override;
    }

    /** {@return the reason given when the override was opened, trimmed} */
    public String reason() {
        return reason;
    }

    /** {@return the ids of the rules this override lets through, lower case} */
    public Set<String> ruleIds() {
        return ruleIds;
    }

    /** Ends the override; statements on this thread are judged normally again. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Deque<GuardOverride> stack = ACTIVE.get();
        if (stack == null) {
            return;
        }
        stack.remove(this);
        if (stack.isEmpty()) {
            ACTIVE.remove();
        }
    }

    /** The innermost open override on this thread that lets {@code ruleId} through, or null. */
    static GuardOverride activeFor(String ruleId) {
        // Hot path: a thread that never opened an override has no deque at all.
        Deque<GuardOverride> stack = ACTIVE.get();
        if (stack == null) {
            return null;
        }
        for (GuardOverride override : stack) {
            if (override.ruleIds.contains(ruleId)) {
                return override;
            }
        }
        return null;
    }
}
