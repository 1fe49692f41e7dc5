package dev.dbguard.spring;

import liquibase.Scope;
import liquibase.changelog.ChangeSet;
import liquibase.integration.spring.SpringLiquibase;

import java.util.function.Function;

/**
 * Names the Liquibase changeset being run on this thread, {@code Liquibase changeset db/changelog.xml::42::alice}:
 * Liquibase keeps it in its own scope while it runs the changeset. Loaded only when Liquibase is present.
 */
final class LiquibaseChangesets {

    private LiquibaseChangesets() {
    }

    /** A describer for statements sent while {@code springLiquibase} runs. */
    static Function<String, String> describer(Object springLiquibase) {
        String changeLog = springLiquibase instanceof SpringLiquibase liquibase ? liquibase.getChangeLog() : null;
        return statement -> {
            ChangeSet changeSet = Scope.getCurrentScope().get(Scope.Attr.changeSet.name(), ChangeSet.class);
            if (changeSet != null) {
                return "Liquibase changeset " + changeSet.getFilePath() + "::" + changeSet.getId() + "::"
                        + changeSet.getAuthor();
            }
            return changeLog == null ? null : "Liquibase changelog " + changeLog;
        };
    }
}
