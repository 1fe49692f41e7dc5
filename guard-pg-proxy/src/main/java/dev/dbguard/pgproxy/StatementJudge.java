package dev.dbguard.pgproxy;

import dev.dbguard.core.Verdict;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.util.ReferenceCountUtil;

import java.nio.charset.StandardCharsets;

/**
 * Judges every frontend message that carries SQL, simple {@code Query} (the whole, possibly multi-statement string)
 * and extended {@code Parse}, and follows {@code Bind}/{@code Execute}/{@code Close}/{@code Sync} so that a verdict is
 * recorded in the session once its statement ran. Other messages pass unread.
 *
 * <p>A refused message is replaced by one of the same kind whose text is a unique marker the server cannot parse,
 * so the server fails at exactly that position: it discards the rest of a pipeline up to {@code Sync}, rolls back
 * or fails the transaction as for any error, and answers {@code ReadyForQuery} itself. {@link ResponseTracker}
 * then puts the refusal in place of the server's syntax error. Nothing of the refused text reaches the server.
 */
final class StatementJudge extends ChannelInboundHandlerAdapter {

    private final ClientSession session;

    StatementJudge(ClientSession session) {
        this.session = session;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        ByteBuf forward;
        try {
            forward = judge(ctx, frame);
        } catch (RuntimeException e) {
            ReferenceCountUtil.release(frame);
            throw e;
        }
        if (forward != frame) {
            frame.release();
        }
        ctx.fireChannelRead(forward);
    }

    private ByteBuf judge(ChannelHandlerContext ctx, ByteBuf frame) {
        int start = frame.readerIndex();
        int end = frame.writerIndex();
        int body = start + 5;
        byte type = frame.getByte(start);
        if (type != 'p') {
            session.clientSpoke();
        }
        switch (type) {
            case 'Q' -> {
                String sql = string(frame, body, end, "Query");
                Verdict[] verdict = new Verdict[1];
                String marker = session.judge(sql, verdict);
                if (marker == null) {
                    session.queried(verdict[0]);
                    return frame;
                }
                session.endCycle();
                return query(ctx, marker);
            }
            case 'P' -> {
                String name = string(frame, body, end, "Parse");
                int textAt = WireStrings.end(frame, body, end);
                String sql = string(frame, textAt, end, "Parse");
                Verdict[] verdict = new Verdict[1];
                String marker = session.judge(sql, verdict);
                session.parsed(name, verdict[0]);
                return marker == null ? frame : parse(ctx, name, marker);
            }
            case 'B' -> {
                String portal = string(frame, body, end, "Bind");
                String statement = string(frame, WireStrings.end(frame, body, end), end, "Bind");
                session.bound(portal, statement);
            }
            case 'E' -> session.executed(string(frame, body, end, "Execute"));
            case 'C' -> {
                if (end - body >= 2) {
                    session.closed(frame.getByte(body), string(frame, body + 1, end, "Close"));
                }
            }
            case 'S', 'F' -> session.endCycle();
            default -> {
                // relayed unread: Describe, Flush, CopyData/CopyDone/CopyFail, Terminate, auth responses ...
            }
        }
        return frame;
    }

    private static String string(ByteBuf frame, int from, int end, String message) {
        String value = from < 0 ? null : WireStrings.read(frame, from, end);
        if (value == null) {
            throw new CorruptedFrameException("invalid " + message + " message: a string is not terminated");
        }
        return value;
    }

    private static ByteBuf query(ChannelHandlerContext ctx, String text) {
        ByteBuf out = ctx.alloc().buffer(6 + text.length());
        out.writeByte('Q').writeInt(0);
        out.writeCharSequence(text, StandardCharsets.US_ASCII);
        out.writeByte(0);
        return out.setInt(1, out.writerIndex() - 1);
    }

    private static ByteBuf parse(ChannelHandlerContext ctx, String name, String text) {
        ByteBuf out = ctx.alloc().buffer(16 + name.length() * 3 + text.length());
        out.writeByte('P').writeInt(0);
        out.writeCharSequence(name, StandardCharsets.UTF_8);
        out.writeByte(0);
        out.writeCharSequence(text, StandardCharsets.US_ASCII);
        out.writeByte(0);
        out.writeShort(0);
        return out.setInt(1, out.writerIndex() - 1);
    }
}
