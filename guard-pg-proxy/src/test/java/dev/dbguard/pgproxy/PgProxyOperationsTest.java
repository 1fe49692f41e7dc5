package dev.dbguard.pgproxy;

import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.StatementGuard;
import dev.dbguard.core.audit.AuditEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.util.PSQLException;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Running it: the admin port's /metrics and /health, idle sessions closed, and audit events that name the client
 * in place of a Java caller.
 */
@Timeout(60)
@ExtendWith(NoLeaks.class)
class PgProxyOperationsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<AuditEvent> EVENTS = new CopyOnWriteArrayList<>();
    private static ProxiedPostgres pg;
    private static PgProxy proxy;

    @BeforeAll
    static void start() throws Exception {
        pg = new ProxiedPostgres("proxy_operations");
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        StatementGuard guard = new StatementGuard(GuardConfig.builder().environment("production", "test")
                .auditSink(EVENTS::add).build());
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        proxy = PgProxy.start(List.of(
                new Route("ops", any, pg.upstream, Route.DEFAULT_MAX_MESSAGE_LENGTH),
                new Route("idle", any, pg.upstream, Route.DEFAULT_MAX_MESSAGE_LENGTH)
                        .withIdleTimeout(Duration.ofSeconds(1)),
                new Route("down", any, new InetSocketAddress("127.0.0.1", closedPort),
                        Route.DEFAULT_MAX_MESSAGE_LENGTH)), guard, any);
        pg.direct("CREATE TABLE ledger (id int)", "INSERT INTO ledger VALUES (1)");
    }

    @AfterAll
    static void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void metricsCountStatementsConnectionsRefusalsErrorsAndBytes() throws Exception {
        try (Connection connection = connect("ops", "ops-metrics"); Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT count(*) FROM ledger").close();
            catchThrowableOfType(PSQLException.class, () -> statement.execute("DROP TABLE ledger"));
            String open = admin("/metrics").body();
            assertThat(value(open, "dbguard_proxy_connections_open{route=\"ops\"}")).isGreaterThanOrEqualTo(1);
        }
        try (WireClient replica = new WireClient(proxy.address("ops").getPort())) {
            replica.send(WireClient.startup(3 << 16, "user", pg.database.user(), "replication", "true"));
            replica.readUntil('E');
        }
        catchThrowableOfType(PSQLException.class, () -> connect("down", "ops-down").close());

        HttpResponse<String> metrics = admin("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("content-type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/plain"));
        String body = metrics.body();
        assertThat(value(body, "dbguard_statements_total{datasource=\"ops\",decision=\"block\",rule=\"drop\"}"))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(body, "dbguard_statements_total{datasource=\"ops\",decision=\"allow\",rule=\"none\"}"))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(body, "dbguard_proxy_connections_total{route=\"ops\"}")).isGreaterThanOrEqualTo(2);
        assertThat(value(body, "dbguard_proxy_connections_refused_total{reason=\"replication\",route=\"ops\"}"))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(body, "dbguard_proxy_upstream_errors_total{route=\"down\"}")).isGreaterThanOrEqualTo(1);
        assertThat(value(body, "dbguard_proxy_relayed_bytes_total{direction=\"to-server\",route=\"ops\"}"))
                .isGreaterThan(100);
        assertThat(value(body, "dbguard_proxy_relayed_bytes_total{direction=\"to-client\",route=\"ops\"}"))
                .isGreaterThan(100);
        assertThat(pg.count("ledger")).isEqualTo(1);
    }

    @Test
    void healthIsUpAndOtherPathsAreNotFound() throws Exception {
        HttpResponse<String> health = admin("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}\n");
        assertThat(admin("/admin").statusCode()).isEqualTo(404);
    }

    @Test
    void anIdleSessionIsClosedButARunningQueryIsNot() throws Exception {
        try (Connection connection = connect("idle", "ops-idle"); Statement statement = connection.createStatement()) {
            // two seconds of silence both ways while the server works: not idle
            statement.executeQuery("SELECT pg_sleep(2)").close();
            Thread.sleep(2_500);
            PSQLException closed = catchThrowableOfType(PSQLException.class,
                    () -> statement.executeQuery("SELECT 1").close());
            assertThat(closed.getMessage()).contains("idle for 1 s on route 'idle' (idle timeout)");
        }
    }

    @Test
    void auditEventsNameTheClientAsTheCaller() throws Exception {
        try (Connection connection = connect("ops", "ops-audit"); Statement statement = connection.createStatement()) {
            catchThrowableOfType(PSQLException.class, () -> statement.execute("TRUNCATE ledger"));
        }
        AuditEvent event = EVENTS.stream().filter(e -> e.sql().startsWith("TRUNCATE")).findFirst().orElseThrow();
        assertThat(event.caller()).matches("client 127\\.0\\.0\\.1:\\d+ user=" + pg.database.user() + " database="
                + pg.databaseName + " application_name=ops-audit route=ops");
        assertThat(pg.count("ledger")).isEqualTo(1);
    }

    private static HttpResponse<String> admin(String path) throws Exception {
        InetSocketAddress address = proxy.adminAddress();
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + address.getPort() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double value(String scrape, String series) {
        Matcher matcher = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(scrape);
        assertThat(matcher.find()).as(series + " in\n" + scrape).isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    private static Connection connect(String route, String applicationName) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("ApplicationName", applicationName);
        return pg.connect(proxy.address(route).getPort(), properties);
    }
}
