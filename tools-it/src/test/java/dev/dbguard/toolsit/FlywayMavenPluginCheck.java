package dev.dbguard.toolsit;

import java.io.File;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code src/it/flyway-maven-plugin} must leave behind: the first migration applied, the one that drops a
 * column refused by dbguard (Flyway 13, 12 and 11), {@code flyway:clean} refused, every row and column still there.
 */
public final class FlywayMavenPluginCheck {

    private FlywayMavenPluginCheck() {
    }

    /** Called by the build's {@code verify.groovy}; fails with an assertion error, then drops the schema. */
    public static void verify(File basedir) throws SQLException {
        ToolProject.verify(basedir, FlywayMavenPluginCheck::check);
    }

    private static void check(ToolProject project) throws SQLException {
        assertThat(project.invocationLog(1)).contains("Successfully applied 1 migration");
        for (int migrate : new int[] {2, 4, 5}) {
            assertThat(project.invocationLog(migrate))
                    .as("invocation %d: flyway:migrate of V2 refused by dbguard", migrate)
                    .contains("dbguard: refused ALTER TABLE customers DROP COLUMN legacy_code");
        }
        assertThat(project.invocationLog(3))
                .as("flyway:clean refused by dbguard (which object Flyway drops first varies)")
                .contains("dbguard: refused DROP ");
        assertThat(project.invocationLog(4)).contains("flyway-maven-plugin:12.");
        assertThat(project.invocationLog(5)).contains("flyway-maven-plugin:11.");
        assertThat(project.count("customers")).isEqualTo(2);
        assertThat(project.hasColumn("customers", "legacy_code")).isTrue();
        assertThat(project.number("SELECT count(*) FROM {schema}.flyway_schema_history"
                + " WHERE version = '1' AND success")).isEqualTo(1);
        assertThat(project.number("SELECT count(*) FROM {schema}.flyway_schema_history"
                + " WHERE version = '2' AND success")).isZero();
    }
}
