package dev.dbguard.spring;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code dbguard} actuator endpoint ({@link DbGuardEndpoint}): only when Spring Boot
 * Actuator is on the class path, dbguard is active, and the endpoint is enabled and exposed.
 */
@AutoConfiguration(after = DbGuardAutoConfiguration.class)
@ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnBean(GuardedDataSources.class)
@ConditionalOnAvailableEndpoint(DbGuardEndpoint.class)
public final class DbGuardEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    DbGuardEndpoint dbGuardEndpoint(GuardedDataSources dataSources) {
        return new DbGuardEndpoint(dataSources);
    }
}
