package dev.dbguard.spring;

import dev.dbguard.core.VerdictListener;
import dev.dbguard.core.audit.AuditSink;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;

/**
 * Auto-configuration that guards every {@link DataSource} bean: the auto-configured pool, the application's own,
 * several at once, each named by its bean name. Everything that reaches the database through them (JdbcTemplate,
 * JPA/Hibernate, jOOQ, Flyway, Liquibase, SQL init scripts) is checked, and so are the data sources Boot builds for
 * Flyway and Liquibase from {@code spring.flyway.url} and {@code spring.liquibase.url}.
 *
 * <p>Also registered for the JDBC test slices ({@code @JdbcTest}, {@code @DataJpaTest}, {@code @DataJdbcTest},
 * {@code @JooqTest}, and whatever uses {@code @AutoConfigureTestDatabase}), whose contexts hold only the slice's own
 * auto-configurations: an integration test pointed at a real database is guarded like the application.
 *
 * <p>Active unless {@code dbguard.enabled=false}. {@link AuditSink} and {@link VerdictListener} beans of the
 * application are told about every audit event and every checked statement. With Micrometer present, the counter
 * {@code dbguard.statements} counts statements by decision, rule and data source, and the gauge
 * {@code dbguard.posture} shows each data source's posture findings.
 */
// Boot 4 and Boot 3.5 names of the same auto-configuration.
@AutoConfiguration(afterName = {"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration"})
@ConditionalOnClass(DataSource.class)
@Conditional(OnDbGuardEnabledCondition.class)
@EnableConfigurationProperties(DbGuardProperties.class)
public final class DbGuardAutoConfiguration {

    // Static, so that registering the post-processor does not create this configuration (and its dependencies)
    // before the other post-processors are in place.
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static DataSourceGuardingPostProcessor dbGuardDataSourcePostProcessor(
            ObjectProvider<GuardedDataSources> guardedDataSources) {
        return new DataSourceGuardingPostProcessor(guardedDataSources);
    }

    /** Names spring.sql.init, Hibernate and Liquibase as the senders of what they run while starting. */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static FrameworkSenders dbGuardFrameworkSenders() {
        return new FrameworkSenders();
    }

    /** Warns about (or refuses) settings that make a framework send SQL dbguard refuses, before it runs. */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static DangerousSettings dbGuardDangerousSettings(ObjectProvider<GuardedDataSources> guardedDataSources) {
        return new DangerousSettings(guardedDataSources);
    }

    @Bean
    GuardedDataSources dbGuardDataSources(DbGuardProperties properties, Environment environment,
                                          ObjectProvider<AuditSink> auditSinks,
                                          ObjectProvider<VerdictListener> verdictListeners,
                                          ConfigurableListableBeanFactory beanFactory) {
        return new GuardedDataSources(new GuardConfigFactory(properties, environment), properties, auditSinks,
                verdictListeners, beanFactory);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.flywaydb.core.api.callback.Callback")
    @Import(FlywayDataSourceGuard.class)
    static class FlywayConfiguration {

        /** Spring Boot adds every Flyway Callback bean to its Flyway; this one names the running migration. */
        @Bean
        org.flywaydb.core.api.callback.Callback dbGuardFlywayMigrationSender() {
            return FlywayMigrationSender.callback();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "liquibase.integration.spring.SpringLiquibase")
    static class LiquibaseConfiguration {

        @Bean
        @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
        static LiquibaseDataSourceGuard dbGuardLiquibaseDataSourceGuard(
                ObjectProvider<GuardedDataSources> guardedDataSources) {
            return new LiquibaseDataSourceGuard(new MigrationDataSources(guardedDataSources));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class MetricsConfiguration {

        @Bean
        DbGuardMetrics dbGuardMetrics(ObjectProvider<MeterRegistry> registries) {
            return new DbGuardMetrics(registries);
        }

        @Bean
        PostureGauges dbGuardPostureGauges(ObjectProvider<MeterRegistry> registries,
                                           ObjectProvider<GuardedDataSources> dataSources) {
            return new PostureGauges(registries, dataSources);
        }
    }
}
