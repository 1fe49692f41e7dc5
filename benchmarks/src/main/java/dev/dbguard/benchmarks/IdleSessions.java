package dev.dbguard.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Client sessions that log in and then do nothing, as an application's idle pool connections do: each sends the
 * startup message, reads up to the first {@code ReadyForQuery} and keeps its socket open until closed. Written on the
 * protocol directly, so a thousand of them cost the benchmark's JVM a thousand sockets and nothing more.
 */
final class IdleSessions implements AutoCloseable {

    private final List<Socket> sockets = new ArrayList<>();

    /** Opens {@code count} sessions to {@code host:port}, one after the other. */
    static IdleSessions open(int count, String host, int port, String user, String database) throws IOException {
        IdleSessions sessions = new IdleSessions();
        try {
            for (int i = 0; i < count; i++) {
                sessions.sockets.add(login(host, port, user, database));
            }
        } catch (IOException | RuntimeException e) {
            sessions.close();
            throw e;
        }
        return sessions;
    }

    /** A session logged in, waiting for its first query. */
    static Socket login(String host, int port, String user, String database) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), 10_000);
            socket.setSoTimeout(10_000);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            DataOutputStream fields = new DataOutputStream(body);
            fields.writeInt(196608);
            for (String field : List.of("user", user, "database", database, "application_name", "idle-session")) {
                fields.write(field.getBytes(StandardCharsets.UTF_8));
                fields.write(0);
            }
            fields.write(0);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(body.size() + 4);
            body.writeTo(out);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            while (true) {
                int type = in.readUnsignedByte();
                byte[] message = new byte[in.readInt() - 4];
                in.readFully(message);
                if (type == 'Z') {
                    return socket;
                }
                if (type == 'E') {
                    throw new IOException("login refused: " + new String(message, StandardCharsets.UTF_8)
                            .replace('\0', ' ').strip());
                }
                if (type == 'R' && (message[0] | message[1] | message[2] | message[3]) != 0) {
                    throw new IOException("the server asks for a password; idle sessions need trust authentication");
                }
            }
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    int size() {
        return sockets.size();
    }

    @Override
    public void close() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        sockets.clear();
    }
}
