package dev.dbguard.pgproxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.DefaultByteBufHolder;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A frontend message without a type byte: the first message of a connection ({@code StartupMessage},
 * {@code SSLRequest}, {@code GSSENCRequest}, {@code CancelRequest}), whole (length included), as a retained slice of
 * the received buffer so that a {@code StartupMessage} or {@code CancelRequest} is forwarded unchanged.
 */
final class StartupPacket extends DefaultByteBufHolder {

    /** {@code SSLRequest}'s request code. */
    static final int SSL_REQUEST = 80877103;
    /** {@code GSSENCRequest}'s request code. */
    static final int GSSENC_REQUEST = 80877104;
    /** {@code CancelRequest}'s request code. */
    static final int CANCEL_REQUEST = 80877102;
    /** Protocol 3.0; 3.2 (PostgreSQL 18) is {@code 3 << 16 | 2}. */
    static final int PROTOCOL_3_0 = 3 << 16;

    StartupPacket(ByteBuf whole) {
        super(whole);
    }

    /** The request code or protocol version (the int after the length). */
    int code() {
        return content().getInt(content().readerIndex() + 4);
    }

    /** Whether this is a {@code StartupMessage} of protocol major version 3. */
    boolean isStartup() {
        return code() >>> 16 == 3;
    }

    /**
     * The {@code StartupMessage}'s parameters in order; a name sent twice has its last value, as PostgreSQL reads
     * it. Reading stops at a malformed pair.
     */
    Map<String, String> parameters() {
        ByteBuf packet = content();
        Map<String, String> parameters = new LinkedHashMap<>();
        int end = packet.writerIndex();
        int at = packet.readerIndex() + 8;
        while (at < end && packet.getByte(at) != 0) {
            String name = WireStrings.read(packet, at, end);
            int valueAt = WireStrings.end(packet, at, end);
            String value = valueAt < 0 ? null : WireStrings.read(packet, valueAt, end);
            if (name == null || value == null) {
                break;
            }
            parameters.remove(name); // keeps the order PostgreSQL applies them in: the last one counts
            parameters.put(name, value);
            at = WireStrings.end(packet, valueAt, end);
        }
        return parameters;
    }

    /** A new {@code StartupMessage} of this version with these parameters. */
    static ByteBuf encode(ByteBufAllocator allocator, int version, Map<String, String> parameters) {
        ByteBuf out = allocator.buffer(256);
        out.writeInt(0).writeInt(version);
        parameters.forEach((name, value) -> {
            out.writeCharSequence(name, StandardCharsets.UTF_8);
            out.writeByte(0);
            out.writeCharSequence(value, StandardCharsets.UTF_8);
            out.writeByte(0);
        });
        out.writeByte(0);
        return out.setInt(0, out.writerIndex());
    }
}
