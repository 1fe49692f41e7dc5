package dev.dbguard.pgproxy;

import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.Target;
import dev.dbguard.core.internal.posture.PostgresPostureQuery;
import dev.dbguard.core.internal.posture.PostureJudge;
import dev.dbguard.core.posture.Posture;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;

import java.util.List;

/**
 * Reads the posture of a session's account inside that session, since the proxy holds no credentials of its own:
 * when the server has answered the startup, its {@code ReadyForQuery} is held back and {@link PostgresPostureQuery}
 * goes to the server as the proxy's own query, limited by {@code SET LOCAL statement_timeout} (gone when the query's
 * implicit transaction ends). Then the client gets the held {@code ReadyForQuery} and the session goes on as if
 * nothing had happened, or, when {@code dbguard.posture.fail-on} refuses what was found, the client gets a
 * {@code FATAL} error and both connections close.
 *
 * <p>A query that fails or times out gives an unchecked posture and never fails the session. The client waits one
 * round trip of the query, once per account and route.
 */
final class PostureProbe extends OwnQuery {

    /** {@code 28000} invalid_authorization_specification: the account may not use this route. */
    private static final String INVALID_AUTHORIZATION = "28000";

    private final ClientSession session;
    private final AccountPostures postures;
    private final AccountPostures.Account account;
    private final Target target;
    private final GuardConfig config;
    private ByteBuf heldReadyForQuery;

    PostureProbe(ClientSession session, AccountPostures postures, AccountPostures.Account account, Target target,
                 GuardConfig config) {
        this.session = session;
        this.postures = postures;
        this.account = account;
        this.target = target;
        this.config = config;
    }

    /** Holds the startup's {@code ReadyForQuery} and sends the query. */
    void start(ByteBuf readyForQuery) {
        heldReadyForQuery = readyForQuery;
        session.sendOwn(this);
    }

    @Override
    String sql() {
        return "SET LOCAL statement_timeout = " + PostureJudge.TIMEOUT_SECONDS * 1000 + "; "
                + PostgresPostureQuery.SQL;
    }

    @Override
    void abandoned() {
        if (heldReadyForQuery != null) {
            heldReadyForQuery.release();
            heldReadyForQuery = null;
        }
    }

    @Override
    void answered(ChannelHandlerContext upstream, List<String> row, String errorCode, String errorMessage) {
        Posture posture = posture(row, errorMessage);
        List<String> failing = postures.record(account, posture, target, config);
        ByteBuf readyForQuery = heldReadyForQuery;
        heldReadyForQuery = null;
        if (failing.isEmpty()) {
            upstream.fireChannelRead(readyForQuery);
            return;
        }
        readyForQuery.release();
        session.end();
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

    private Posture posture(List<String> row, String errorMessage) {
        String name = account.describe();
        if (errorMessage != null || row == null) {
            return PostureJudge.unchecked(name, target, "the catalog query failed: "
                    + (errorMessage != null ? errorMessage : "it returned no row") + "; the session is used as it is");
        }
        try {
            return PostureJudge.judge(name, target, PostgresPostureQuery.facts(row),
                    AccountPostures.address(session.route()));
        } catch (RuntimeException e) {
            return PostureJudge.unchecked(name, target, "the catalog query's answer could not be read: " + e);
        }
    }
}
