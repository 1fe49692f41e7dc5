package dev.dbguard.bootversions;

import dev.dbguard.core.BlockedStatementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A Flyway migration that drops a table stops the start in production, naming the migration. */
class FlywayMigrationTests {

    private final PostgresSchema schema = PostgresSchema.create("boot_versions_flyway");

    @AfterEach
    void dropSchema() {
        schema.drop();
    }

    @Test
    void theMigrationIsRefusedAndNamed() {
        SpringApplication application = new SpringApplication(VersionApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);

        assertThatThrownBy(() -> application.run("--spring.datasource.url=" + schema.url(), "--dbguard.env=production",
                "--spring.flyway.locations=classpath:db/versions", "--spring.flyway.baseline-on-migrate=true",
                "--spring.flyway.baseline-version=0", "--spring.main.banner-mode=off"))
                .rootCause().isInstanceOf(BlockedStatementException.class)
                .hasMessageContaining("dbguard: refused DROP TABLE legacy_orders (rule drop)")
                .hasMessageContaining("sent by Flyway migration V1__drop_legacy_orders.sql");
        assertThat(schema.hasTable("legacy_orders")).isTrue();
    }
}
