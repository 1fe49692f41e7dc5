package dev.dbguard.spring;

import dev.dbguard.core.posture.PostureFinding;
import dev.dbguard.jdbc.GuardedDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * The Micrometer gauge {@value #METRIC_NAME}, one per guarded data source and posture finding, tagged
 * {@code datasource} (the bean name) and {@code finding} ({@code owner}, {@code superuser}, {@code no-tls}, ...):
 * 1 when the account shows the finding, 0 when it does not, NaN before the first connection or when it could not be
 * checked. A dashboard then shows which services run as owners or superusers.
 */
final class PostureGauges implements SmartInitializingSingleton {

    static final String METRIC_NAME = "dbguard.posture";

    private final ObjectProvider<MeterRegistry> registries;
    private final ObjectProvider<GuardedDataSources> dataSources;

    PostureGauges(ObjectProvider<MeterRegistry> registries, ObjectProvider<GuardedDataSources> dataSources) {
        this.registries = registries;
        this.dataSources = dataSources;
    }

    /** Every data source is guarded once the singletons exist; the gauges read its posture when scraped. */
    @Override
    public void afterSingletonsInstantiated() {
        MeterRegistry registry = registries.getIfAvailable();
        GuardedDataSources guarded = dataSources.getIfAvailable();
        if (registry == null || guarded == null) {
            return;
        }
        guarded.all().forEach((name, entry) -> {
            for (String finding : PostureFinding.IDS) {
                Gauge.builder(METRIC_NAME, entry.dataSource(), dataSource -> value(dataSource, finding))
                        .description("1 when the data source's database account shows this posture finding")
                        .tag("datasource", name)
                        .tag("finding", finding)
                        .register(registry);
            }
        });
    }

    private static double value(GuardedDataSource dataSource, String finding) {
        return dataSource.posture().filter(posture -> posture.checked())
                .map(posture -> posture.findingIds().contains(finding) ? 1.0 : 0.0)
                .orElse(Double.NaN);
    }
}
