package dev.dbguard.pgproxy;

import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.Target;
import dev.dbguard.core.internal.posture.PostgresPostureQuery;
import dev.dbguard.core.internal.posture.PostureJudge;
import dev.dbguard.core.posture.Posture;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the posture of a session's account inside that session, since the proxy holds no credentials of its own:
 * when the server has answered the startup, its {@code ReadyForQuery} is held back, the client is not read, and
 * {@link PostgresPostureQuery} goes to the server as a simple query of the proxy's own, limited by
 * {@code SET LOCAL statement_timeout} (gone when the query's implicit transaction ends). Its answer is consumed here,
 * never relayed; then the client gets the held {@code ReadyForQuery} and the session goes on as if nothing had
 * happened, or, when {@code dbguard.posture.fail-on} refuses what was found, the client gets a {@code FATAL} error
 * and both connections close.
 *
 * <p>A query that fails or times out gives an unchecked posture and never fails the session. The client waits one
 * round trip of the query, once per account and route.
 */
final class PostureProbe {

    /** {@code 28000} invalid_authorization_specification: the account may not use this route. */
    private static final String INVALID_AUTHORIZATION = "28000";

    private final ClientSession session;
    private final AccountPostures postures;
    private final AccountPostures.Account account;
    private final Target target;
    private final GuardConfig config;
    private ByteBuf heldReadyForQuery;
    private List<String> row;
    private String error;
    private boolean finished;
    private boolean refused;

    PostureProbe(ClientSession session, AccountPostures postures, AccountPostures.Account account, Target target,
                 GuardConfig config) {
        this.session = session;
        this.postures = postures;
        this.account = account;
        this.target = target;
        this.config = config;
    }

    /** Holds the startup's {@code ReadyForQuery}, stops reading the client, and sends the query upstream. */
    void start(ChannelHandlerContext upstream, ByteBuf readyForQuery) {
        heldReadyForQuery = readyForQuery;
        Channel client = session.client();
        if (client != null) {
            client.config().setAutoRead(false);
        }
        String sql = "SET LOCAL statement_timeout = " + PostureJudge.TIMEOUT_SECONDS * 1000 + "; "
                + PostgresPostureQuery.SQL;
        ByteBuf query = upstream.alloc().buffer(sql.length() + 6);
        query.writeByte('Q').writeInt(0);
        query.writeCharSequence(sql, StandardCharsets.UTF_8);
        query.writeByte(0);
        query.setInt(1, query.writerIndex() - 1);
        upstream.channel().writeAndFlush(query, upstream.voidPromise());
    }

    /**
     * Takes one server message while the query runs: its rows, errors, notices and completions are consumed
     * (true); a {@code ParameterStatus} or {@code NotificationResponse} is left to the tracker (false), and the
     * query's {@code ReadyForQuery} ends the probe.
     */
    boolean read(ChannelHandlerContext upstream, ByteBuf frame) {
        int start = frame.readerIndex();
        byte type = frame.getByte(start);
        if (type == 'S' || type == 'A') {
            return false;
        }
        try {
            switch (type) {
                case 'D' -> row = columns(frame, start + 5);
                case 'E' -> error = ResponseTracker.errorMessage(frame, start + 5, frame.writerIndex());
                case 'Z' -> finish(upstream);
                default -> {
                    // RowDescription, CommandComplete, NoticeResponse: nothing the posture needs
                }
            }
        } finally {
            frame.release();
        }
        return true;
    }

    /** Whether the query's {@code ReadyForQuery} has come: the probe is over. */
    boolean finished() {
        return finished;
    }

    /** Whether the probe ended the session ({@code dbguard.posture.fail-on}). */
    boolean refused() {
        return refused;
    }

    /** Releases the held message when the session ends during the probe. */
    void abandon() {
        if (heldReadyForQuery != null) {
            heldReadyForQuery.release();
            heldReadyForQuery = null;
        }
    }

    private void finish(ChannelHandlerContext upstream) {
        Posture posture = posture();
        List<String> failing = postures.record(account, posture, target, config);
        ByteBuf readyForQuery = heldReadyForQuery;
        heldReadyForQuery = null;
        finished = true;
        Channel client = session.client();
        if (failing.isEmpty()) {
            upstream.fireChannelRead(readyForQuery);
            if (client != null) {
                client.config().setAutoRead(true);
            }
            return;
        }
        readyForQuery.release();
        refused = true;
        session.meters().refused("posture");
        upstream.fireChannelRead(new ErrorResponse("FATAL", INVALID_AUTHORIZATION, "dbguard: route '"
                + account.route() + "' (" + posture.environment() + ") does not relay account " + account.user()
                + " on database " + account.database() + ": " + PostureJudge.texts(posture, failing)
                + ". dbguard.posture.fail-on=" + String.join(",", failing) + " refuses such accounts here; connect"
                + " as an account without it (README \"Least privilege\"), or remove " + String.join(",", failing)
                + " from dbguard.posture.fail-on", null, null).encode(upstream.alloc()));
        upstream.fireChannelReadComplete();
        // Terminate, then close: the server ends the backend quietly; the relay then closes the client.
        upstream.channel().writeAndFlush(upstream.alloc().buffer(5).writeByte('X').writeInt(4))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private Posture posture() {
        String name = account.describe();
        if (error != null || row == null) {
            return PostureJudge.unchecked(name, target, "the catalog query failed: "
                    + (error != null ? error : "it returned no row") + "; the session is used as it is");
        }
        try {
            return PostureJudge.judge(name, target, PostgresPostureQuery.facts(row),
                    AccountPostures.address(session.route()));
        } catch (RuntimeException e) {
            return PostureJudge.unchecked(name, target, "the catalog query's answer could not be read: " + e);
        }
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
