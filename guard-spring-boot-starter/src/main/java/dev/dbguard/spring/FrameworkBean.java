package dev.dbguard.spring;

import java.util.List;

/**
 * The beans through which frameworks change a schema while the application starts, recognised by class name so
 * that none of the frameworks has to be on the class path.
 */
enum FrameworkBean {

    /**
     * Spring Boot's {@code spring.sql.init} initializer (Boot 4 and Boot 3.5 names); not the initializers of
     * Spring Batch, Quartz or Spring Session, which share its superclass but not its settings.
     */
    SQL_INIT("org.springframework.boot.jdbc.autoconfigure.ApplicationDataSourceScriptDatabaseInitializer",
            "org.springframework.boot.autoconfigure.sql.init.SqlDataSourceScriptDatabaseInitializer"),
    /** The JPA entity manager factory, whose initialisation runs Hibernate's schema management. */
    JPA("org.springframework.orm.jpa.AbstractEntityManagerFactoryBean"),
    /** Flyway itself; Boot migrates right after creating it. */
    FLYWAY("org.flywaydb.core.Flyway"),
    /** Liquibase's Spring integration, which updates the schema when it is initialised. */
    LIQUIBASE("liquibase.integration.spring.SpringLiquibase");

    private final List<String> classNames;

    FrameworkBean(String... classNames) {
        this.classNames = List.of(classNames);
    }

    /** Which of these {@code bean} is (by its class or a superclass), or null. */
    static FrameworkBean of(Object bean) {
        for (Class<?> type = bean.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (FrameworkBean candidate : values()) {
                if (candidate.classNames.contains(type.getName())) {
                    return candidate;
                }
            }
        }
        return null;
    }
}
