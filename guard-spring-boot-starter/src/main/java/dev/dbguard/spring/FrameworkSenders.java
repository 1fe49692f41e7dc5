package dev.dbguard.spring;

import dev.dbguard.core.audit.Sender;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.ResourceLoaderAware;
import org.springframework.core.env.Environment;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.ResourceLoader;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Names the framework that sends SQL while the application starts, so refusals and audit events say
 * {@code spring.sql.init script classpath:schema.sql (statement 3)} or
 * {@code Hibernate schema management (spring.jpa.hibernate.ddl-auto=create-drop)} instead of {@code caller=unknown}.
 *
 * <p>Each of those frameworks does its work while its bean is initialised; this post-processor opens a
 * {@link Sender} on the thread just before ({@code postProcessBeforeInitialization}) and closes it just after. Flyway
 * names its migrations through {@link FlywayMigrationSender}, a callback, instead.
 */
final class FrameworkSenders implements BeanPostProcessor, EnvironmentAware, ResourceLoaderAware {

    private final Map<String, Sender.Scope> open = new ConcurrentHashMap<>();
    private Environment environment;
    private ResourceLoader resourceLoader = new DefaultResourceLoader();

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void setResourceLoader(ResourceLoader resourceLoader) {
        this.resourceLoader = resourceLoader;
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        FrameworkBean framework = FrameworkBean.of(bean);
        Sender sender = framework == null || environment == null ? null : senderFor(framework, bean);
        if (sender != null) {
            Sender.Scope previous = open.put(beanName, Sender.open(sender));
            if (previous != null) {
                previous.close();
            }
        }
        return bean;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        Sender.Scope scope = open.remove(beanName);
        if (scope != null) {
            scope.close();
        }
        return bean;
    }

    private Sender senderFor(FrameworkBean framework, Object bean) {
        return switch (framework) {
            case SQL_INIT -> Sender.describedBy(Sender.Kind.SQL_INIT, new Lazily<>(
                    () -> SqlInitScripts.of(environment, resourceLoader), SqlInitScripts::describe));
            case JPA -> Sender.of(Sender.Kind.HIBERNATE_SCHEMA, hibernateDescription());
            case LIQUIBASE -> Sender.describedBy(Sender.Kind.LIQUIBASE, LiquibaseChangesets.describer(bean));
            case FLYWAY -> null;
        };
    }

    /** {@code Hibernate schema management (spring.jpa.hibernate.ddl-auto=create-drop)}, with the setting in force. */
    private String hibernateDescription() {
        DdlAuto ddlAuto = DdlAuto.of(environment);
        return ddlAuto == null ? Sender.Kind.HIBERNATE_SCHEMA.genericName()
                : Sender.Kind.HIBERNATE_SCHEMA.genericName() + " (" + ddlAuto.property() + "=" + ddlAuto.value() + ")";
    }

    /** Reads the scripts on the first refusal only: most starts refuse nothing. */
    private static final class Lazily<T> implements Function<String, String> {

        private final java.util.function.Supplier<T> source;
        private final java.util.function.BiFunction<T, String, String> describe;
        private T value;

        Lazily(java.util.function.Supplier<T> source, java.util.function.BiFunction<T, String, String> describe) {
            this.source = source;
            this.describe = describe;
        }

        @Override
        public synchronized String apply(String statement) {
            if (value == null) {
                value = source.get();
            }
            return describe.apply(value, statement);
        }
    }

    /**
     * Hibernate's schema setting as the application configured it: Boot's {@code spring.jpa.hibernate.ddl-auto}, or
     * Hibernate's own {@code hibernate.hbm2ddl.auto} / JPA's {@code jakarta.persistence.schema-generation.database.action}
     * passed through {@code spring.jpa.properties}.
     */
    record DdlAuto(String property, String value) {

        private static final String[] PROPERTIES = {"spring.jpa.hibernate.ddl-auto",
                "spring.jpa.properties.hibernate.hbm2ddl.auto",
                "spring.jpa.properties.jakarta.persistence.schema-generation.database.action"};

        static DdlAuto of(Environment environment) {
            Binder binder = Binder.get(environment);
            for (String property : PROPERTIES) {
                String value = binder.bind(property, String.class).orElse(null);
                if (value != null && !value.isBlank()) {
                    return new DdlAuto(property, value.trim());
                }
            }
            return null;
        }

        /** Whether this value drops or changes tables: create, create-drop, drop, update (and JPA's drop-and-create). */
        boolean changesTheSchema() {
            return switch (value.toLowerCase(java.util.Locale.ROOT)) {
                case "create", "create-drop", "drop", "update", "drop-and-create" -> true;
                default -> false;
            };
        }
    }
}
