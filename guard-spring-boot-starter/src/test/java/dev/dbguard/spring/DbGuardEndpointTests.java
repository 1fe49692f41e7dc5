package dev.dbguard.spring;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.PermissionDeniedDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.security.Principal;
import java.sql.SQLException;
import java.util.Set;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The endpoint follows Spring Boot's model for sensitive values: refused SQL and callers only when
 * {@code management.endpoint.dbguard.show-values} allows, everything else always; and every refusal states its
 * reason in words, which the redacted SQL no longer shows.
 */
class DbGuardEndpointTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DbGuardAutoConfiguration.class,
                    DbGuardEndpointAutoConfiguration.class))
            .withPropertyValues("dbguard.env=production", "management.endpoints.web.exposure.include=dbguard");

    private CustomerSchema schema;

    @BeforeEach
    void createSchema() {
        schema = CustomerSchema.create("starter_endpoint");
    }

    @AfterEach
    void dropSchema() throws SQLException {
        schema.drop();
    }

    private ApplicationContextRunner withRefusal() {
        return runner.withBean("dataSource", DataSource.class, schema::dataSourceForTests);
    }

    private static DbGuardEndpoint.Refusal refuseAndReport(ApplicationContext context, SecurityContext security) {
        JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
        assertThatThrownBy(() -> jdbc.update("DELETE FROM customers WHERE 1 = 1"))
                .isInstanceOf(PermissionDeniedDataAccessException.class);
        DbGuardEndpoint.DataSourceReport report = context.getBean(DbGuardEndpoint.class)
                .guard(security).dataSources().get("dataSource");
        assertThat(report.environment()).isEqualTo("production");
        assertThat(report.counters()).containsEntry("block/unscoped-delete", 1L);
        return report.recentRefusals().get(0);
    }

    @Test
    void byDefaultSqlAndCallersAreHiddenAndTheReasonIsShown() {
        withRefusal().run(context -> {
            DbGuardEndpoint.Refusal refusal = refuseAndReport(context, SecurityContext.NONE);
            assertThat(refusal.sql()).isEqualTo(DbGuardEndpoint.HIDDEN);
            assertThat(refusal.caller()).isEqualTo(DbGuardEndpoint.HIDDEN);
            assertThat(refusal.rule()).isEqualTo("unscoped-delete");
            assertThat(refusal.objects()).containsExactly("customers");
            assertThat(refusal.finding()).startsWith("DELETE FROM customers ").contains("WHERE");
        });
    }

    @Test
    void alwaysShowsTheRedactedSqlAndTheCaller() {
        withRefusal().withPropertyValues("management.endpoint.dbguard.show-values=always").run(context -> {
            DbGuardEndpoint.Refusal refusal = refuseAndReport(context, SecurityContext.NONE);
            assertThat(refusal.sql()).isEqualTo("DELETE FROM customers WHERE ? = ?");
            assertThat(refusal.caller()).contains(DbGuardEndpointTests.class.getSimpleName());
        });
    }

    @Test
    void whenAuthorizedShowsThemToAUserInOneOfTheRolesOnly() {
        ApplicationContextRunner authorized = withRefusal().withPropertyValues(
                "management.endpoint.dbguard.show-values=when-authorized",
                "management.endpoint.dbguard.roles=ops");
        authorized.run(context -> assertThat(refuseAndReport(context, user("ops")).sql())
                .isEqualTo("DELETE FROM customers WHERE ? = ?"));
        authorized.run(context -> assertThat(refuseAndReport(context, user("sales")).sql())
                .isEqualTo(DbGuardEndpoint.HIDDEN));
        authorized.run(context -> assertThat(refuseAndReport(context, SecurityContext.NONE).caller())
                .isEqualTo(DbGuardEndpoint.HIDDEN));
    }

    private static SecurityContext user(String role) {
        return new SecurityContext() {
            @Override
            public Principal getPrincipal() {
                return () -> "alice";
            }

            @Override
            public boolean isUserInRole(String candidate) {
                return Set.of(role).contains(candidate);
            }
        };
    }
}
