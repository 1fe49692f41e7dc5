package dev.dbguard.core.audit;

import dev.dbguard.core.Mode;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One statement that a rule flagged, and what the guard did about it.
 *
 * @param time              when the statement was checked
 * @param environment       the effective environment's name ({@code production}, ...)
 * @param environmentSource where that environment came from ({@code system property dbguard.env}, ...)
 * @param mode              the mode in force for the connection
 * @param outcome           what happened to the statement
 * @param ruleId            the rule that flagged it ({@code drop}, {@code truncate}, {@code unscoped-delete},
 *                          {@code unscoped-update}, {@code alter-drop}, {@code read-only})
 * @param objects           the objects the statement acts on, as written; may be empty
 * @param sql               the statement, with literals replaced by {@code ?} unless redaction is switched off
 * @param fingerprint       a stable hash of the statement's shape (same for statements that differ only in
 *                          literals, whitespace, comments or keyword case)
 * @param dataSource        the guarded data source's name
 * @param caller            the application's calling frame ({@code com.acme.TaskAdmin.purge(TaskAdmin.java:42)}),
 *                          or {@code unknown}
 * @param reason            for {@link Outcome#OVERRIDDEN}, the reason given with the override; otherwise null
 * @param parsed            whether the statement was understood by the parser (false: decided by the scanner)
 * @param finding           what the statement does and why the rule flagged it, in words that need no literal
 *                          ({@code DELETE FROM tasks with a WHERE that does not restrict the rows of tasks}), so the
 *                          reason survives the redaction of {@code sql}; null when not known
 */
public record AuditEvent(
        Instant time,
        String environment,
        String environmentSource,
        Mode mode,
        Outcome outcome,
        String ruleId,
        List<String> objects,
        String sql,
        String fingerprint,
        String dataSource,
        String caller,
        String reason,
        boolean parsed,
        String finding) {

    /**
     * Checks the components and copies {@code objects}.
     *
     * @param time              when the statement was checked
     * @param environment       the effective environment's name
     * @param environmentSource where that environment came from
     * @param mode              the mode in force for the connection
     * @param outcome           what happened to the statement
     * @param ruleId            the rule that flagged it
     * @param objects           the objects the statement acts on; may be empty
     * @param sql               the statement, redacted unless redaction is off
     * @param fingerprint       a stable hash of the statement's shape
     * @param dataSource        the guarded data source's name
     * @param caller            the application's calling frame, or {@code unknown}
     * @param reason            the override's reason, or null
     * @param parsed            whether the parser understood the statement
     * @param finding           what the statement does and why it was flagged, or null
     * @throws NullPointerException when a component other than {@code reason} and {@code finding} is null
     */
    public AuditEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(environmentSource, "environmentSource");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(caller, "caller");
        objects = List.copyOf(objects);
    }

    /**
     * An event without a {@link #finding() finding description}.
     *
     * @param time              when the statement was checked
     * @param environment       the effective environment's name
     * @param environmentSource where that environment came from
     * @param mode              the mode in force for the connection
     * @param outcome           what happened to the statement
     * @param ruleId            the rule that flagged it
     * @param objects           the objects the statement acts on; may be empty
     * @param sql               the statement, redacted unless redaction is off
     * @param fingerprint       a stable hash of the statement's shape
     * @param dataSource        the guarded data source's name
     * @param caller            the application's calling frame, or {@code unknown}
     * @param reason            the override's reason, or null
     * @param parsed            whether the parser understood the statement
     */
    public AuditEvent(Instant time, String environment, String environmentSource, Mode mode, Outcome outcome,
                      String ruleId, List<String> objects, String sql, String fingerprint, String dataSource,
                      String caller, String reason, boolean parsed) {
        this(time, environment, environmentSource, mode, outcome, ruleId, objects, sql, fingerprint, dataSource,
                caller, reason, parsed, null);
    }
}
