package dev.dbguard.jdbc;

import dev.dbguard.DbGuard;
import dev.dbguard.core.BlockedStatementException;
import dev.dbguard.core.GuardConfig;
import dev.dbguard.testsupport.TestDatabase;
import dev.dbguard.testsupport.TestDatabases;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Flyway, as users run it, through a guarded data source; each test in a schema of its own. */
class FlywayGuardTest {

    private static final TestDatabase POSTGRES = TestDatabases.postgres();

    private String schema;

    @BeforeEach
    void createSchema() throws SQLException {
        schema = POSTGRES.freshSchema("proxy_flyway");
    }

    @AfterEach
    void dropSchema() throws SQLException {
        POSTGRES.dropSchema(schema);
    }

    @Test
    void cleanIsRefusedInProductionAndLeavesTheSchemaIntact() throws SQLException {
        execute("CREATE TABLE customers (id int PRIMARY KEY, name text)",
                "INSERT INTO customers VALUES (1, 'Ada'), (2, 'Grace')");
        Flyway flyway = flyway(GuardConfig.builder().environment("production"), "classpath:db/flyway-drop")
                .cleanDisabled(false)
                .load();

        assertThatThrownBy(flyway::clean)
                .isInstanceOf(FlywayException.class)
                .hasRootCauseInstanceOf(BlockedStatementException.class);

        assertThat(POSTGRES.count(schema + ".customers")).isEqualTo(2);
    }

    @Test
    void aMigrationThatDropsATableFailsInProductionWithTheDbguardMessage() throws SQLException {
        Flyway flyway = flyway(GuardConfig.builder().environment("production"), "classpath:db/flyway-drop").load();

        assertThatThrownBy(flyway::migrate)
                .isInstanceOf(FlywayException.class)
                .hasMessageContaining("dbguard:")
                .hasMessageContaining("audit_tmp_2024");

        assertThat(tableExists("audit_tmp_2024")).isTrue();
        assertThat(POSTGRES.count(schema + ".customers")).isEqualTo(2);
    }

    @Test
    void theSameMigrationRunsInProductionWithAnAllowListEntry() throws SQLException {
        Flyway flyway = flyway(GuardConfig.builder().environment("production").allow("drop", "audit_tmp_*"),
                "classpath:db/flyway-drop").load();

        MigrateResult result = flyway.migrate();

        assertThat(result.migrationsExecuted).isEqualTo(2);
        assertThat(tableExists("audit_tmp_2024")).isFalse();
        assertThat(POSTGRES.count(schema + ".customers")).isEqualTo(2);
    }

    private FluentConfiguration flyway(GuardConfig.Builder config, String location) {
        DataSource guarded = DbGuard.wrap(POSTGRES.dataSource(schema)).name("flyway").config(config.build()).build();
        return Flyway.configure().dataSource(guarded).schemas(schema).locations(location);
    }

    private boolean tableExists(String table) throws SQLException {
        try (Connection connection = POSTGRES.connect();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM information_schema.tables"
                     + " WHERE table_schema = '" + schema + "' AND table_name = '" + table + "'")) {
            rows.next();
            return rows.getInt(1) == 1;
        }
    }

    private void execute(String... statements) throws SQLException {
        try (Connection connection = POSTGRES.dataSource(schema).getConnection();
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
