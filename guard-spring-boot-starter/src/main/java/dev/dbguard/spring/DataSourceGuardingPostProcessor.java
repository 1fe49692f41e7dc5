package dev.dbguard.spring;

import dev.dbguard.DbGuard;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

import javax.sql.DataSource;

/**
 * Replaces every {@link DataSource} bean with a guarded one named after the bean. Leaves alone the targets of
 * scoped proxies (the proxy itself is guarded), beans listed in {@code dbguard.exclude-beans}, and data sources
 * that are guarded already.
 */
final class DataSourceGuardingPostProcessor implements BeanPostProcessor {

    // Looked up on the first data source, when every other post-processor (properties binding among them) is in
    // place; resolving it when this post-processor is created would initialise it too early.
    private final ObjectProvider<GuardedDataSources> guardedDataSources;

    DataSourceGuardingPostProcessor(ObjectProvider<GuardedDataSources> guardedDataSources) {
        this.guardedDataSources = guardedDataSources;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof DataSource dataSource) || ScopedProxyUtils.isScopedTarget(beanName)
                || DbGuard.isGuarded(dataSource)) {
            return bean;
        }
        GuardedDataSources guards = guardedDataSources.getObject();
        return guards.isExcluded(beanName) ? bean : guards.guard(beanName, dataSource);
    }
}
