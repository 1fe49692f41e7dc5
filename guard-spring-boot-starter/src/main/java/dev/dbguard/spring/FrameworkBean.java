package dev.dbguard.spring;

/**
 * The beans through which frameworks change a schema while the application starts, recognised by class name so
 * that none of the frameworks has to be on the class path.
 */
enum FrameworkBean {

    /** Spring Boot's {@code spring.sql.init} initializer (same class name in Boot 3.5 and 4). */
    SQL_INIT("org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer"),
    /** The JPA entity manager factory, whose initialisation runs Hibernate's schema management. */
    JPA("org.springframework.orm.jpa.AbstractEntityManagerFactoryBean"),
    /** Flyway itself; Boot migrates right after creating it. */
    FLYWAY("org.flywaydb.core.Flyway"),
    /** Liquibase's Spring integration, which updates the schema when it is initialised. */
    LIQUIBASE("liquibase.integration.spring.SpringLiquibase");

    private final String className;

    FrameworkBean(String className) {
        this.className = className;
    }

    /** Which of these {@code bean} is (by its class or a superclass), or null. */
    static FrameworkBean of(Object bean) {
        for (Class<?> type = bean.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (FrameworkBean candidate : values()) {
                if (candidate.className.equals(type.getName())) {
                    return candidate;
                }
            }
        }
        return null;
    }
}
