package dev.dbguard.spring;

import dev.dbguard.DbGuard;
import org.springframework.beans.factory.ObjectProvider;

import javax.sql.DataSource;

/**
 * The data sources Spring Boot builds for a schema tool of its own when {@code spring.flyway.url} /
 * {@code spring.flyway.user} or {@code spring.liquibase.url} / {@code spring.liquibase.user} are set. They are not
 * beans, so the data source post-processor never sees them; without this, the one tool most likely to drop a
 * production table would bypass the guard exactly when it has a connection of its own.
 */
final class MigrationDataSources {

    /** The name such a data source has in audit events, metrics and the endpoint. */
    static final String FLYWAY = "flywayDataSource";

    /** The name such a data source has in audit events, metrics and the endpoint. */
    static final String LIQUIBASE = "liquibaseDataSource";

    private final ObjectProvider<GuardedDataSources> guardedDataSources;

    MigrationDataSources(ObjectProvider<GuardedDataSources> guardedDataSources) {
        this.guardedDataSources = guardedDataSources;
    }

    /**
     * {@code dataSource} guarded under {@code name}, or unchanged when it is null, already guarded (the application's
     * own data source bean, or a {@code @FlywayDataSource}/{@code @LiquibaseDataSource} bean) or excluded by
     * {@code dbguard.exclude-beans}.
     */
    DataSource guard(String name, DataSource dataSource) {
        if (dataSource == null || DbGuard.isGuarded(dataSource)) {
            return dataSource;
        }
        GuardedDataSources guards = guardedDataSources.getObject();
        return guards.isExcluded(name) ? dataSource : guards.guard(name, dataSource);
    }
}
