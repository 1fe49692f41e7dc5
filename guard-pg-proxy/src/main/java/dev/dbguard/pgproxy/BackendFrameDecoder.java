package dev.dbguard.pgproxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;

import java.util.List;

/**
 * Frames what the server sends, as retained slices of the received buffer: each message {@link ResponseTracker}
 * reads ({@code ErrorResponse}, {@code ParameterStatus}, {@code Authentication*}, {@code ReadyForQuery}) alone, and
 * a run of messages it only relays ({@code RowDescription}, {@code DataRow}, {@code CommandComplete}, COPY data,
 * notices ...) as one slice, so that a result of many rows costs one buffer and one write instead of one per row.
 * While the proxy's own query ({@link OwnQuery}) is answered, every message is alone.
 *
 * <p>One slice per {@link #decode} call: the tracker has seen a {@code ReadyForQuery} (and so knows whose cycle
 * comes next) before the messages after it are framed.
 */
final class BackendFrameDecoder extends ByteToMessageDecoder {

    private final ClientSession session;

    BackendFrameDecoder(ClientSession session) {
        this.session = session;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int end = in.writerIndex();
        int at = start;
        boolean alone = session.answering() != null;
        while (end - at >= 5) {
            byte type = in.getByte(at);
            int length = in.getInt(at + 1);
            if (length < 4) {
                // nothing after it can be framed: drop it all, the session ends
                in.skipBytes(in.readableBytes());
                throw new CorruptedFrameException("the server sent message type '" + (char) type
                        + "' with an invalid length " + length);
            }
            if (end - at < length + 1) {
                break;
            }
            if (alone || ResponseTracker.reads(type)) {
                if (at == start) {
                    out.add(in.readRetainedSlice(length + 1));
                    return;
                }
                break;
            }
            at += length + 1;
        }
        if (at > start) {
            out.add(in.readRetainedSlice(at - start));
        }
    }
}
