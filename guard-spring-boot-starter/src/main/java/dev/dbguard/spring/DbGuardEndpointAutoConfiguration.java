package dev.dbguard.spring;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import java.util.List;

/**
 * Auto-configuration of the {@code dbguard} actuator endpoint ({@link DbGuardEndpoint}): only when Spring Boot
 * Actuator is on the class path, dbguard is active, and the endpoint is enabled and exposed.
 *
 * <p>{@code management.endpoint.dbguard.show-values} ({@code never}, {@code when-authorized}, {@code always};
 * default {@code never}) and {@code management.endpoint.dbguard.roles} decide who sees refused SQL and callers,
 * as for Boot's own {@code env} and {@code configprops} endpoints.
 */
@AutoConfiguration(after = DbGuardAutoConfiguration.class)
@ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnBean(GuardedDataSources.class)
@ConditionalOnAvailableEndpoint(endpoint = DbGuardEndpoint.class)
public final class DbGuardEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    DbGuardEndpoint dbGuardEndpoint(GuardedDataSources dataSources, Environment environment) {
        Binder binder = Binder.get(environment);
        Show showValues = binder.bind("management.endpoint.dbguard.show-values", Show.class).orElse(Show.NEVER);
        List<String> roles = binder.bind("management.endpoint.dbguard.roles", Bindable.listOf(String.class))
                .orElse(List.of());
        return new DbGuardEndpoint(dataSources, showValues, roles);
    }
}
