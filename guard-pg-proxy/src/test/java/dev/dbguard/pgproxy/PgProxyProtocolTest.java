package dev.dbguard.pgproxy;

import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.StatementGuard;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.util.PSQLException;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What no well-behaved driver sends, and the protocol's edges: malformed and oversized frames close only their own
 * connection with 08P01, replication and unknown protocol versions are refused, an unreachable upstream is a clean
 * 08001, and a CancelRequest reaches the server.
 */
@Timeout(60)
@ExtendWith(NoLeaks.class)
class PgProxyProtocolTest {

    private static final int MAX_MESSAGE = 4096;
    private static ProxiedPostgres pg;

    @BeforeAll
    static void start() throws Exception {
        pg = new ProxiedPostgres("proxy_protocol", MAX_MESSAGE);
    }

    @AfterAll
    static void stop() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void aStartupPacketWithABadLengthClosesOnlyThatConnection() throws Exception {
        try (Connection bystander = pg.connect(); WireClient bad = new WireClient(pg.port())) {
            bad.send(new byte[] {0, 0, 0, 3, 0, 3, 0, 0});
            Map<Character, String> error = WireClient.fields(bad.readUntil('E'));
            assertThat(error).containsEntry('S', "FATAL").containsEntry('C', "08P01");
            assertThat(error.get('M')).contains("protocol violation", "invalid length of startup packet");
            assertThat(bad.closedByPeer()).isTrue();
            assertThat(selectOne(bystander)).isEqualTo(1);
        }
    }

    @Test
    void aTypedMessageWithABadLengthAfterStartupClosesOnlyThatConnection() throws Exception {
        try (Connection bystander = pg.connect(); WireClient bad = authenticated()) {
            bad.send(new byte[] {'Q', 0, 0, 0, 2, 'x'});
            Map<Character, String> error = WireClient.fields(bad.readUntil('E'));
            assertThat(error).containsEntry('S', "FATAL").containsEntry('C', "08P01");
            assertThat(error.get('M')).contains("invalid message length 2 for message type 'Q'");
            assertThat(bad.closedByPeer()).isTrue();
            assertThat(selectOne(bystander)).isEqualTo(1);
        }
        assertThat(selectOne(pg.connect())).isEqualTo(1);
    }

    @Test
    void aMessageLongerThanTheBoundClosesThatConnection() throws Exception {
        try (Connection bystander = pg.connect(); WireClient big = authenticated()) {
            big.send(new byte[] {'Q', 0, 1, 0, 0}); // 65,536 bytes announced, only the header sent
            Map<Character, String> error = WireClient.fields(big.readUntil('E'));
            assertThat(error).containsEntry('C', "08P01");
            assertThat(error.get('M')).contains("longer than the proxy's limit of " + MAX_MESSAGE + " bytes");
            assertThat(big.closedByPeer()).isTrue();
            assertThat(selectOne(bystander)).isEqualTo(1);
        }
    }

    @Test
    void aStringWithoutItsTerminatorIsAProtocolViolation() throws Exception {
        try (WireClient bad = authenticated()) {
            bad.send(new byte[] {'Q', 0, 0, 0, 6, 'D', 'R'});
            Map<Character, String> error = WireClient.fields(bad.readUntil('E'));
            assertThat(error).containsEntry('C', "08P01");
            assertThat(error.get('M')).contains("invalid Query message");
            assertThat(bad.closedByPeer()).isTrue();
        }
    }

    @Test
    void aRefusedQueryOnTheWireIsAnErrorThenReadyForQuery() throws Exception {
        pg.direct("CREATE TABLE IF NOT EXISTS wire (x int)");
        try (WireClient client = authenticated()) {
            client.send(query("DROP TABLE " + pg.schema + ".wire"));
            Map<Character, String> error = WireClient.fields(client.readUntil('E'));
            assertThat(error).containsEntry('S', "ERROR").containsEntry('V', "ERROR").containsEntry('C', "42501");
            assertThat(error.get('M')).startsWith("dbguard: refused DROP TABLE " + pg.schema + ".wire");
            assertThat(error).containsKey('H').doesNotContainKey('P');
            assertThat(client.readUntil('Z')).containsExactly((byte) 'I');
        }
        assertThat(pg.exists("wire")).isTrue();
    }

    @Test
    void aQuerySentTogetherWithTheStartupIsMatchedWithItsOwnAnswer() throws Exception {
        pg.direct("CREATE TABLE IF NOT EXISTS eager (x int)");
        try (WireClient client = new WireClient(pg.port())) {
            ByteArrayOutputStream both = new ByteArrayOutputStream();
            both.writeBytes(WireClient.startup(3 << 16, "user", pg.database.user(), "database", pg.databaseName));
            both.writeBytes(query("TRUNCATE " + pg.schema + ".eager"));
            client.send(both.toByteArray());
            assertThat(client.readUntil('Z')).containsExactly((byte) 'I');
            Map<Character, String> error = WireClient.fields(client.readUntil('E'));
            assertThat(error).containsEntry('C', "42501");
            assertThat(error.get('M')).startsWith("dbguard: refused TRUNCATE " + pg.schema + ".eager");
            assertThat(client.readUntil('Z')).containsExactly((byte) 'I');
        }
        assertThat(pg.exists("eager")).isTrue();
    }

    @Test
    void anUnknownProtocolVersionIsRefused() throws Exception {
        try (WireClient old = new WireClient(pg.port())) {
            old.send(WireClient.startup(2 << 16, "user", pg.database.user()));
            Map<Character, String> error = WireClient.fields(old.readUntil('E'));
            assertThat(error).containsEntry('C', "08P01");
            assertThat(error.get('M')).contains("unsupported frontend protocol 2.0");
            assertThat(old.closedByPeer()).isTrue();
        }
    }

    @Test
    void sslRequestIsAnsweredNoAndTheSessionContinuesInPlainText() throws Exception {
        try (WireClient client = new WireClient(pg.port())) {
            client.send(new byte[] {0, 0, 0, 8, 0x04, (byte) 0xd2, 0x16, 0x2f});
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            answer.write(client.readByte());
            assertThat(answer.toByteArray()).containsExactly((byte) 'N');
            client.send(WireClient.startup(3 << 16, "user", pg.database.user(), "database", pg.databaseName));
            client.readUntil('Z');
            client.send(query("SELECT 1"));
            assertThat(client.readUntil('Z')).containsExactly((byte) 'I');
        }
    }

    @Test
    void replicationConnectionsAreRefused() throws Exception {
        try (WireClient replica = new WireClient(pg.port())) {
            replica.send(WireClient.startup(3 << 16, "user", pg.database.user(), "replication", "database"));
            Map<Character, String> error = WireClient.fields(replica.readUntil('E'));
            assertThat(error).containsEntry('S', "FATAL").containsEntry('C', "42501");
            assertThat(error.get('M')).contains("replication connections are not relayed");
        }
    }

    @Test
    void anUnreachableUpstreamIsACleanConnectionError() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        StatementGuard guard = new StatementGuard(GuardConfig.builder().environment("production", "test").build());
        try (PgProxy proxy = PgProxy.start("down", new InetSocketAddress("127.0.0.1", 0),
                new InetSocketAddress("127.0.0.1", closedPort), guard)) {
            Properties properties = new Properties();
            properties.setProperty("user", pg.database.user());
            properties.setProperty("connectTimeout", "10");
            PSQLException refused = catchThrowableOfType(PSQLException.class, () -> DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + proxy.address().getPort() + "/" + pg.databaseName, properties));
            assertThat(refused.getSQLState()).isEqualTo("08001");
            assertThat(refused.getMessage()).contains("could not connect to upstream 127.0.0.1:" + closedPort,
                    "route 'down'");
        }
    }

    @Test
    void aStagingRouteRunsWhatProductionRefusesAndAuditsIt() throws Exception {
        pg.direct("CREATE TABLE IF NOT EXISTS staged (x int)");
        java.util.List<dev.dbguard.core.audit.AuditEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        StatementGuard guard = new StatementGuard(GuardConfig.builder().environment("staging", "test")
                .auditSink(events::add).build());
        try (PgProxy proxy = PgProxy.start("staging", new InetSocketAddress("127.0.0.1", 0), pg.upstream, guard)) {
            Properties properties = new Properties();
            properties.setProperty("user", pg.database.user());
            properties.setProperty("password", pg.database.password());
            properties.setProperty("connectTimeout", "10");
            try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:"
                    + proxy.address().getPort() + "/" + pg.databaseName, properties);
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE " + pg.schema + ".staged");
            }
        }
        assertThat(pg.exists("staged")).isFalse();
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.outcome()).isEqualTo(dev.dbguard.core.audit.Outcome.AUDITED);
            assertThat(event.ruleId()).isEqualTo("drop");
            assertThat(event.dataSource()).startsWith("staging (client 127.0.0.1:");
        });
    }

    @Test
    void shutdownStopsAcceptingAndLetsOpenSessionsFinish() throws Exception {
        StatementGuard guard = new StatementGuard(GuardConfig.builder().environment("production", "test").build());
        PgProxy proxy = PgProxy.start("drain", new InetSocketAddress("127.0.0.1", 0), pg.upstream, guard);
        int port = proxy.address().getPort();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Properties properties = new Properties();
            properties.setProperty("user", pg.database.user());
            properties.setProperty("password", pg.database.password());
            properties.setProperty("connectTimeout", "10");
            String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + pg.databaseName;
            Connection open = DriverManager.getConnection(url, properties);
            Future<?> stopping = executor.submit(() -> proxy.shutdown(java.time.Duration.ofSeconds(60)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            boolean refused = false;
            while (!refused && System.nanoTime() < deadline) {
                try (java.net.Socket probe = new java.net.Socket("127.0.0.1", port)) {
                    Thread.sleep(20);
                } catch (java.net.ConnectException e) {
                    refused = true;
                }
            }
            assertThat(refused).as("new connections refused once shutting down").isTrue();
            assertThat(stopping.isDone()).isFalse();
            assertThat(selectOne(open)).isEqualTo(1); // closes the session: the drain ends
            stopping.get(30, TimeUnit.SECONDS);
            assertThat(proxy.openSessions()).isZero();
        } finally {
            proxy.close();
            executor.shutdownNow();
        }
    }

    @Test
    void cancelReachesTheServer() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (Connection connection = pg.connect(); Statement statement = connection.createStatement()) {
            Future<?> sleeping = executor.submit(() -> statement.execute("SELECT pg_sleep(30)"));
            waitUntilSleeping();
            statement.cancel();
            assertThatThrownBy(() -> sleeping.get(20, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(PSQLException.class)
                    .cause().extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("57014");
            assertThat(selectOne(connection)).isEqualTo(1);
        } finally {
            executor.shutdownNow();
            assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static void waitUntilSleeping() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        try (Connection direct = pg.database.connect(); Statement statement = direct.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE"
                        + " application_name = 'pg-proxy-test' AND query = 'SELECT pg_sleep(30)'"
                        + " AND state = 'active'")) {
                    rows.next();
                    if (rows.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("the query never started on the server");
    }

    private static WireClient authenticated() throws Exception {
        WireClient client = new WireClient(pg.port());
        client.send(WireClient.startup(3 << 16, "user", pg.database.user(), "database", pg.databaseName));
        client.readUntil('Z');
        return client;
    }

    private static byte[] query(String sql) {
        byte[] text = sql.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('Q');
        int length = text.length + 5;
        out.write(length >>> 24);
        out.write(length >>> 16);
        out.write(length >>> 8);
        out.write(length);
        out.writeBytes(text);
        out.write(0);
        return out.toByteArray();
    }

    private static int selectOne(Connection connection) throws SQLException {
        try (connection; Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT 1")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
