package dev.dbguard.spring;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/** Where in the Spring environment a {@code dbguard.*} property was set, for the log line and failure reports. */
final class PropertyOrigins {

    private final Environment environment;

    PropertyOrigins(Environment environment) {
        this.environment = environment;
    }

    /**
     * Spring's own description, e.g. {@code class path resource [application.properties] - 3:13} or
     * {@code System Environment Property "DBGUARD_ENV"}; null when Spring cannot tell. A list element bound from a
     * comma-separated value ({@code dbguard.allow[1]}) is looked up by the list's key.
     */
    String describe(String property) {
        Origin origin = lookUp(property);
        int index = property.lastIndexOf('[');
        if (origin == null && index > 0) {
            origin = lookUp(property.substring(0, index));
        }
        return origin == null ? null : origin.toString();
    }

    /**
     * Like {@link #describe(String)}, but a property source without a finer location is named by itself:
     * {@code commandLineArgs} rather than {@code "dbguard.env" from property source "commandLineArgs"}, with the
     * key as written when relaxed binding found it under another spelling ({@code DBGUARD_ENV in systemEnvironment}).
     */
    String brief(String property) {
        Origin origin = lookUp(property);
        if (origin instanceof PropertySourceOrigin source && source.getOrigin() == null) {
            String name = source.getPropertySource().getName();
            return source.getPropertyName().equals(property) ? name : source.getPropertyName() + " in " + name;
        }
        if (origin instanceof PropertySourceOrigin source) {
            return source.getOrigin().toString();
        }
        return origin == null ? null : origin.toString();
    }

    private Origin lookUp(String property) {
        if (!(environment instanceof ConfigurableEnvironment) || !ConfigurationPropertyName.isValid(property)) {
            return null;
        }
        ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            ConfigurationProperty found = source.getConfigurationProperty(name);
            if (found != null) {
                return found.getOrigin();
            }
        }
        return null;
    }
}
