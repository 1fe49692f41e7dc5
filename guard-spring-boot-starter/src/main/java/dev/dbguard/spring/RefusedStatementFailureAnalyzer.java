package dev.dbguard.spring;

import dev.dbguard.core.BlockedStatementException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Puts dbguard's message at the top of a start that a refused statement stopped, typically a migration, a schema
 * tool or an init script dropping or truncating in production, instead of deep inside the tool's own report. The
 * action is the refusal's own advice, which names every object and the way through that fits whoever sent the
 * statement (spring.sql.init, Hibernate, Flyway, Liquibase or application code).
 */
final class RefusedStatementFailureAnalyzer extends AbstractFailureAnalyzer<BlockedStatementException> {

    /** Where a refusal message's advice starts (guard-core's RefusalMessages). */
    private static final String ADVICE = " To allow it deliberately: ";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BlockedStatementException cause) {
        String message = cause.getMessage();
        String description = "dbguard refused a statement while the application was starting, so the start was"
                + " stopped before the statement reached the database (environment " + cause.environment()
                + ", rule " + cause.ruleId() + ").\n\n    " + message;
        int advice = message == null ? -1 : message.indexOf(ADVICE);
        String way = advice < 0 ? "add an allow-list entry dbguard.allow=" + cause.ruleId() + ":<object-pattern>."
                : message.substring(advice + ADVICE.length());
        String action = "If the statement is meant to run, let it through deliberately (it is audited): "
                + Character.toLowerCase(way.charAt(0)) + way.substring(1) + " If this database is not "
                + cause.environment() + ", declare the environment with dbguard.env.";
        return new FailureAnalysis(description, action, cause);
    }
}
