package dev.dbguard.pgproxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a client's pipeline: a malformed message ends that connection with a FATAL {@code 08P01}
 * error; any other failure closes it. Only this connection is affected.
 */
final class ProtocolViolationHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ProtocolViolationHandler.class);

    private final RouteMeters meters;
    private boolean closing;

    ProtocolViolationHandler(RouteMeters meters) {
        this.meters = meters;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (closing) {
            return;
        }
        closing = true;
        if (cause instanceof DecoderException) {
            String message = cause.getCause() != null && cause.getMessage() == null
                    ? cause.getCause().toString() : cause.getMessage();
            meters.refused("protocol-violation");
            LOG.warn("dbguard-pg-proxy: closing client {}: protocol violation: {}", ctx.channel().remoteAddress(),
                    message);
            StartupHandler.fatal(ctx, ErrorResponse.PROTOCOL_VIOLATION, "dbguard: protocol violation: " + message);
        } else {
            LOG.debug("dbguard-pg-proxy: closing client {}", ctx.channel().remoteAddress(), cause);
            ctx.close();
        }
    }
}
