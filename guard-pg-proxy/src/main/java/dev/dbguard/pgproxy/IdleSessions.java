package dev.dbguard.pgproxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Ends a client session that has been idle for the route's idle timeout (an {@code IdleStateHandler} before it
 * signals silence in both directions): with {@code FATAL 57P05}, the code PostgreSQL's own
 * {@code idle_session_timeout} uses. A session waiting for the server (a long query) is not idle, whatever the
 * silence.
 */
final class IdleSessions extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(IdleSessions.class);
    /** {@code idle_session_timeout}. */
    private static final String IDLE_SESSION_TIMEOUT = "57P05";

    private final ClientSession session;
    private final Duration timeout;

    IdleSessions(ClientSession session, Duration timeout) {
        this.session = session;
        this.timeout = timeout;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (!(event instanceof IdleStateEvent)) {
            super.userEventTriggered(ctx, event);
            return;
        }
        if (session.awaitingServer()) {
            return;
        }
        session.meters().refused("idle-timeout");
        LOG.info("dbguard-pg-proxy: route {}: closing client {}: idle for {} s (idle timeout)", session.routeName(),
                ctx.channel().remoteAddress(), timeout.toSeconds());
        StartupHandler.fatal(ctx, IDLE_SESSION_TIMEOUT, "dbguard: terminating connection: idle for "
                + timeout.toSeconds() + " s on route '" + session.routeName() + "' (idle timeout)");
    }
}
