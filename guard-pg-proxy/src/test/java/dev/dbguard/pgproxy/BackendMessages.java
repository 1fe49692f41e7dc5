package dev.dbguard.pgproxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Server messages written byte by byte, for tests that feed a handler what PostgreSQL would send. */
final class BackendMessages {

    private BackendMessages() {
    }

    /** {@code ReadyForQuery} with the transaction status {@code I}, {@code T} or {@code E}. */
    static ByteBuf readyForQuery(char status) {
        return message('Z', new byte[] {(byte) status});
    }

    /** One field of an {@code ErrorResponse} or {@code NoticeResponse}: its type byte, then the text. */
    static byte[] field(char type, String value) {
        byte[] text = cstring(value);
        byte[] out = new byte[text.length + 1];
        out[0] = (byte) type;
        System.arraycopy(text, 0, out, 1, text.length);
        return out;
    }

    /** {@code value} in UTF-8 with its terminating NUL. */
    static byte[] cstring(String value) {
        byte[] text = value.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(text, text.length + 1);
    }

    /** A whole message: the type byte, the length, then the parts in order. */
    static ByteBuf message(char type, byte[]... parts) {
        ByteBuf out = Unpooled.buffer();
        out.writeByte(type).writeInt(0);
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.setInt(1, out.writerIndex() - 1);
    }
}
