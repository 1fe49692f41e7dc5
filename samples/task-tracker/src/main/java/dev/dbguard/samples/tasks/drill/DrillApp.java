package dev.dbguard.samples.tasks.drill;

import dev.dbguard.samples.tasks.PostgresDatabase;
import dev.dbguard.samples.tasks.TaskTrackerApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The task tracker, started for one pass of the drill: the real application (web server, Flyway, JPA, the dbguard
 * starter) with {@code dbguard.env} set on its command line, on a random port, logging only dbguard's lines.
 */
final class DrillApp implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final AuditRecorder audit;
    private final CapturedLog log;
    private final URI uri;
    private final HttpClient http = HttpClient.newHttpClient();

    private DrillApp(ConfigurableApplicationContext context, AuditRecorder audit, CapturedLog log) {
        this.context = context;
        this.audit = audit;
        this.log = log;
        this.uri = URI.create("http://localhost:" + context.getEnvironment().getProperty("local.server.port") + "/");
    }

    /** Starts the application against {@code schema} with {@code dbguard.env=environment}. */
    static DrillApp start(String environment, PostgresDatabase database, String schema, boolean verbose) {
        AuditRecorder audit = new AuditRecorder();
        CapturedLog log = new CapturedLog(verbose);
        List<String> args = new ArrayList<>(List.of(
                "--dbguard.env=" + environment,
                "--spring.datasource.url=" + database.jdbcUrl(schema),
                "--spring.flyway.schemas=" + schema,
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--spring.main.log-startup-info=false",
                "--logging.level.root=" + (verbose ? "INFO" : "OFF")));
        if (database.user() != null) {
            args.add("--spring.datasource.username=" + database.user());
        }
        if (database.password() != null) {
            args.add("--spring.datasource.password=" + database.password());
        }
        SpringApplication application = new SpringApplication(TaskTrackerApplication.class);
        // One more audit sink, as any application may add: the drill's way of telling what each attempt caused.
        application.addInitializers(context -> context.getBeanFactory().registerSingleton("drillAuditRecorder", audit));
        application.addListeners(new ApplicationListener<ApplicationEvent>() {
            @Override
            public void onApplicationEvent(ApplicationEvent event) {
                if (event instanceof ApplicationPreparedEvent) {
                    log.attach();
                }
            }
        });
        try {
            return new DrillApp(application.run(args.toArray(String[]::new)), audit, log);
        } catch (RuntimeException e) {
            log.detach();
            throw e;
        }
    }

    JdbcTemplate jdbcTemplate() {
        return context.getBean(JdbcTemplate.class);
    }

    /** The application's data source, as the starter guards it. */
    DataSource dataSource() {
        return context.getBean(DataSource.class);
    }

    AuditRecorder audit() {
        return audit;
    }

    CapturedLog log() {
        return log;
    }

    /** Sends {@code method path} to the application; returns the status and body. */
    HttpResponse<String> call(String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri.resolve(path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * {@code GET /actuator/dbguard}, for the application's data source: environment, mode and the counters that
     * are not zero.
     */
    EndpointReport endpoint() throws IOException, InterruptedException {
        HttpResponse<String> response = call("GET", "actuator/dbguard");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /actuator/dbguard answered HTTP " + response.statusCode());
        }
        JsonNode dataSource = JsonMapper.builder().build().readTree(response.body()).path("dataSources")
                .path("dataSource");
        Map<String, Long> counters = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> counter : dataSource.path("counters").properties()) {
            if (counter.getValue().asLong() != 0) {
                counters.put(counter.getKey(), counter.getValue().asLong());
            }
        }
        return new EndpointReport(dataSource.path("environment").asString(), dataSource.path("mode").asString(),
                counters);
    }

    @Override
    public void close() {
        try {
            context.close();
        } finally {
            log.detach();
        }
    }
}
