package dev.dbguard.spring;

import dev.dbguard.core.BlockedStatementException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Puts dbguard's message at the top of a start that a refused statement stopped, typically a migration or a schema
 * tool dropping or truncating in production, instead of deep inside the migration tool's own report.
 */
final class RefusedStatementFailureAnalyzer extends AbstractFailureAnalyzer<BlockedStatementException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BlockedStatementException cause) {
        String description = "dbguard refused a statement while the application was starting, so the start was"
                + " stopped before the statement reached the database (environment " + cause.environment()
                + ", rule " + cause.ruleId() + ").\n\n    " + cause.getMessage();
        String action = "If the statement is meant to run (a reviewed migration, say), let it through deliberately:"
                + " an allow-list entry such as dbguard.allow=" + cause.ruleId() + ":<object-pattern>, or an override"
                + " around the migration (DbGuard.override(\"<reason>\", \"" + cause.ruleId() + "\") in a"
                + " FlywayMigrationStrategy); both are audited. If this database is not " + cause.environment()
                + ", declare the environment with dbguard.env.";
        return new FailureAnalysis(description, action, cause);
    }
}
