package dev.dbguard.pgproxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Promise;

import javax.net.ssl.SSLException;
import java.util.List;

/**
 * The start of a TLS connection to the server, as libpq does it: {@code SSLRequest}, then on {@code S} a TLS
 * handshake (an {@code SslHandler} takes this handler's place); {@code ready} completes when the handshake has, and
 * fails when the server answers anything else or the handshake fails (a certificate verify-full rejects).
 */
final class UpstreamTlsNegotiation extends ByteToMessageDecoder {

    private final Route route;
    private final Promise<Void> ready;

    UpstreamTlsNegotiation(Route route, Promise<Void> ready) {
        this.route = route;
        this.ready = ready;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        ByteBuf request = ctx.alloc().buffer(8).writeInt(8).writeInt(StartupPacket.SSL_REQUEST);
        ctx.writeAndFlush(request).addListener(written -> {
            if (!written.isSuccess()) {
                ready.tryFailure(written.cause());
            }
        });
        super.channelActive(ctx);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!in.isReadable()) {
            return;
        }
        byte answer = in.readByte();
        if (answer != 'S') {
            in.skipBytes(in.readableBytes());
            ready.tryFailure(new SSLException("the server does not accept TLS (it answered "
                    + (answer == 'N' ? "N to SSLRequest" : "0x" + Integer.toHexString(answer & 0xff))
                    + "), and sslmode " + route.upstreamTls().mode().id() + " needs it"));
            ctx.close();
            return;
        }
        SslHandler tls = route.upstreamTls().newHandler(ctx.alloc(), route.upstream().getHostString(),
                route.upstream().getPort());
        tls.handshakeFuture().addListener(handshake -> {
            if (handshake.isSuccess()) {
                ready.trySuccess(null);
            } else {
                ready.tryFailure(handshake.cause());
                ctx.channel().close();
            }
        });
        ctx.pipeline().replace(this, StartupHandler.TLS_HANDLER, tls);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        ready.tryFailure(new SSLException("the server closed the connection during TLS negotiation"));
        super.channelInactive(ctx);
    }
}
