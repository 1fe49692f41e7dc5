package dev.dbguard.spring;

import dev.dbguard.DbGuard;
import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.StatementGuard;
import dev.dbguard.core.Target;
import dev.dbguard.core.VerdictListener;
import dev.dbguard.core.audit.AuditSink;
import dev.dbguard.core.audit.RecentRefusals;
import dev.dbguard.core.audit.Slf4jAuditSink;
import dev.dbguard.jdbc.GuardedDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Guards data source beans and remembers each one with its recent refusals, for the startup log line, the
 * actuator endpoint and the check that nothing escaped.
 *
 * <p>Each data source gets its own engine: its counters, verdict cache and recent refusals are its own, and its
 * bean name is the name in audit events and metrics. All share the one configuration made from
 * {@code dbguard.*}.
 */
final class GuardedDataSources implements SmartInitializingSingleton {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedDataSources.class);

    private final GuardConfig template;
    private final int recentRefusals;
    private final DangerousSettings.Action dangerousSettings;
    private final Set<String> excludedBeans;
    private final ObjectProvider<AuditSink> auditSinks;
    private final ObjectProvider<VerdictListener> verdictListeners;
    private final ConfigurableListableBeanFactory beanFactory;
    private final Map<String, Guarded> guarded = Collections.synchronizedMap(new LinkedHashMap<>());

    /**
     * @param auditSinks       sinks of the application's own, told about every audit event after the log line
     * @param verdictListeners told about every checked statement (the Micrometer counter among them)
     * @param beanFactory      to look for data sources that were created before they could be guarded; may be null
     * @throws InvalidDbGuardPropertyException when a {@code dbguard.*} setting cannot be used
     */
    GuardedDataSources(GuardConfigFactory configFactory, DbGuardProperties properties,
                       ObjectProvider<AuditSink> auditSinks, ObjectProvider<VerdictListener> verdictListeners,
                       ConfigurableListableBeanFactory beanFactory) {
        this.template = configFactory.create();
        this.recentRefusals = configFactory.recentRefusals();
        this.dangerousSettings = configFactory.dangerousSettings();
        this.excludedBeans = Set.copyOf(properties.getExcludeBeans());
        this.auditSinks = auditSinks;
        this.verdictListeners = verdictListeners;
        this.beanFactory = beanFactory;
    }

    /** Whether {@code dbguard.exclude-beans} names this bean. */
    boolean isExcluded(String beanName) {
        return excludedBeans.contains(beanName);
    }

    /** Wraps {@code dataSource}, named after its bean, and logs what protects it. */
    GuardedDataSource guard(String beanName, DataSource dataSource) {
        RecentRefusals recent = new RecentRefusals(recentRefusals);
        List<AuditSink> sinks = new ArrayList<>();
        sinks.add(new Slf4jAuditSink(template.auditFormat(), template.auditWindow()));
        sinks.add(recent);
        auditSinks.orderedStream().forEach(sinks::add);
        GuardConfig config = template.toBuilder()
                .auditSink(AuditSink.safely(sinks.toArray(AuditSink[]::new)))
                .verdictListener(VerdictListeners.of(verdictListeners.orderedStream().toList()))
                .build();
        GuardedDataSource guardedDataSource = new GuardedDataSource(dataSource, beanName, new StatementGuard(config));
        Guarded entry = new Guarded(guardedDataSource, recent, ConfiguredUrl.of(dataSource));
        guarded.put(beanName, entry);
        LOG.info(describe(entry));
        return guardedDataSource;
    }

    /** The guarded data sources by bean name, in the order they were guarded. */
    Map<String, Guarded> all() {
        synchronized (guarded) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(guarded));
        }
    }

    /** The data source guarded under this bean name, or null. */
    Guarded get(String beanName) {
        return guarded.get(beanName);
    }

    /**
     * The data source Spring Boot's schema tools use unless told otherwise: the bean named {@code dataSource}, else
     * the first one guarded; null when none is.
     */
    Guarded primary() {
        synchronized (guarded) {
            Guarded named = guarded.get("dataSource");
            return named != null || guarded.isEmpty() ? named : guarded.values().iterator().next();
        }
    }

    /**
     * The target its first connection will have, from the URL the pool was configured with (the production and
     * ephemeral URL patterns applied), without connecting; null for an embedded database Spring created, which
     * holds no production data; the declared one when the URL cannot be read.
     */
    Target expectedTarget(Guarded guarded) {
        ConfiguredUrl url = guarded.configuredUrl();
        if (url.embedded()) {
            return null;
        }
        GuardedDataSource dataSource = guarded.dataSource();
        return url.url() == null ? dataSource.target()
                : dataSource.statementGuard().target(dataSource.name(), url.url());
    }

    /** What {@code dbguard.dangerous-settings} asks for. */
    DangerousSettings.Action dangerousSettings() {
        return dangerousSettings;
    }

    /** The rules switched on for every guarded data source, in documentation order. */
    List<String> enabledRules() {
        return GuardConfig.RULE_IDS.stream().filter(template::ruleEnabled).toList();
    }

    /**
     * The start-up line: the environment and mode the data source's configured URL will get (production and
     * ephemeral URL patterns applied), or, when the URL cannot be read before connecting, the declared ones.
     */
    private String describe(Guarded entry) {
        GuardedDataSource dataSource = entry.dataSource();
        Target expected = entry.configuredUrl().url() == null ? null : expectedTarget(entry);
        Target target = expected != null ? expected : dataSource.target();
        String line = "dbguard: guarding data source '" + dataSource.name() + "': environment "
                + target.environment() + ", mode " + target.mode().id() + ", rules " + enabledRules();
        if (expected == null && entry.configuredUrl().embedded()) {
            line += "; it is an embedded database, so its URL is checked against the ephemeral URL patterns "
                    + template.ephemeralUrlPatterns() + " at the first connection";
        } else if (expected == null && !template.productionUrlPatterns().isEmpty()
                && !target.environment().environment().isProductionLike()) {
            line += "; production URL patterns " + template.productionUrlPatterns()
                    + " are checked against its URL at the first connection";
        }
        return line;
    }

    /**
     * A data source bean created before the BeanPostProcessors were in place (because another post-processor
     * needed it) was never offered to dbguard. Say so loudly rather than leave it silently unguarded.
     */
    @Override
    public void afterSingletonsInstantiated() {
        if (beanFactory == null) {
            return;
        }
        for (String name : beanFactory.getBeanNamesForType(DataSource.class, false, false)) {
            if (ScopedProxyUtils.isScopedTarget(name) || isExcluded(name) || !beanFactory.containsSingleton(name)) {
                continue;
            }
            if (beanFactory.getSingleton(name) instanceof DataSource dataSource && !DbGuard.isGuarded(dataSource)) {
                LOG.warn("dbguard: data source bean '{}' is NOT guarded: it was created before dbguard's"
                        + " BeanPostProcessor was registered, usually because another BeanPostProcessor depends on"
                        + " it; inject it lazily there (ObjectProvider<DataSource>), or add it to"
                        + " dbguard.exclude-beans if it should stay unguarded", name);
            }
        }
    }

    /** One guarded data source, the refusals it recently kept, and the URL its pool was configured with. */
    record Guarded(GuardedDataSource dataSource, RecentRefusals recentRefusals, ConfiguredUrl configuredUrl) {
    }

    /**
     * The JDBC URL a pool or driver data source was configured with ({@code jdbcUrl} for Hikari, {@code url} for
     * most others), read without connecting; null when it has none. {@code embedded} for the databases Spring's
     * {@code EmbeddedDatabaseBuilder} and Boot's test database replacement create.
     */
    record ConfiguredUrl(String url, boolean embedded) {

        static ConfiguredUrl of(DataSource dataSource) {
            for (Class<?> type : dataSource.getClass().getInterfaces()) {
                if (type.getName().equals("org.springframework.jdbc.datasource.embedded.EmbeddedDatabase")) {
                    return new ConfiguredUrl(null, true);
                }
            }
            try {
                BeanWrapperImpl properties = new BeanWrapperImpl(dataSource);
                for (String name : new String[] {"jdbcUrl", "url", "URL"}) {
                    if (properties.isReadableProperty(name)
                            && properties.getPropertyValue(name) instanceof String url && !url.isBlank()) {
                        return new ConfiguredUrl(url, false);
                    }
                }
            } catch (RuntimeException unreadable) {
                // A data source whose getters throw before it is started: judged by its first connection instead.
            }
            return new ConfiguredUrl(null, false);
        }
    }
}
