package dev.dbguard.spring;

import dev.dbguard.core.VerdictListener;
import dev.dbguard.core.audit.AuditSink;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.support.SQLExceptionTranslator;

import javax.sql.DataSource;

/**
 * Auto-configuration that guards every {@link DataSource} bean: the auto-configured pool, the application's own,
 * several at once, each named by its bean name. Everything that reaches the database through them (JdbcTemplate,
 * JPA/Hibernate, jOOQ, Flyway, Liquibase, SQL init scripts) is checked.
 *
 * <p>Active unless {@code dbguard.enabled=false}. {@link AuditSink} and {@link VerdictListener} beans of the
 * application are told about every audit event and every checked statement. With Micrometer present, the counter
 * {@code dbguard.statements} counts statements by decision, rule and data source.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(DataSource.class)
@ConditionalOnProperty(prefix = "dbguard", name = "enabled", havingValue = "true", matchIfMissing = true)
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

    @Bean
    GuardedDataSources dbGuardDataSources(DbGuardProperties properties, Environment environment,
                                          ObjectProvider<AuditSink> auditSinks,
                                          ObjectProvider<VerdictListener> verdictListeners,
                                          ConfigurableListableBeanFactory beanFactory) {
        return new GuardedDataSources(new GuardConfigFactory(properties, environment), properties, auditSinks,
                verdictListeners, beanFactory);
    }

    /**
     * Lets the auto-configured {@code JdbcTemplate} and {@code JdbcClient} report refusals as
     * {@code PermissionDeniedDataAccessException}. Backs off when the application has its own translator or its
     * own {@code sql-error-codes.xml}, which Spring would otherwise use.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(SQLExceptionTranslator.class)
    @Conditional(NoCustomSqlErrorCodes.class)
    static class JdbcExceptionTranslationConfiguration {

        @Bean
        @ConditionalOnMissingBean(SQLExceptionTranslator.class)
        RefusalExceptionTranslator dbGuardExceptionTranslator() {
            return new RefusalExceptionTranslator();
        }
    }

    /** Spring's own check for an application-provided {@code sql-error-codes.xml} at the class path root. */
    static class NoCustomSqlErrorCodes implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !context.getResourceLoader().getResource("classpath:sql-error-codes.xml").exists();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class MetricsConfiguration {

        @Bean
        DbGuardMetrics dbGuardMetrics(ObjectProvider<MeterRegistry> registries) {
            return new DbGuardMetrics(registries);
        }
    }
}
