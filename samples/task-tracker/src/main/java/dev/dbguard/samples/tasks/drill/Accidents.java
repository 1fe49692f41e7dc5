package dev.dbguard.samples.tasks.drill;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.dbguard.DbGuard;
import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.audit.AuditFormat;
import dev.dbguard.core.audit.AuditSink;
import dev.dbguard.core.audit.Slf4jAuditSink;
import dev.dbguard.samples.tasks.PostgresDatabase;
import dev.dbguard.samples.tasks.Project;
import dev.dbguard.samples.tasks.Task;
import org.flywaydb.core.Flyway;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * The code that causes each accident, written as the culprits write it. Each method sends its SQL directly, so the
 * audit lines name it as the caller ({@code caller=...Accidents.truncateBeforeATest(Accidents.java:57)}).
 */
final class Accidents {

    private final DrillApp app;
    private final PostgresDatabase database;
    private final String schema;

    Accidents(DrillApp app, PostgresDatabase database, String schema) {
        this.app = app;
        this.database = database;
        this.schema = schema;
    }

    /** The tables an integration-test fixture empties: every table of the schema but Flyway's history. */
    List<String> tablesAFixtureEmpties() {
        return app.jdbcTemplate().queryForList("SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
                + " AND table_name <> 'flyway_schema_history' ORDER BY table_name", String.class);
    }

    /** An integration test's set-up, through the application's own JdbcTemplate. */
    String truncateBeforeATest(String table) {
        app.jdbcTemplate().execute("TRUNCATE TABLE " + table + " RESTART IDENTITY CASCADE");
        return "ran";
    }

    /** An HTTP call to the running application, as an admin's browser or script makes it. */
    String callEndpoint(String method, String path) throws Exception {
        HttpResponse<String> response = app.call(method, path);
        String body = response.body();
        return "HTTP " + response.statusCode() + (response.statusCode() < 300 ? " " + body : "");
    }

    /**
     * Hibernate with {@code hbm2ddl.auto=create-drop} on the application's data source: at start it drops the
     * tables of its entities and creates them again; the caller closes the returned factory.
     */
    SessionFactory hibernateCreateDropStarts() {
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                .applySetting(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, app.dataSource())
                .applySetting(AvailableSettings.HBM2DDL_AUTO, "create-drop")
                .build();
        return new MetadataSources(registry)
                .addAnnotatedClass(Project.class)
                .addAnnotatedClass(Task.class)
                .buildMetadata()
                .buildSessionFactory();
    }

    /** Hibernate's create-drop at shutdown: it drops the tables once more. */
    String hibernateShutsDown(SessionFactory sessionFactory) {
        sessionFactory.close();
        return "closed";
    }

    /** {@code flyway clean} with the application's data source, cleaning enabled "just for this run". */
    String flywayClean() {
        Flyway.configure()
                .dataSource(app.dataSource())
                .schemas(schema)
                .cleanDisabled(false)
                .load()
                .clean();
        return "cleaned";
    }

    /** The next release's migrations, V3 among them, applied with the application's data source. */
    String migrateToTheNextRelease() {
        int applied = Flyway.configure()
                .dataSource(app.dataSource())
                .schemas(schema)
                .locations("classpath:db/migration", "classpath:db/accident")
                .load()
                .migrate()
                .migrationsExecuted;
        return applied + " migration(s) applied";
    }

    /**
     * A developer's tool: HikariCP guarded with {@code DbGuard.wrap}, configured as on the developer's laptop
     * ({@code dbguard.env=development}), with the organisation's production host pattern, while the URL in the
     * developer's env file names a production host. Here the pattern is this database's own host.
     */
    String developerDeletesAllTasks() throws Exception {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(database.jdbcUrl(schema));
        pool.setUsername(database.user());
        pool.setPassword(database.password());
        pool.setMaximumPoolSize(1);
        pool.setPoolName("developer-laptop");
        GuardConfig developerSettings = GuardConfig.builder()
                .environment("development", "dbguard.env in the developer's application-dev.properties")
                .productionUrlPatterns(List.of(database.host()))
                .auditSink(AuditSink.safely(new Slf4jAuditSink(AuditFormat.TEXT), app.audit()))
                .build();
        try (HikariDataSource hikari = new HikariDataSource(pool)) {
            DataSource guarded = DbGuard.wrap(hikari).name("developerLaptop").config(developerSettings).build();
            try (Connection connection = guarded.getConnection(); Statement statement = connection.createStatement()) {
                return statement.executeUpdate("DELETE FROM tasks") + " rows deleted";
            }
        }
    }

    /** A script runner that sends a whole script as one string, through the application's JdbcTemplate. */
    String runScript(String script) {
        app.jdbcTemplate().execute(script);
        return "ran";
    }
}
