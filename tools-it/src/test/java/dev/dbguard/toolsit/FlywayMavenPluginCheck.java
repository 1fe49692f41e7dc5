package dev.dbguard.toolsit;

import java.io.File;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code src/it/flyway-maven-plugin} must leave behind: the first migration applied, the one that drops a
 * column refused by dbguard, {@code flyway:clean} refused, by Flyway 13, 12 and 11, every row and column still there.
 */
public final class FlywayMavenPluginCheck {

    private FlywayMavenPluginCheck() {
    }

    /** Called by the build's {@code verify.groovy}; fails with an assertion error, then drops the schema. */
    public static void verify(File basedir) throws SQLException {
        ToolProject project = ToolProject.of(basedir);
        try {
            assertThat(project.invocationLog(1)).contains("Successfully applied 1 migration");
            assertThat(project.invocationLog(2))
                    .as("flyway:migrate of V2 refused by dbguard")
                    .contains("dbguard: refused ALTER TABLE customers DROP COLUMN legacy_code");
            assertThat(project.invocationLog(3))
                    .as("flyway:clean refused by dbguard (which object Flyway drops first varies)")
                    .contains("dbguard: refused DROP ");
            for (int olderFlyway : new int[] {4, 6}) {
                assertThat(project.invocationLog(olderFlyway))
                        .as("invocation %d: an older Flyway's migrate of V2 refused by dbguard", olderFlyway)
                        .contains("dbguard: refused ALTER TABLE customers DROP COLUMN legacy_code");
                assertThat(project.invocationLog(olderFlyway + 1))
                        .as("invocation %d: an older Flyway's clean refused by dbguard", olderFlyway + 1)
                        .contains("dbguard: refused DROP ");
            }
            assertThat(project.count("customers")).isEqualTo(2);
            assertThat(project.hasColumn("customers", "legacy_code")).isTrue();
            assertThat(project.number("SELECT count(*) FROM {schema}.flyway_schema_history"
                    + " WHERE version = '1' AND success")).isEqualTo(1);
            assertThat(project.number("SELECT count(*) FROM {schema}.flyway_schema_history"
                    + " WHERE version = '2' AND success")).isZero();
        } finally {
            project.tearDown();
        }
    }
}
