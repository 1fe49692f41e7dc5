package dev.dbguard.pgproxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

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
}
