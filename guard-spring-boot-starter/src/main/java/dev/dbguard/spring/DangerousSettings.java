package dev.dbguard.spring;

import dev.dbguard.core.Decision;
import dev.dbguard.core.Mode;
import dev.dbguard.core.StatementGuard;
import dev.dbguard.core.Target;
import dev.dbguard.core.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.ResourceLoaderAware;
import org.springframework.core.env.Environment;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.ResourceLoader;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds, before they run, the settings that make a framework send SQL dbguard refuses in production: Hibernate's
 * {@code ddl-auto} of create, create-drop, drop or update, Flyway's {@code clean-disabled=false} and
 * {@code clean-on-validation-error=true}, Liquibase's {@code drop-first=true}, and {@code spring.sql.init.mode=always}
 * with scripts dbguard would refuse. Without this, Hibernate prints a stack trace per refused DROP and half-applies
 * its DDL.
 *
 * <p>Checked just before the framework's bean is initialised (that is when it does its work), against the primary
 * guarded data source and its configured URL, and only when that data source refuses destructive SQL (mode block or
 * read-only). {@code dbguard.dangerous-settings}: {@code warn} logs one line per setting with where it was set,
 * {@code fail} stops the start, {@code ignore} says nothing.
 */
final class DangerousSettings implements BeanPostProcessor, EnvironmentAware, ResourceLoaderAware {

    /** What {@code dbguard.dangerous-settings} asks for. */
    enum Action {
        WARN, FAIL, IGNORE;

        /** The action for a configured value, or null when it is none of them. */
        static Action fromId(String id) {
            if (id == null) {
                return null;
            }
            return switch (id.trim().toLowerCase(Locale.ROOT)) {
                case "warn" -> WARN;
                case "fail" -> FAIL;
                case "ignore" -> IGNORE;
                default -> null;
            };
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(DangerousSettings.class);

    private final ObjectProvider<GuardedDataSources> dataSources;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private Environment environment;
    private ResourceLoader resourceLoader = new DefaultResourceLoader();

    DangerousSettings(ObjectProvider<GuardedDataSources> dataSources) {
        this.dataSources = dataSources;
    }

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
        if (framework == null || environment == null) {
            return bean;
        }
        GuardedDataSources guards = dataSources.getIfAvailable();
        GuardedDataSources.Guarded primary = guards == null ? null : guards.primary();
        if (primary == null || guards.dangerousSettings() == Action.IGNORE) {
            return bean;
        }
        Target target = guards.expectedTarget(primary);
        if (target == null || (target.mode() != Mode.BLOCK && target.mode() != Mode.READ_ONLY)) {
            return bean;
        }
        String where = " on data source '" + target.dataSourceName() + "' in " + target.environment() + ": ";
        List<String> lines = new ArrayList<>();
        for (String problem : problems(framework, primary.dataSource().statementGuard(), target)) {
            if (reported.add(problem)) {
                lines.add("dbguard: " + problem.replaceFirst(" \\| ", where));
            }
        }
        lines.forEach(LOG::warn);
        if (!lines.isEmpty() && guards.dangerousSettings() == Action.FAIL) {
            throw new DangerousSettingException(lines);
        }
        return bean;
    }

    /** Each problem as {@code setting=value (origin) | what happens and what to do}. */
    private List<String> problems(FrameworkBean framework, StatementGuard guard, Target target) {
        Binder binder = Binder.get(environment);
        List<String> problems = new ArrayList<>();
        String env = target.environment().environment().name();
        switch (framework) {
            case JPA -> {
                HibernateDdlAuto ddlAuto = HibernateDdlAuto.of(environment);
                if (ddlAuto != null && ddlAuto.changesTheSchema()) {
                    problems.add(setting(ddlAuto.property(), ddlAuto.value()) + " | Hibernate drops or alters"
                            + " tables when the application starts (create-drop also when it stops); dbguard refuses"
                            + " its DROP statements one by one and the rest of its DDL half-applies. Set "
                            + ddlAuto.property() + "=validate (or none) for " + env + " and change the schema"
                            + " with migrations.");
                }
            }
            case FLYWAY -> {
                if ("false".equalsIgnoreCase(value(binder, "spring.flyway.clean-disabled"))) {
                    problems.add(setting("spring.flyway.clean-disabled", "false") + " | Flyway clean, which drops"
                            + " every object of the schema, is enabled; dbguard refuses it. Keep"
                            + " spring.flyway.clean-disabled=true for " + env + ".");
                }
                if ("true".equalsIgnoreCase(value(binder, "spring.flyway.clean-on-validation-error"))) {
                    problems.add(setting("spring.flyway.clean-on-validation-error", "true") + " | a failed"
                            + " validation would wipe the schema (Flyway clean); dbguard refuses it. Set it to false"
                            + " for " + env + ".");
                }
            }
            case LIQUIBASE -> {
                if ("true".equalsIgnoreCase(value(binder, "spring.liquibase.drop-first"))) {
                    problems.add(setting("spring.liquibase.drop-first", "true") + " | Liquibase drops the whole"
                            + " schema before updating it; dbguard refuses it. Set it to false for " + env + ".");
                }
            }
            case SQL_INIT -> {
                String mode = value(binder, "spring.sql.init.mode");
                if ("always".equalsIgnoreCase(mode)) {
                    String refused = refusedScriptStatements(guard, target);
                    if (refused != null) {
                        problems.add(setting("spring.sql.init.mode", mode) + " | the scripts it runs hold"
                                + " statements dbguard refuses (" + refused + "), so the start would stop at the"
                                + " first. Set spring.sql.init.mode=embedded (or never) for " + env + ", or give it"
                                + " scripts of its own (spring.sql.init.platform, spring.sql.init.schema-locations).");
                    }
                }
            }
        }
        return problems;
    }

    /** {@code classpath:schema.sql statement 1: DROP TABLE owners; ...}, or null when every statement may run. */
    private String refusedScriptStatements(StatementGuard guard, Target target) {
        List<String> refused = new ArrayList<>();
        int total = 0;
        for (SqlInitScripts.Script script : SqlInitScripts.of(environment, resourceLoader).scripts()) {
            for (int i = 0; i < script.statements().size(); i++) {
                Verdict verdict = guard.check(script.statements().get(i), target);
                if (verdict.decision() == Decision.BLOCK) {
                    total++;
                    if (refused.size() < 3) {
                        refused.add(script.location() + " statement " + (i + 1) + ": "
                                + verdict.findings().get(0).description());
                    }
                }
            }
        }
        if (total == 0) {
            return null;
        }
        return String.join("; ", refused) + (total > refused.size() ? "; " + (total - refused.size()) + " more" : "");
    }

    private String setting(String property, String value) {
        String origin = new PropertyOrigins(environment).describe(property);
        return property + "=" + value + (origin == null ? "" : " (" + origin + ")");
    }

    private static String value(Binder binder, String property) {
        return binder.bind(property, String.class).orElse(null);
    }
}
