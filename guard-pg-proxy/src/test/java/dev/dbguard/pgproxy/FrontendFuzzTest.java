package dev.dbguard.pgproxy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and mutated frontend bytes, from a fixed seed so every run sends the same: before and after a valid startup,
 * whole random messages and valid messages with bytes flipped. Each connection must end (no hang, no exception that
 * kills the proxy), a bystander session keeps working, and the table the mutated DROPs name survives.
 */
@Timeout(120)
@ExtendWith(NoLeaks.class)
class FrontendFuzzTest {

    private static final int CONNECTIONS = 300;
    private static ProxiedPostgres pg;

    @BeforeAll
    static void start() throws Exception {
        pg = new ProxiedPostgres("proxy_fuzz", 8192);
        pg.direct("CREATE TABLE fuzz_target (id int)", "INSERT INTO fuzz_target VALUES (1), (2)");
    }

    @AfterAll
    static void stop() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void randomAndMutatedFramesEndOnlyTheirOwnConnection() throws Exception {
        Random random = new Random(11);
        byte[] startup = WireClient.startup(3 << 16, "user", pg.database.user(), "database", pg.databaseName);
        String target = pg.schema + ".fuzz_target";
        byte[][] valid = {
                query("SELECT 1"), query("DROP TABLE " + target), query("DELETE FROM " + target),
                query("TRUNCATE " + target + "; SELECT 1"),
                parse("s1", "DROP TABLE " + target), parse("", "UPDATE " + target + " SET id = 0"),
        };
        try (Connection bystander = pg.connect()) {
            for (int i = 0; i < CONNECTIONS; i++) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                switch (i % 4) {
                    case 0 -> bytes.writeBytes(randomBytes(random, random.nextInt(64)));
                    case 1 -> bytes.writeBytes(mutate(random, startup));
                    case 2 -> {
                        bytes.writeBytes(startup);
                        bytes.writeBytes(randomBytes(random, 1 + random.nextInt(64)));
                    }
                    default -> {
                        bytes.writeBytes(startup);
                        bytes.writeBytes(mutate(random, valid[random.nextInt(valid.length)]));
                        bytes.writeBytes(new byte[] {'S', 0, 0, 0, 4});
                    }
                }
                sendAndDrain(bytes.toByteArray());
            }
            try (Statement statement = bystander.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT 1")) {
                assertThat(rows.next()).isTrue();
            }
        }
        assertThat(pg.count("fuzz_target")).isEqualTo(2);
    }

    /** Sends, half-closes, and reads until the proxy closes: a connection that hangs fails on the socket timeout. */
    private static void sendAndDrain(byte[] bytes) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", pg.port()), 10_000);
            socket.setSoTimeout(10_000);
            try {
                socket.getOutputStream().write(bytes);
                socket.shutdownOutput();
            } catch (IOException closedEarly) {
                // the proxy may close before everything is written: that is an answer too
            }
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            try {
                while (in.read(buffer) >= 0) {
                    // drain
                }
            } catch (java.net.SocketException reset) {
                // a reset after the proxy closed is an end as well
            }
        }
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] mutate(Random random, byte[] message) {
        byte[] copy = message.clone();
        int flips = 1 + random.nextInt(3);
        for (int i = 0; i < flips; i++) {
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        return copy;
    }

    private static byte[] query(String sql) {
        return frame('Q', cstring(sql));
    }

    private static byte[] parse(String name, String sql) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(cstring(name));
        body.writeBytes(cstring(sql));
        body.write(0);
        body.write(0);
        return frame('P', body.toByteArray());
    }

    private static byte[] cstring(String value) {
        byte[] text = value.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[text.length + 1];
        System.arraycopy(text, 0, out, 0, text.length);
        return out;
    }

    private static byte[] frame(char type, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(type);
        int length = body.length + 4;
        out.write(length >>> 24);
        out.write(length >>> 16);
        out.write(length >>> 8);
        out.write(length);
        out.writeBytes(body);
        return out.toByteArray();
    }
}
