package dev.dbguard.pgproxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;

import java.util.List;

/**
 * Frames what a client sends: the untyped first messages as {@link StartupPacket}s, then, once a
 * {@code StartupMessage} went through, typed messages ({@code type, int32 length, body}) as retained slices of the
 * received buffer, nothing copied or re-encoded.
 *
 * <p>A length below the protocol's minimum or above the configured bound is a protocol violation: a
 * {@link CorruptedFrameException} that {@link ProtocolViolationHandler} turns into a {@code 08P01} error for this
 * connection only. The bound keeps a client from making the proxy buffer without limit.
 */
final class FrontendFrameDecoder extends ByteToMessageDecoder {

    /** PostgreSQL's own limit for a startup packet ({@code MAX_STARTUP_PACKET_LENGTH}). */
    static final int MAX_STARTUP_LENGTH = 10_000;

    private final int maxMessageLength;
    private boolean typed;

    FrontendFrameDecoder(int maxMessageLength) {
        this.maxMessageLength = maxMessageLength;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!typed) {
            if (in.readableBytes() < 4) {
                return;
            }
            int length = in.getInt(in.readerIndex());
            if (length < 8 || length > MAX_STARTUP_LENGTH) {
                throw new CorruptedFrameException("invalid length of startup packet: " + length);
            }
            if (in.readableBytes() < length) {
                return;
            }
            StartupPacket packet = new StartupPacket(in.readRetainedSlice(length));
            // After a StartupMessage every message is typed; after SSLRequest/GSSENCRequest another untyped one
            // follows; after CancelRequest the connection ends.
            typed = packet.isStartup();
            out.add(packet);
            return;
        }
        if (in.readableBytes() < 5) {
            return;
        }
        int length = in.getInt(in.readerIndex() + 1);
        if (length < 4) {
            throw new CorruptedFrameException("invalid message length " + length + " for message type '"
                    + printable(in.getByte(in.readerIndex())) + "'");
        }
        if (length > maxMessageLength) {
            throw new CorruptedFrameException("message of " + length + " bytes is longer than the proxy's limit of "
                    + maxMessageLength + " bytes (--max-message-length)");
        }
        if (in.readableBytes() < length + 1) {
            return;
        }
        out.add(in.readRetainedSlice(length + 1));
    }

    private static String printable(byte type) {
        return type >= 32 && type < 127 ? String.valueOf((char) type) : String.format("0x%02x", type & 0xff);
    }
}
