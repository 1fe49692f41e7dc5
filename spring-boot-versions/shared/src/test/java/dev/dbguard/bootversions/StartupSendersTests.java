package dev.dbguard.bootversions;

import dev.dbguard.core.BlockedStatementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A Flyway migration and a {@code spring.sql.init} script that drop a table stop the start in production, each
 * named as the sender, on this Spring Boot line.
 */
class StartupSendersTests {

    private final PostgresSchema schema = PostgresSchema.create("boot_versions_senders");

    @AfterEach
    void dropSchema() {
        schema.drop();
    }

    @Test
    void aFlywayMigrationIsRefusedAndNamed() {
        assertThatThrownBy(() -> start("--spring.flyway.locations=classpath:db/versions",
                "--spring.flyway.baseline-on-migrate=true", "--spring.flyway.baseline-version=0"))
                .rootCause().isInstanceOf(BlockedStatementException.class)
                .hasMessageContaining("dbguard: refused DROP TABLE legacy_orders (rule drop)")
                .hasMessageContaining("sent by Flyway migration V1__drop_legacy_orders.sql");
        assertThat(schema.hasTable("legacy_orders")).isTrue();
    }

    @Test
    void aFlywayMigrationOnFlywaysOwnUrlIsRefusedToo() {
        assertThatThrownBy(() -> start("--spring.flyway.url=" + schema.url(),
                "--spring.flyway.locations=classpath:db/versions",
                "--spring.flyway.baseline-on-migrate=true", "--spring.flyway.baseline-version=0"))
                .rootCause().isInstanceOf(BlockedStatementException.class)
                .hasMessageContaining("dbguard: refused DROP TABLE legacy_orders (rule drop) on data source"
                        + " 'flywayDataSource'");
        assertThat(schema.hasTable("legacy_orders")).isTrue();
    }

    @Test
    void anInitScriptIsRefusedAndNamedWithItsStatementNumber() {
        assertThatThrownBy(() -> start("--spring.flyway.enabled=false", "--spring.sql.init.mode=always",
                "--spring.sql.init.schema-locations=classpath:db/versions-init/schema.sql"))
                .rootCause().isInstanceOf(BlockedStatementException.class)
                .hasMessageContaining("sent by spring.sql.init script classpath:db/versions-init/schema.sql"
                        + " (statement 2)")
                .hasMessageContaining("set spring.sql.init.mode=embedded");
        assertThat(schema.hasTable("legacy_orders")).isTrue();
    }

    private void start(String... args) {
        SpringApplication application = new SpringApplication(VersionApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        String[] all = new String[args.length + 3];
        all[0] = "--spring.datasource.url=" + schema.url();
        all[1] = "--dbguard.env=production";
        all[2] = "--spring.main.banner-mode=off";
        System.arraycopy(args, 0, all, 3, args.length);
        application.run(all).close();
    }
}
