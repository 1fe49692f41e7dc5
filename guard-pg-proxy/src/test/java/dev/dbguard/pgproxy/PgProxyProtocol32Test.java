package dev.dbguard.pgproxy;

import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.StatementGuard;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Protocol 3.2 (PostgreSQL 18 clients): the startup version is relayed as sent and the server's
 * {@code NegotiateProtocolVersion} reaches the client (this server speaks 3.0), and a CancelRequest with 3.2's
 * longer key reaches the upstream byte for byte.
 */
@Timeout(60)
@ExtendWith(NoLeaks.class)
class PgProxyProtocol32Test {

    private static final int PROTOCOL_3_2 = 3 << 16 | 2;
    private static ProxiedPostgres pg;

    @BeforeAll
    static void start() throws Exception {
        pg = new ProxiedPostgres("proxy_protocol32");
    }

    @AfterAll
    static void stop() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void aProtocol32StartupIsRelayedAndTheServersNegotiationPassesThrough() throws Exception {
        pg.direct("CREATE TABLE kept (x int)");
        try (WireClient client = new WireClient(pg.port())) {
            client.send(WireClient.startup(PROTOCOL_3_2, "user", pg.database.user(), "database", pg.databaseName));
            byte[] negotiation = client.readUntil('v');
            // the newest version the server supports (3.0 here), then the options it did not recognise
            assertThat(ByteBuffer.wrap(negotiation).getInt()).isEqualTo(3 << 16);
            client.readUntil('Z');
            client.send(WireClient.query("DROP TABLE " + pg.schema + ".kept"));
            Map<Character, String> refused = WireClient.fields(client.readUntil('E'));
            assertThat(refused).containsEntry('C', "42501");
            assertThat(client.readUntil('Z')).containsExactly((byte) 'I');
        }
        assertThat(pg.exists("kept")).isTrue();
    }

    @Test
    void aCancelRequestWithALongKeyIsForwardedUnchanged() throws Exception {
        try (ServerSocket upstream = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            StatementGuard guard = new StatementGuard(GuardConfig.builder().environment("production", "test").build());
            try (PgProxy proxy = PgProxy.start("cancel32", new InetSocketAddress("127.0.0.1", 0),
                    new InetSocketAddress("127.0.0.1", upstream.getLocalPort()), guard)) {
                CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> {
                    try (Socket accepted = upstream.accept()) {
                        accepted.setSoTimeout(10_000);
                        DataInputStream in = new DataInputStream(accepted.getInputStream());
                        int length = in.readInt();
                        byte[] rest = new byte[length - 4];
                        in.readFully(rest);
                        return ByteBuffer.allocate(length).putInt(length).put(rest).array();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                byte[] key = new byte[32];
                Arrays.fill(key, (byte) 0x5a);
                ByteArrayOutputStream cancel = new ByteArrayOutputStream();
                cancel.writeBytes(ByteBuffer.allocate(12).putInt(12 + key.length).putInt(StartupPacket.CANCEL_REQUEST)
                        .putInt(4242).array());
                cancel.writeBytes(key);
                try (Socket client = new Socket("127.0.0.1", proxy.address().getPort())) {
                    client.setSoTimeout(10_000);
                    client.getOutputStream().write(cancel.toByteArray());
                    client.getOutputStream().flush();
                    assertThat(received.get(10, TimeUnit.SECONDS)).containsExactly(cancel.toByteArray());
                    InputStream in = client.getInputStream();
                    assertThat(in.read()).as("the proxy closes the cancel connection").isEqualTo(-1);
                }
            }
        }
    }
}
