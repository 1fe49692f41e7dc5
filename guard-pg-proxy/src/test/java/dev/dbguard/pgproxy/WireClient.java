package dev.dbguard.pgproxy;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A raw protocol client for the tests that send what no driver sends: bounded by socket timeouts, closed by the test. */
final class WireClient implements AutoCloseable {

    private final Socket socket = new Socket();
    private final DataInputStream in;
    private final DataOutputStream out;

    WireClient(int port) throws IOException {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = new DataOutputStream(socket.getOutputStream());
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** A StartupMessage of protocol 3.0 with these parameters. */
    static byte[] startup(int version, String... parameters) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String parameter : parameters) {
            body.writeBytes(parameter.getBytes(StandardCharsets.UTF_8));
            body.write(0);
        }
        body.write(0);
        byte[] fields = body.toByteArray();
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        writeInt(message, fields.length + 8);
        writeInt(message, version);
        message.writeBytes(fields);
        return message.toByteArray();
    }

    /** A simple-protocol Query message. */
    static byte[] query(String sql) {
        byte[] text = sql.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.write('Q');
        writeInt(message, text.length + 5);
        message.writeBytes(text);
        message.write(0);
        return message.toByteArray();
    }

    /** A FunctionCall message of function {@code oid} with text arguments (null for NULL), asking for a text result. */
    static byte[] functionCall(long oid, String... textArguments) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeInt(body, (int) oid);
        writeShort(body, 1);
        writeShort(body, 0);
        writeShort(body, textArguments.length);
        for (String argument : textArguments) {
            if (argument == null) {
                writeInt(body, -1);
            } else {
                byte[] text = argument.getBytes(StandardCharsets.UTF_8);
                writeInt(body, text.length);
                body.writeBytes(text);
            }
        }
        writeShort(body, 0);
        byte[] fields = body.toByteArray();
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.write('F');
        writeInt(message, fields.length + 4);
        message.writeBytes(fields);
        return message.toByteArray();
    }

    /** Reads messages through the next ReadyForQuery; returns each as its type followed by its body. */
    List<byte[]> readCycle() throws IOException {
        List<byte[]> messages = new ArrayList<>();
        while (true) {
            char read = (char) in.readUnsignedByte();
            byte[] body = new byte[in.readInt() - 4];
            in.readFully(body);
            byte[] message = new byte[body.length + 1];
            message[0] = (byte) read;
            System.arraycopy(body, 0, message, 1, body.length);
            messages.add(message);
            if (read == 'Z') {
                return messages;
            }
        }
    }

    int readByte() throws IOException {
        return in.readUnsignedByte();
    }

    /** Reads messages until one of {@code type}; returns its body. */
    byte[] readUntil(char type) throws IOException {
        while (true) {
            char read = (char) in.readUnsignedByte();
            byte[] body = new byte[in.readInt() - 4];
            in.readFully(body);
            if (read == type) {
                return body;
            }
        }
    }

    /** Whether the proxy closed the connection: the next read ends the stream. */
    boolean closedByPeer() throws IOException {
        try {
            while (in.read() >= 0) {
                // drain what was still sent
            }
            return true;
        } catch (EOFException e) {
            return true;
        }
    }

    /** The fields of an ErrorResponse body, by field type. */
    static Map<Character, String> fields(byte[] errorBody) {
        Map<Character, String> fields = new HashMap<>();
        int at = 0;
        while (at < errorBody.length && errorBody[at] != 0) {
            char type = (char) errorBody[at];
            int end = at + 1;
            while (errorBody[end] != 0) {
                end++;
            }
            fields.put(type, new String(errorBody, at + 1, end - at - 1, StandardCharsets.UTF_8));
            at = end + 1;
        }
        return fields;
    }

    private static void writeShort(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8);
        out.write(value);
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
