package dev.dbguard.pgproxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.nio.charset.StandardCharsets;

/**
 * {@code ErrorResponse} ('E'), as the proxy writes it to a client: severity, SQLSTATE, message, and an optional
 * detail and hint. Fields of the server's own errors are never decoded here; see {@link ResponseTracker}.
 */
record ErrorResponse(String severity, String sqlState, String message, String detail, String hint) {

    /** {@code 42501} insufficient_privilege: every dbguard refusal. */
    static final String INSUFFICIENT_PRIVILEGE = "42501";
    /** {@code 08P01} protocol_violation. */
    static final String PROTOCOL_VIOLATION = "08P01";
    /** {@code 08001} sqlclient_unable_to_establish_sqlconnection: the upstream cannot be reached. */
    static final String UNABLE_TO_CONNECT = "08001";

    /** Writes the whole message, type byte and length included, into a new buffer of {@code allocator}. */
    ByteBuf encode(ByteBufAllocator allocator) {
        ByteBuf out = allocator.buffer(64 + message.length() + (hint == null ? 0 : hint.length()));
        out.writeByte('E');
        int lengthAt = out.writerIndex();
        out.writeInt(0);
        field(out, 'S', severity);
        field(out, 'V', severity);
        field(out, 'C', sqlState);
        field(out, 'M', message);
        if (detail != null) {
            field(out, 'D', detail);
        }
        if (hint != null) {
            field(out, 'H', hint);
        }
        out.writeByte(0);
        out.setInt(lengthAt, out.writerIndex() - lengthAt);
        return out;
    }

    private static void field(ByteBuf out, char type, String value) {
        out.writeByte(type);
        // A NUL would end the field early; the protocol has no escape for it.
        out.writeCharSequence(value.replace('\0', ' '), StandardCharsets.UTF_8);
        out.writeByte(0);
    }
}
