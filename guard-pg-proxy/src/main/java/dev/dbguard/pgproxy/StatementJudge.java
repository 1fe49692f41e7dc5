package dev.dbguard.pgproxy;

import dev.dbguard.core.Verdict;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.util.ReferenceCountUtil;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * Judges every frontend message that carries SQL, simple {@code Query} (the whole, possibly multi-statement string)
 * and extended {@code Parse}, and follows {@code Bind}/{@code Execute}/{@code Close}/{@code Sync} so that a verdict is
 * recorded in the session once its statement ran. Other messages pass unread.
 *
 * <p>A refused message is replaced by one of the same kind whose text is a unique marker the server cannot parse,
 * so the server fails at exactly that position: it discards the rest of a pipeline up to {@code Sync}, rolls back
 * or fails the transaction as for any error, and answers {@code ReadyForQuery} itself. {@link ResponseTracker}
 * then puts the refusal in place of the server's syntax error. Nothing of the refused text reaches the server.
 *
 * <p>A {@code FunctionCall} is judged as the {@code SELECT} it is equivalent to ({@link FunctionCall#sql}); the
 * first call of a function OID in a session waits for the server to name it ({@link FunctionLookup}), and what
 * the client sends after it waits too, in order.
 */
final class StatementJudge extends ChannelInboundHandlerAdapter {

    private final ClientSession session;
    /** The client's messages held while a FunctionCall's function is looked up, oldest first; else null. */
    private ArrayDeque<ByteBuf> held;

    StatementJudge(ClientSession session) {
        this.session = session;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (held != null) {
            held.add(frame);
            return;
        }
        process(ctx, frame);
    }

    private void process(ChannelHandlerContext ctx, ByteBuf frame) {
        byte type = frame.getByte(frame.readerIndex());
        if (type != 'p') {
            session.clientSpoke(); // anything but an authentication response
        }
        if (type == 'F') {
            functionCall(ctx, frame);
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
        switch (frame.getByte(start)) {
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
                session.extendedQueryMessage();
                String name = string(frame, body, end, "Parse");
                int textAt = WireStrings.end(frame, body, end);
                String sql = string(frame, textAt, end, "Parse");
                Verdict[] verdict = new Verdict[1];
                String marker = session.judge(sql, verdict);
                session.parsed(name, verdict[0]);
                return marker == null ? frame : parse(ctx, name, marker);
            }
            case 'B' -> {
                session.extendedQueryMessage();
                String portal = string(frame, body, end, "Bind");
                String statement = string(frame, WireStrings.end(frame, body, end), end, "Bind");
                session.bound(portal, statement);
            }
            case 'E' -> {
                session.extendedQueryMessage();
                session.executed(string(frame, body, end, "Execute"));
            }
            case 'C' -> {
                session.extendedQueryMessage();
                if (end - body >= 2) {
                    session.closed(frame.getByte(body), string(frame, body + 1, end, "Close"));
                }
            }
            case 'D', 'H' -> session.extendedQueryMessage();
            case 'S' -> session.endCycle();
            default -> {
                // relayed unread: Describe, Flush, CopyData/CopyDone/CopyFail, Terminate, auth responses ...
            }
        }
        return frame;
    }

    /**
     * A {@code FunctionCall}: judged at once when the session knows its function, else held (with all that
     * follows) until the server has named it.
     */
    private void functionCall(ChannelHandlerContext ctx, ByteBuf frame) {
        FunctionCall call;
        try {
            call = FunctionCall.decode(frame);
        } catch (RuntimeException e) {
            frame.release();
            throw e;
        }
        FunctionLookup.Result function = session.function(call.functionOid());
        if (function != null) {
            judgeCall(ctx, frame, call, function);
            return;
        }
        if (!session.betweenCycles()) {
            frame.release();
            throw new CorruptedFrameException("FunctionCall inside an extended-query batch not ended by Sync");
        }
        held = new ArrayDeque<>();
        held.add(frame);
        ctx.channel().config().setAutoRead(false);
        session.sendOwn(new FunctionLookup(call.functionOid(), result -> {
            session.function(call.functionOid(), result);
            release(ctx);
        }));
    }

    private void judgeCall(ChannelHandlerContext ctx, ByteBuf frame, FunctionCall call,
                           FunctionLookup.Result function) {
        String marker;
        Verdict[] verdict = new Verdict[1];
        if (function.name() != null) {
            marker = session.judge(call.sql(function.schema(), function.name(), function.argumentTypes()),
                    verdict);
        } else if (function.serverRefuses()) {
            // No such function, or a failed transaction: the server refuses the call itself.
            marker = null;
        } else {
            marker = session.refuseUnjudged("dbguard: refused a FunctionCall of function OID "
                    + call.functionOid() + ": the proxy could not ask the server which function it is ("
                    + function.errorMessage() + "); call it with SELECT so that it can be judged.");
        }
        if (marker == null) {
            session.queried(verdict[0]);
            ctx.fireChannelRead(frame);
        } else {
            frame.release();
            session.endCycle();
            ctx.fireChannelRead(query(ctx, marker));
        }
    }

    /** The function is named: the held call and what followed it go on, in order, unless another call holds them. */
    private void release(ChannelHandlerContext ctx) {
        ArrayDeque<ByteBuf> queue = held;
        held = null;
        if (queue == null) {
            return; // the client left meanwhile: channelInactive released what was held
        }
        if (!ctx.channel().isActive()) {
            queue.forEach(ReferenceCountUtil::release);
            return;
        }
        try {
            while (!queue.isEmpty()) {
                ByteBuf next = queue.poll();
                if (held != null) {
                    held.add(next);
                } else {
                    process(ctx, next);
                }
            }
        } catch (RuntimeException e) {
            queue.forEach(ReferenceCountUtil::release);
            ctx.fireExceptionCaught(e);
        } finally {
            if (held == null) {
                ctx.channel().config().setAutoRead(true);
            }
            if (session.upstream() != null) {
                session.upstream().flush();
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (held != null) {
            held.forEach(ReferenceCountUtil::release);
            held = null;
        }
        ctx.fireChannelInactive();
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
