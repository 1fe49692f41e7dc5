package dev.dbguard.spring;

import liquibase.integration.spring.SpringLiquibase;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Guards the data source Boot built for Liquibase from {@code spring.liquibase.url}/{@code spring.liquibase.user}:
 * set on the {@link SpringLiquibase} bean before it is initialised, which is when it runs the changelog. Boot closes
 * that data source after the update; the guarded one closes the pool it wraps.
 */
final class LiquibaseDataSourceGuard implements BeanPostProcessor {

    private final MigrationDataSources dataSources;

    LiquibaseDataSourceGuard(MigrationDataSources dataSources) {
        this.dataSources = dataSources;
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof SpringLiquibase liquibase) {
            liquibase.setDataSource(dataSources.guard(MigrationDataSources.LIQUIBASE, liquibase.getDataSource()));
        }
        return bean;
    }
}
