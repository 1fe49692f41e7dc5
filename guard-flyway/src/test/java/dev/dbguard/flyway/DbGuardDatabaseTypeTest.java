package dev.dbguard.flyway;

import dev.dbguard.testsupport.TestDatabase.Kind;
import dev.dbguard.testsupport.TestDatabases;
import dev.dbguard.testsupport.TestSchema;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Flyway's own API given a {@code jdbc:dbguard:} URL, as its plugins and command line pass it on. */
class DbGuardDatabaseTypeTest {

    @ParameterizedTest
    @EnumSource(Kind.class)
    void migrateRunsAndADroppingMigrationAndCleanAreRefusedInProduction(Kind server) throws SQLException {
        try (TestSchema schema = TestSchema.create(TestDatabases.of(server), "flyway_url")) {
            assertThat(flyway(schema, "dbguard.env=production").target("1").load().migrate().migrationsExecuted)
                    .isEqualTo(1);

            Flyway flyway = flyway(schema, "dbguard.env=production").cleanDisabled(false).load();
            assertThatThrownBy(flyway::migrate)
                    .isInstanceOf(FlywayException.class)
                    .hasMessageContaining("dbguard:")
                    .hasMessageContaining("legacy_code");
            assertThatThrownBy(flyway::clean)
                    .isInstanceOf(FlywayException.class)
                    .hasMessageContaining("dbguard:");

            assertThat(schema.count("customers")).isEqualTo(2);
            assertThat(hasLegacyCode(schema)).isTrue();
        }
    }

    @Test
    void theSameMigrationRunsOutsideProduction() throws SQLException {
        try (TestSchema schema = TestSchema.create(TestDatabases.postgres(), "flyway_url")) {
            assertThat(flyway(schema, "dbguard.env=development").load().migrate().migrationsExecuted).isEqualTo(2);

            assertThat(hasLegacyCode(schema)).isFalse();
        }
    }

    @Test
    void aWrappedUrlFlywayHasNoSupportForSaysWhatToAdd() {
        assertThatThrownBy(() -> Flyway.configure()
                .dataSource("jdbc:dbguard:nosuchdb://db.example.com/orders", "u", "p").load().info())
                .isInstanceOf(FlywayException.class)
                .hasMessageStartingWith("dbguard: Flyway has no database support for jdbc:nosuchdb: URLs")
                .hasMessageContaining("flyway-database-postgresql");
    }

    private static FluentConfiguration flyway(TestSchema schema, String parameters) {
        return Flyway.configure()
                .dataSource(schema.dbguardUrl(parameters), schema.database().user(), schema.database().password())
                .schemas(schema.name())
                .locations("classpath:db/dbguard-flyway");
    }

    private static boolean hasLegacyCode(TestSchema schema) throws SQLException {
        try (Connection connection = schema.database().connect();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM information_schema.columns"
                     + " WHERE table_schema = '" + schema.name() + "' AND table_name = 'customers'"
                     + " AND column_name = 'legacy_code'")) {
            rows.next();
            return rows.getInt(1) == 1;
        }
    }
}
