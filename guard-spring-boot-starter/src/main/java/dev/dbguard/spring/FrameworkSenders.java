package dev.dbguard.spring;

import dev.dbguard.core.audit.Sender;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.ResourceLoaderAware;
import org.springframework.core.env.Environment;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.ResourceLoader;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
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
final class FrameworkSenders implements BeanPostProcessor, EnvironmentAware, ResourceLoaderAware, DisposableBean {

    private final Map<String, Opened> open = new ConcurrentHashMap<>();
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
            Opened previous = open.put(beanName, new Opened(Thread.currentThread(), Sender.open(sender)));
            if (previous != null) {
                previous.close();
            }
        }
        return bean;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        Opened opened = open.remove(beanName);
        if (opened != null) {
            opened.close();
        }
        return bean;
    }

    /**
     * A bean whose initialisation failed never reaches {@link #postProcessAfterInitialization}; when the failed
     * context is closed, its senders are closed too (on the thread that opened them, the only one they affect).
     */
    @Override
    public void destroy() {
        open.values().removeIf(opened -> opened.close());
    }

    /** A sender opened on a thread; closing it is possible (and done) only on that thread. */
    private record Opened(Thread thread, Sender.Scope scope) {

        boolean close() {
            if (thread != Thread.currentThread()) {
                return false;
            }
            scope.close();
            return true;
        }
    }

    private Sender senderFor(FrameworkBean framework, Object bean) {
        return switch (framework) {
            case SQL_INIT -> Sender.describedBy(Sender.Kind.SQL_INIT, scriptsReadOnFirstUse());
            case JPA -> Sender.of(Sender.Kind.HIBERNATE_SCHEMA, hibernateDescription());
            case LIQUIBASE -> Sender.describedBy(Sender.Kind.LIQUIBASE, LiquibaseChangesets.describer(bean));
            case FLYWAY -> null;
        };
    }

    /** Reads the scripts when the first statement is refused: most starts refuse nothing. */
    private Function<String, String> scriptsReadOnFirstUse() {
        AtomicReference<SqlInitScripts> scripts = new AtomicReference<>();
        return statement -> scripts.updateAndGet(read -> read != null ? read
                : SqlInitScripts.of(environment, resourceLoader)).describe(statement);
    }

    /** {@code Hibernate schema management (spring.jpa.hibernate.ddl-auto=create-drop)}, with the setting in force. */
    private String hibernateDescription() {
        HibernateDdlAuto ddlAuto = HibernateDdlAuto.of(environment);
        return ddlAuto == null ? Sender.Kind.HIBERNATE_SCHEMA.genericName()
                : Sender.Kind.HIBERNATE_SCHEMA.genericName() + " (" + ddlAuto.property() + "=" + ddlAuto.value() + ")";
    }
}
