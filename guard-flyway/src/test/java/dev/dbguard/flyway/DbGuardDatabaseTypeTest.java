package dev.dbguard.flyway;

import dev.dbguard.testsupport.TestDatabase;
import dev.dbguard.testsupport.TestDatabase.Kind;
import dev.dbguard.testsupport.TestDatabases;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.AfterEach;
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

    private TestDatabase database;
    private String schema;

    @AfterEach
    void dropSchema() throws SQLException {
        if (schema != null) {
            database.dropSchema(schema);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void migrateRunsAndADroppingMigrationAndCleanAreRefusedInProduction(Kind server) throws SQLException {
        database = TestDatabases.of(server);
        schema = database.freshSchema("flyway_url");

        assertThat(flyway("dbguard.env=production").target("1").load().migrate().migrationsExecuted).isEqualTo(1);

        Flyway flyway = flyway("dbguard.env=production").cleanDisabled(false).load();
        assertThatThrownBy(flyway::migrate)
                .isInstanceOf(FlywayException.class)
                .hasMessageContaining("dbguard:")
                .hasMessageContaining("legacy_code");
        assertThatThrownBy(flyway::clean)
                .isInstanceOf(FlywayException.class)
                .hasMessageContaining("dbguard:");

        assertThat(database.count(schema + ".customers")).isEqualTo(2);
        assertThat(columnExists("legacy_code")).isTrue();
    }

    @Test
    void theSameMigrationRunsOutsideProduction() throws SQLException {
        database = TestDatabases.postgres();
        schema = database.freshSchema("flyway_url");

        assertThat(flyway("dbguard.env=development").load().migrate().migrationsExecuted).isEqualTo(2);

        assertThat(columnExists("legacy_code")).isFalse();
    }

    @Test
    void aWrappedUrlFlywayHasNoSupportForSaysWhatToAdd() {
        assertThatThrownBy(() -> Flyway.configure()
                .dataSource("jdbc:dbguard:nosuchdb://db.example.com/orders", "u", "p").load().info())
                .isInstanceOf(FlywayException.class)
                .hasMessageStartingWith("dbguard: Flyway has no database support for jdbc:nosuchdb: URLs")
                .hasMessageContaining("flyway-database-postgresql");
    }

    private FluentConfiguration flyway(String parameters) {
        String url = "jdbc:dbguard:" + database.jdbcUrl(schema).substring("jdbc:".length());
        url += (url.indexOf('?') < 0 ? "?" : "&") + parameters;
        return Flyway.configure()
                .dataSource(url, database.user(), database.password())
                .schemas(schema)
                .locations("classpath:db/dbguard-flyway");
    }

    private boolean columnExists(String column) throws SQLException {
        try (Connection connection = database.connect();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM information_schema.columns"
                     + " WHERE table_schema = '" + schema + "' AND table_name = 'customers'"
                     + " AND column_name = '" + column + "'")) {
            rows.next();
            return rows.getInt(1) == 1;
        }
    }
}
