package dev.dbguard.spring;

import dev.dbguard.core.Target;
import dev.dbguard.core.Verdict;
import dev.dbguard.core.VerdictListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Counts every checked statement in the Micrometer counter {@value #METRIC_NAME}, tagged {@code decision}
 * ({@code allow}, {@code audit}, {@code block}), {@code rule} (the first rule that flagged it, or {@code none}) and
 * {@code datasource} (the bean name).
 */
final class DbGuardMetrics implements VerdictListener, SmartInitializingSingleton {

    static final String METRIC_NAME = "dbguard.statements";
    static final String NO_RULE = "none";

    private final ObjectProvider<MeterRegistry> registries;
    private final ConcurrentMap<Key, Counter> counters = new ConcurrentHashMap<>();
    private volatile MeterRegistry registry;
    private volatile boolean settled;

    DbGuardMetrics(ObjectProvider<MeterRegistry> registries) {
        this.registries = registries;
    }

    @Override
    public void onVerdict(Target target, Verdict verdict) {
        MeterRegistry current = registry();
        if (current == null) {
            return;
        }
        String rule = verdict.ruleId() == null ? NO_RULE : verdict.ruleId();
        Key key = new Key(target.dataSourceName(), verdict.decision().name().toLowerCase(Locale.ROOT), rule);
        counters.computeIfAbsent(key, k -> Counter.builder(METRIC_NAME)
                        .description("SQL statements checked by dbguard")
                        .tag("decision", k.decision())
                        .tag("rule", k.rule())
                        .tag("datasource", k.dataSource())
                        .register(current))
                .increment();
    }

    /**
     * Once the context has started, the registry (or its absence) is settled and kept. Statements run while the
     * context starts (migrations, schema scripts) look it up each time: it may not have been created yet.
     */
    @Override
    public void afterSingletonsInstantiated() {
        registry = lookUp();
        settled = true;
    }

    private MeterRegistry registry() {
        MeterRegistry current = registry;
        if (current != null || settled) {
            return current;
        }
        current = lookUp();
        registry = current;
        return current;
    }

    private MeterRegistry lookUp() {
        try {
            return registries.getIfAvailable();
        } catch (BeansException notNow) {
            // Being created on this thread right now, or the context is closing: this statement goes uncounted.
            return null;
        }
    }

    private record Key(String dataSource, String decision, String rule) {
    }
}
