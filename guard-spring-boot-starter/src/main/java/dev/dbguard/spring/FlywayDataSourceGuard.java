package dev.dbguard.spring;

import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;

import java.lang.reflect.Proxy;
import java.util.List;

/**
 * Registers a {@code FlywayConfigurationCustomizer} that guards the data source Boot built from
 * {@code spring.flyway.url}/{@code spring.flyway.user}. Boot runs its customizers after it has set the data source,
 * so the customizer sees the one Flyway will use. The interface moved between Boot 3.5 and 4; whichever is present
 * is implemented, so one code path serves both lines.
 */
final class FlywayDataSourceGuard implements ImportBeanDefinitionRegistrar {

    private static final List<String> CUSTOMIZER_TYPES = List.of(
            "org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer",
            "org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer");

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        ClassLoader classLoader = FlywayDataSourceGuard.class.getClassLoader();
        for (String typeName : CUSTOMIZER_TYPES) {
            if (ClassUtils.isPresent(typeName, classLoader)) {
                Class<?> type = ClassUtils.resolveClassName(typeName, classLoader);
                RootBeanDefinition definition = new RootBeanDefinition();
                definition.setTargetType(type);
                definition.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
                definition.setInstanceSupplier(() -> customizer(type, registry));
                registry.registerBeanDefinition("dbGuardFlywayDataSourceGuard", definition);
                return;
            }
        }
    }

    private static Object customizer(Class<?> type, BeanDefinitionRegistry registry) {
        ObjectProvider<GuardedDataSources> guards = ((org.springframework.beans.factory.BeanFactory) registry)
                .getBeanProvider(GuardedDataSources.class);
        MigrationDataSources dataSources = new MigrationDataSources(guards);
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "dbguard: guards the data source of spring.flyway.url";
                };
            }
            if (args != null && args.length == 1 && args[0] instanceof FluentConfiguration configuration) {
                configuration.dataSource(dataSources.guard(MigrationDataSources.FLYWAY, configuration.getDataSource()));
            }
            return null;
        });
    }
}
