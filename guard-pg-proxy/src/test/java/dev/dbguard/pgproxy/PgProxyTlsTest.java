package dev.dbguard.pgproxy;

import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.StatementGuard;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.util.PSQLException;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * TLS on both sides, against an embedded PostgreSQL of the test's own with {@code ssl=on} and a certificate made at
 * test time, whose pg_hba.conf accepts TLS only and asks user {@code app} for a SCRAM-SHA-256 password, so the
 * server offers {@code SCRAM-SHA-256-PLUS}, which the proxy must not relay.
 */
@Timeout(120)
@ExtendWith(NoLeaks.class)
class PgProxyTlsTest {

    private static final String PASSWORD = "tls-test-secret";
    private static Path directory;
    private static TlsFiles tls;
    private static EmbeddedPostgres server;
    private static InetSocketAddress upstream;
    private static PgProxy proxy;

    @BeforeAll
    static void start() throws Exception {
        directory = Files.createTempDirectory("dbguard-pg-proxy-tls-");
        tls = TlsFiles.create(directory, "dbguard test CA");
        Path data = directory.resolve("data");
        // PostgreSQL wants its key readable by its own user only
        Files.setPosixFilePermissions(tls.serverKey, PosixFilePermissions.fromString("rw-------"));
        server = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60))
                .setDataDirectory(data)
                .setServerConfig("ssl", "on")
                .setServerConfig("ssl_cert_file", tls.serverCertificate.toString())
                .setServerConfig("ssl_key_file", tls.serverKey.toString())
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(directory.resolve("server.log").toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(directory.resolve("server.log").toFile()))
                .start();
        upstream = new InetSocketAddress("127.0.0.1", server.getPort());
        try (Connection admin = server.getPostgresDatabase().getConnection();
             Statement statement = admin.createStatement()) {
            statement.execute("SET password_encryption = 'scram-sha-256'");
            statement.execute("CREATE ROLE app LOGIN PASSWORD '" + PASSWORD + "'");
            statement.execute("CREATE TABLE public.accounts (id int)");
            statement.execute("INSERT INTO public.accounts VALUES (1), (2)");
            statement.execute("GRANT ALL ON public.accounts TO app");
        }
        Files.writeString(data.resolve("pg_hba.conf"), String.join("\n",
                "local all all trust",
                "hostssl all postgres 127.0.0.1/32 trust",
                "hostssl all app 127.0.0.1/32 scram-sha-256",
                "host all all 127.0.0.1/32 reject", ""));
        try (Connection admin = server.getPostgresDatabase().getConnection();
             Statement statement = admin.createStatement()) {
            statement.execute("SELECT pg_reload_conf()");
        }
        StatementGuard guard = new StatementGuard(GuardConfig.builder().environment("production", "test").build());
        Route both = new Route("tls", new InetSocketAddress("127.0.0.1", 0), upstream, Route.DEFAULT_MAX_MESSAGE_LENGTH)
                .withClientTls(ClientTls.of(tls.serverCertificate, tls.serverKey, false))
                .withUpstreamTls(UpstreamTls.of(UpstreamTls.SslMode.VERIFY_FULL, tls.caCertificate));
        Route required = both.withClientTls(ClientTls.of(tls.serverCertificate, tls.serverKey, true));
        Route plainClients = new Route("plain-clients", new InetSocketAddress("127.0.0.1", 0), upstream,
                Route.DEFAULT_MAX_MESSAGE_LENGTH).withUpstreamTls(UpstreamTls.of(UpstreamTls.SslMode.REQUIRE, null));
        TlsFiles otherCa = TlsFiles.create(Files.createDirectories(directory.resolve("other")), "another CA");
        Route wrongCa = plainClients.withUpstreamTls(UpstreamTls.of(UpstreamTls.SslMode.VERIFY_FULL,
                otherCa.caCertificate));
        Route noTls = new Route("no-tls", new InetSocketAddress("127.0.0.1", 0), upstream,
                Route.DEFAULT_MAX_MESSAGE_LENGTH);
        proxy = PgProxy.start(List.of(both, rename(required, "required"), plainClients, rename(wrongCa, "wrong-ca"),
                noTls), guard);
    }

    private static Route rename(Route route, String name) {
        return new Route(name, route.listen(), route.upstream(), route.maxMessageLength(), route.connectTimeoutMillis(),
                route.mode(), route.replicationAllowed(), route.clientTls(), route.upstreamTls(), route.idleTimeout());
    }

    @AfterAll
    static void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void pgjdbcWithVerifyFullThroughTheProxyReachesTheServerOverTls() throws Exception {
        for (String negotiation : new String[] {"postgres", "direct"}) {
            Properties properties = app("verify-full");
            properties.setProperty("sslNegotiation", negotiation);
            try (Connection connection = connect("tls", properties); Statement statement = connection.createStatement()) {
                try (ResultSet rows = statement.executeQuery(
                        "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
                    rows.next();
                    assertThat(rows.getBoolean(1)).as("the upstream connection is TLS").isTrue();
                }
                PSQLException refused = catchThrowableOfType(PSQLException.class,
                        () -> statement.execute("DELETE FROM public.accounts"));
                assertThat(refused.getSQLState()).as(negotiation).isEqualTo("42501");
            }
        }
        assertThat(accounts()).isEqualTo(2);
    }

    @Test
    void scramChannelBindingIsNotOfferedThroughTheProxy() throws Exception {
        try (WireClient client = new WireClient(proxy.address("plain-clients").getPort())) {
            client.send(WireClient.startup(3 << 16, "user", "app", "database", "postgres"));
            byte[] sasl = client.readUntil('R');
            assertThat(java.nio.ByteBuffer.wrap(sasl).getInt()).isEqualTo(10);
            assertThat(mechanisms(sasl)).containsExactly("SCRAM-SHA-256");
        }
        Properties plain = app("disable");
        plain.setProperty("channelBinding", "prefer");
        try (Connection connection = connect("plain-clients", plain); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM public.accounts")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(2);
        }
    }

    @Test
    void scramThroughTlsOnBothSidesNeedsChannelBindingOff() throws Exception {
        // A client on TLS that is offered no -PLUS mechanism says so in its first SCRAM message ("y"); a server on
        // TLS takes that for a downgrade attack. The message is covered by the client's proof: the proxy cannot
        // change it. Such clients connect with channel_binding=disable (libpq) / channelBinding=disable (PgJDBC).
        Properties prefer = app("require");
        prefer.setProperty("channelBinding", "prefer");
        PSQLException refused = catchThrowableOfType(PSQLException.class, () -> connect("tls", prefer).close());
        assertThat(refused.getMessage()).contains("SCRAM channel binding negotiation error");
        try (Connection connection = connect("tls", app("require"))) {
            assertThat(connection.isValid(5)).isTrue();
        }
    }

    @Test
    void cancelReachesTheServerThroughTlsOnBothSides() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (Connection connection = connect("tls", app("verify-full"));
             Statement statement = connection.createStatement()) {
            Future<?> sleeping = executor.submit(() -> statement.execute("SELECT pg_sleep(30)"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            boolean active = false;
            try (Connection admin = server.getPostgresDatabase().getConnection();
                 Statement watch = admin.createStatement()) {
                while (!active && System.nanoTime() < deadline) {
                    try (ResultSet rows = watch.executeQuery("SELECT count(*) FROM pg_stat_activity"
                            + " WHERE query = 'SELECT pg_sleep(30)' AND state = 'active'")) {
                        rows.next();
                        active = rows.getInt(1) > 0;
                    }
                    Thread.sleep(50);
                }
            }
            assertThat(active).as("the query started on the server").isTrue();
            statement.cancel();
            ExecutionException cancelled = catchThrowableOfType(
                    ExecutionException.class, () -> sleeping.get(20,
                            TimeUnit.SECONDS));
            assertThat(((SQLException) cancelled.getCause()).getSQLState()).isEqualTo("57014");
            assertThat(connection.isValid(5)).isTrue();
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aRouteThatRequiresTlsRefusesPlainTextClients() throws Exception {
        PSQLException refused = catchThrowableOfType(PSQLException.class,
                () -> connect("required", app("disable")).close());
        assertThat(refused.getSQLState()).isEqualTo("28000");
        assertThat(refused.getMessage()).contains("route 'required' requires TLS");
        try (Connection connection = connect("required", app("require"))) {
            assertThat(connection.isValid(5)).isTrue();
        }
    }

    @Test
    void withoutClientTlsSslRequestIsAnsweredNoAndDirectTlsIsClosed() throws Exception {
        PSQLException refused = catchThrowableOfType(PSQLException.class,
                () -> connect("no-tls", app("require")).close());
        assertThat(refused.getMessage()).contains("The server does not support SSL");
        try (Socket socket = new Socket("127.0.0.1", proxy.address("no-tls").getPort())) {
            socket.setSoTimeout(10_000);
            // the start of a TLS ClientHello record
            socket.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x00, (byte) 0xc8, 0x01, 0x00, 0x00});
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            assertThat(in.read()).as("closed without an answer").isEqualTo(-1);
        }
    }

    @Test
    void anUpstreamCertificateOfAnotherCaIsACleanConnectionError() {
        PSQLException refused = catchThrowableOfType(PSQLException.class,
                () -> connect("wrong-ca", app("disable")).close());
        assertThat(refused.getSQLState()).isEqualTo("08001");
        assertThat(refused.getMessage()).contains("could not connect to upstream 127.0.0.1:" + upstream.getPort(),
                "route 'wrong-ca'");
    }

    private static Properties app(String sslmode) {
        Properties properties = new Properties();
        properties.setProperty("user", "app");
        properties.setProperty("password", PASSWORD);
        properties.setProperty("sslmode", sslmode);
        properties.setProperty("sslrootcert", tls.caCertificate.toString());
        // TLS on both sides of the proxy: channel binding cannot work (see scramThroughTlsOnBothSides...)
        properties.setProperty("channelBinding", "disable");
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("socketTimeout", "30");
        return properties;
    }

    private static Connection connect(String route, Properties properties) throws SQLException {
        // verify-full checks the proxy's certificate against the host name: 127.0.0.1 is in its names
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + proxy.address(route).getPort()
                + "/postgres", properties);
    }

    private static int accounts() throws SQLException {
        try (Connection admin = server.getPostgresDatabase().getConnection();
             Statement statement = admin.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM public.accounts")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static List<String> mechanisms(byte[] body) {
        List<String> names = new ArrayList<>();
        int at = 4;
        while (at < body.length && body[at] != 0) {
            int end = at;
            while (body[end] != 0) {
                end++;
            }
            names.add(new String(body, at, end - at, StandardCharsets.UTF_8));
            at = end + 1;
        }
        return names;
    }
}
