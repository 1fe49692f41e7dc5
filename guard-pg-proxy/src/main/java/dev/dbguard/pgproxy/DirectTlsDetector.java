package dev.dbguard.pgproxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Looks at the first byte of a client connection: {@code 0x16}, a TLS handshake record, is PostgreSQL 17's direct
 * TLS negotiation ({@code sslnegotiation=direct}), which starts TLS without an {@code SSLRequest}. With client TLS
 * configured the handshake is handed to an {@code SslHandler} in this handler's place; without, the connection is
 * closed (the client cannot read a plain-text error in the middle of its handshake). Any other first byte is the
 * length of a startup packet: this handler steps aside and the bytes go on to the framing.
 */
final class DirectTlsDetector extends ByteToMessageDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(DirectTlsDetector.class);
    private static final byte TLS_HANDSHAKE = 0x16;

    private final Route route;

    DirectTlsDetector(Route route) {
        this.route = route;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!in.isReadable()) {
            return;
        }
        if (in.getByte(in.readerIndex()) != TLS_HANDSHAKE) {
            ctx.pipeline().remove(this); // the buffered bytes go on to the framing
            return;
        }
        if (!route.clientTls().enabled()) {
            LOG.warn("dbguard-pg-proxy: route {}: closing client {}: it starts TLS directly (sslnegotiation=direct)"
                    + " but the route has no TLS certificate (--tls-certificate, --tls-key)", route.name(),
                    ctx.channel().remoteAddress());
            in.skipBytes(in.readableBytes());
            ctx.pipeline().get(StartupHandler.class).refused("direct-tls-without-certificate");
            ctx.close();
            return;
        }
        // replace() hands the buffered handshake bytes to the SslHandler that takes this handler's place
        ctx.pipeline().replace(this, StartupHandler.TLS_HANDLER, route.clientTls().newHandler(ctx.alloc()));
        ctx.pipeline().get(StartupHandler.class).tlsStarted();
    }
}
