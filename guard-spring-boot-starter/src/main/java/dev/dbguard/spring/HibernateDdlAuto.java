package dev.dbguard.spring;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

import java.util.Locale;

/**
 * Hibernate's schema setting as the application configured it: Boot's {@code spring.jpa.hibernate.ddl-auto}, or
 * Hibernate's own {@code hibernate.hbm2ddl.auto} / JPA's {@code jakarta.persistence.schema-generation.database.action}
 * passed through {@code spring.jpa.properties}.
 *
 * @param property the key it was found under
 * @param value    its value, trimmed
 */
record HibernateDdlAuto(String property, String value) {

    private static final String[] PROPERTIES = {"spring.jpa.hibernate.ddl-auto",
            "spring.jpa.properties.hibernate.hbm2ddl.auto",
            "spring.jpa.properties.jakarta.persistence.schema-generation.database.action"};

    /** The first of the keys that is set, or null when none is (Boot then picks its own default). */
    static HibernateDdlAuto of(Environment environment) {
        Binder binder = Binder.get(environment);
        for (String property : PROPERTIES) {
            String value = binder.bind(property, String.class).orElse(null);
            if (value != null && !value.isBlank()) {
                return new HibernateDdlAuto(property, value.trim());
            }
        }
        return null;
    }

    /** Whether this value drops or changes tables: create, create-drop, drop, update (and JPA's drop-and-create). */
    boolean changesTheSchema() {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "create", "create-drop", "drop", "update", "drop-and-create" -> true;
            default -> false;
        };
    }
}
