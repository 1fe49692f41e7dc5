package dev.dbguard.pgproxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A simple query the proxy sends in a client's session for itself: a cycle of its own among the client's
 * ({@link ClientSession#sendOwn}), answered in order with them, its rows and errors read here and never relayed
 * ({@code ParameterStatus} and {@code NotificationResponse} are the session's and pass on). Used where the proxy
 * needs to know something only the session's own account can ask: its posture ({@link PostureProbe}), the name of a
 * function a {@code FunctionCall} names by OID ({@link FunctionLookup}).
 */
abstract class OwnQuery {

    private List<String> row;
    private String errorCode;
    private String errorMessage;

    /** The query's text, sent as one {@code Query} message. */
    abstract String sql();

    /**
     * The query's {@code ReadyForQuery} came; its cycle is already off the session's queue.
     *
     * @param upstream     the upstream pipeline's tracker context, to relay to the client or close through
     * @param row          the first row in text form (SQL NULL as null), or null when there was none
     * @param errorCode    the SQLSTATE of its error, or null when it ran
     * @param errorMessage the message of its error, or null
     */
    abstract void answered(ChannelHandlerContext upstream, List<String> row, String errorCode, String errorMessage);

    /** The session ended before the answer came: release what is held for it. */
    void abandoned() {
    }

    /** Takes one server message of the answer: true when it is consumed (and released), false to pass it on. */
    final boolean read(ByteBuf frame) {
        int start = frame.readerIndex();
        int end = frame.writerIndex();
        byte type = frame.getByte(start);
        if (type == 'S' || type == 'A') {
            return false;
        }
        if (type == 'D' && row == null) {
            row = columns(frame, start + 5);
        } else if (type == 'E') {
            errorCode = ResponseTracker.errorField(frame, start + 5, end, 'C');
            errorMessage = ResponseTracker.errorField(frame, start + 5, end, 'M');
        }
        if (type != 'Z') {
            frame.release();
        }
        return true;
    }

    /** Called by the tracker with the query's {@code ReadyForQuery}, which it releases. */
    final void finish(ChannelHandlerContext upstream, ByteBuf readyForQuery) {
        readyForQuery.release();
        answered(upstream, row, errorCode, errorMessage);
    }

    /** The query as a {@code Query} message. */
    final ByteBuf encode(ByteBufAllocator allocator) {
        String sql = sql();
        ByteBuf query = allocator.buffer(sql.length() + 6);
        query.writeByte('Q').writeInt(0);
        query.writeCharSequence(sql, StandardCharsets.UTF_8);
        query.writeByte(0);
        return query.setInt(1, query.writerIndex() - 1);
    }

    /** A {@code DataRow}'s columns in text form (null for SQL NULL), as the server's client encoding wrote them. */
    private static List<String> columns(ByteBuf frame, int at) {
        int count = frame.getUnsignedShort(at);
        List<String> columns = new ArrayList<>(count);
        int position = at + 2;
        for (int i = 0; i < count; i++) {
            int length = frame.getInt(position);
            position += 4;
            if (length < 0) {
                columns.add(null);
            } else {
                columns.add(frame.toString(position, length, StandardCharsets.UTF_8));
                position += length;
            }
        }
        return columns;
    }
}
