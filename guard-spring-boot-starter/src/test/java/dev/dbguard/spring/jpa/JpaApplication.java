package dev.dbguard.spring.jpa;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;

/** Makes Hibernate find {@link Customer} in this package. */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
public class JpaApplication {
}
