package dev.dbguard.pgproxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Watches what the server sends a client: {@code ErrorResponse} (a refusal's marker error is replaced by the
 * refusal), {@code AuthenticationSASL} (channel binding removed), {@code ParameterStatus}
 * ({@code standard_conforming_strings} changes how the engine reads text; a read-only session that is no longer
 * read-only is closed) and
 * {@code ReadyForQuery} (a cycle answered: its verdicts are recorded; the startup's is held while a
 * {@link PostureProbe} reads the account's posture). Every frame passes on unchanged otherwise.
 */
final class ResponseTracker extends ChannelInboundHandlerAdapter {

    /** {@code AuthenticationSASL}'s code: the server lists the SASL mechanisms it offers. */
    private static final int AUTHENTICATION_SASL = 10;
    private static final String CHANNEL_BINDING_SUFFIX = "-PLUS";

    /** {@code read_only_sql_transaction}: what the server itself says to a write in a read-only transaction. */
    private static final String READ_ONLY_SQL_TRANSACTION = "25006";

    private final ClientSession session;
    private boolean startupAnswered;

    ResponseTracker(ClientSession session) {
        this.session = session;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        if (session.ending()) {
            frame.release();
            return;
        }
        int start = frame.readerIndex();
        int end = frame.writerIndex();
        byte type = frame.getByte(start);
        OwnQuery own = session.answering();
        if (own != null && own.read(frame)) {
            if (type == 'Z') {
                session.ownAnswered();
                own.finish(ctx, frame);
            }
            return;
        }
        switch (type) {
            case 'E' -> {
                ErrorResponse refusal = session.serverError(errorMessage(frame, start + 5, end));
                if (refusal != null) {
                    frame.release();
                    ctx.fireChannelRead(refusal.encode(ctx.alloc()));
                    return;
                }
            }
            case 'S' -> {
                String name = WireStrings.read(frame, start + 5, end);
                int valueAt = WireStrings.end(frame, start + 5, end);
                if (name != null && valueAt > 0) {
                    String value = WireStrings.read(frame, valueAt, end);
                    if (name.equals("application_name")) {
                        session.applicationName(value);
                    } else if (name.equals("default_transaction_read_only") && session.readOnlyRoute()
                            && !"on".equals(value)) {
                        endReadOnlyEscape(ctx, frame);
                        return;
                    } else {
                        session.state().serverSetting(name, value);
                    }
                }
            }
            case 'R' -> {
                if (end - start >= 9 && frame.getInt(start + 5) == AUTHENTICATION_SASL) {
                    ByteBuf relayed = withoutChannelBinding(ctx, frame, start, end);
                    if (relayed != frame) {
                        frame.release();
                        ctx.fireChannelRead(relayed);
                        return;
                    }
                }
            }
            case 'Z' -> {
                if (end - start >= 6) {
                    session.readyForQuery(frame.getByte(start + 5));
                }
                if (!startupAnswered) {
                    // the startup is answered: the one moment the account's posture can be read unnoticed
                    startupAnswered = true;
                    PostureProbe probe = session.postureProbe();
                    if (probe != null) {
                        probe.start(frame);
                        return;
                    }
                }
            }
            default -> {
                // relayed unread
            }
        }
        ctx.fireChannelRead(frame);
    }

    /**
     * The server reports that the session is no longer read-only (a function called by a statement the engine let
     * through turned {@code default_transaction_read_only} off): the session ends before the client can use it.
     */
    private void endReadOnlyEscape(ChannelHandlerContext ctx, ByteBuf frame) {
        frame.release();
        session.end();
        session.meters().refused("read-only-lifted");
        ctx.fireChannelRead(new ErrorResponse("FATAL", READ_ONLY_SQL_TRANSACTION, "dbguard: the server reported"
                + " default_transaction_read_only=off on read-only route '" + session.routeName() + "'; the session"
                + " is closed so that it cannot write", null, null).encode(ctx.alloc()));
        ctx.fireChannelReadComplete();
        ctx.close();
    }

    /**
     * {@code AuthenticationSASL} without the channel-binding mechanisms ({@code SCRAM-SHA-256-PLUS}): channel
     * binding ties the exchange to one TLS connection, and the client's is with the proxy, not the server, so the
     * server would reject the client's proof. Clients then use {@code SCRAM-SHA-256}. The same frame when there is
     * nothing to remove.
     */
    private static ByteBuf withoutChannelBinding(ChannelHandlerContext ctx, ByteBuf frame, int start, int end) {
        List<String> kept = new ArrayList<>(2);
        boolean removed = false;
        int at = start + 9;
        while (at < end && frame.getByte(at) != 0) {
            String mechanism = WireStrings.read(frame, at, end);
            if (mechanism == null) {
                return frame; // malformed: the client's to judge
            }
            if (mechanism.endsWith(CHANNEL_BINDING_SUFFIX)) {
                removed = true;
            } else {
                kept.add(mechanism);
            }
            at = WireStrings.end(frame, at, end);
        }
        if (!removed) {
            return frame;
        }
        ByteBuf out = ctx.alloc().buffer(end - start);
        out.writeByte('R').writeInt(0).writeInt(AUTHENTICATION_SASL);
        for (String mechanism : kept) {
            out.writeCharSequence(mechanism, StandardCharsets.UTF_8);
            out.writeByte(0);
        }
        out.writeByte(0);
        return out.setInt(1, out.writerIndex() - 1);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        session.abandonOwnQueries();
        ctx.fireChannelInactive();
    }

    /**
     * Whether the tracker reads server messages of {@code type} (the cases of {@link #channelRead}'s switch);
     * {@link BackendFrameDecoder} frames those alone and relays runs of the others as one slice.
     */
    static boolean reads(byte type) {
        return type == 'E' || type == 'S' || type == 'R' || type == 'Z';
    }

    /** The 'M' field of an ErrorResponse body, or null. */
    static String errorMessage(ByteBuf frame, int from, int end) {
        return errorField(frame, from, end, 'M');
    }

    /** The field of {@code fieldType} ('C' the SQLSTATE, 'M' the message) of an ErrorResponse body, or null. */
    static String errorField(ByteBuf frame, int from, int end, char fieldType) {
        int at = from;
        while (at < end && frame.getByte(at) != 0) {
            byte type = frame.getByte(at);
            int next = WireStrings.end(frame, at + 1, end);
            if (next < 0) {
                return null;
            }
            if (type == fieldType) {
                return WireStrings.read(frame, at + 1, end);
            }
            at = next;
        }
        return null;
    }
}
