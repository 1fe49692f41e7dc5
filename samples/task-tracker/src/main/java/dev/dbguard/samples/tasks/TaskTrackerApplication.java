package dev.dbguard.samples.tasks;

import dev.dbguard.samples.tasks.drill.IncidentDrill;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;

/**
 * A small task tracker guarded by dbguard's Spring Boot starter: Flyway creates {@code projects} and {@code tasks},
 * a REST API reads and adds tasks, and admin endpoints do what admin endpoints sometimes do.
 *
 * <p>{@code --drill} runs the incident drill ({@link IncidentDrill}); without it the application serves HTTP on
 * port 8080 with {@code dbguard.env=production} and {@code /actuator/dbguard} exposed. Both use an embedded
 * PostgreSQL unless {@code --url} or {@code DATABASE_URL} names your own.
 */
@SpringBootApplication
public class TaskTrackerApplication {

    /** The schema the web application works in unless {@code --schema} says otherwise. */
    static final String WEB_SCHEMA = "task_tracker";

    public static void main(String[] args) {
        SampleArguments arguments;
        try {
            arguments = SampleArguments.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("task-tracker: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (arguments.drill()) {
            System.exit(IncidentDrill.runFromCommandLine(arguments, System.out));
        }
        serve(arguments);
    }

    private static void serve(SampleArguments arguments) {
        PostgresDatabase database = arguments.database();
        if (database == null) {
            try {
                // Stopped and deleted by the library's own shutdown hook when the JVM ends.
                database = EmbeddedPostgresServer.start().database();
            } catch (IllegalStateException e) {
                System.err.println("task-tracker: " + e.getMessage());
                System.exit(2);
                return;
            }
        }
        String schema = arguments.schema() != null ? arguments.schema() : WEB_SCHEMA;
        List<String> spring = new ArrayList<>();
        spring.add("--spring.datasource.url=" + database.jdbcUrl(schema));
        if (database.user() != null) {
            spring.add("--spring.datasource.username=" + database.user());
        }
        if (database.password() != null) {
            spring.add("--spring.datasource.password=" + database.password());
        }
        spring.add("--spring.flyway.schemas=" + schema);
        spring.addAll(arguments.spring());
        ConfigurableApplicationContext context = SpringApplication.run(TaskTrackerApplication.class,
                spring.toArray(String[]::new));
        String port = context.getEnvironment().getProperty("local.server.port", "8080");
        System.out.printf("%nTask tracker on http://localhost:%s, data in schema %s of %s.%nTry:%n", port, schema,
                database.description());
        System.out.printf("  curl localhost:%s/tasks%n", port);
        System.out.printf("  curl -X DELETE localhost:%s/admin/tasks            # refused: HTTP 403%n", port);
        System.out.printf("  curl -X DELETE localhost:%s/admin/tasks/cleanup    # WHERE 1=1: refused too%n", port);
        System.out.printf("  curl localhost:%s/actuator/dbguard%n%n", port);
    }
}
