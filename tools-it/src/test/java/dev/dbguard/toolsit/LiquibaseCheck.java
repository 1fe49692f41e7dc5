package dev.dbguard.toolsit;

import java.io.File;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a Liquibase run in production must leave behind (its Maven plugin in {@code src/it/liquibase-maven-plugin},
 * its command line in {@link LiquibaseCommandLineTest}): both change sets applied, the rollback that drops
 * {@code audit_log} and {@code dropAll} refused by dbguard, every table and row still there.
 */
public final class LiquibaseCheck {

    private LiquibaseCheck() {
    }

    /** Called by the build's {@code verify.groovy}; fails with an assertion error, then drops the schema. */
    public static void verify(File basedir) throws SQLException {
        ToolProject.verify(basedir, LiquibaseCheck::checkMavenPluginBuild);
    }

    private static void checkMavenPluginBuild(ToolProject project) throws SQLException {
        assertThat(project.invocationLog(1)).contains("BUILD SUCCESS");
        assertThat(project.invocationLog(2))
                .as("the rollback of change set 2 refused by dbguard")
                .containsPattern("dbguard: refused DROP TABLE \\S*audit_log");
        assertThat(project.invocationLog(3))
                .as("dropAll refused by dbguard")
                .contains("dbguard: refused DROP ");
        assertIntact(project);
    }

    /** Both change sets applied and nothing dropped. */
    static void assertIntact(ToolProject project) throws SQLException {
        assertThat(project.count("customers")).isEqualTo(2);
        assertThat(project.hasTable("audit_log")).isTrue();
        assertThat(project.count("databasechangelog")).isEqualTo(2);
    }
}
