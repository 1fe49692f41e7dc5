package dev.dbguard.pgproxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The start of a client session: answers {@code SSLRequest} and {@code GSSENCRequest} with 'N' (this proxy does not
 * terminate TLS yet; the client then continues in plain text or gives up, as its {@code sslmode} says), forwards a
 * {@code CancelRequest} to the upstream on a connection of its own, refuses replication connections, and for a
 * {@code StartupMessage} connects the session's upstream, then relays the message unchanged. Authentication is the
 * server's: its requests and the client's answers pass through untouched.
 */
final class StartupHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(StartupHandler.class);

    private final ClientSession session;
    private final Route route;
    private List<Object> pending;

    StartupHandler(ClientSession session, Route route) {
        this.session = session;
        this.route = route;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof StartupPacket packet)) {
            if (pending != null) {
                pending.add(msg);
            } else {
                ctx.fireChannelRead(msg);
            }
            return;
        }
        int code = packet.code();
        if (code == StartupPacket.SSL_REQUEST || code == StartupPacket.GSSENC_REQUEST) {
            packet.release();
            ctx.writeAndFlush(ctx.alloc().buffer(1).writeByte('N'));
        } else if (code == StartupPacket.CANCEL_REQUEST) {
            cancel(ctx, packet);
        } else if (packet.isStartup()) {
            start(ctx, packet);
        } else {
            packet.release();
            fatal(ctx, ErrorResponse.PROTOCOL_VIOLATION, "unsupported frontend protocol " + (code >>> 16) + "."
                    + (code & 0xffff) + ": dbguard-pg-proxy speaks protocol 3");
        }
    }

    private void start(ChannelHandlerContext ctx, StartupPacket packet) {
        Map<String, String> parameters = packet.parameters();
        String replication = parameters.get("replication");
        if (!route.replicationAllowed() && replication != null
                && !List.of("false", "off", "no", "0").contains(replication.toLowerCase(Locale.ROOT))) {
            packet.release();
            LOG.warn("dbguard-pg-proxy: route {}: refused a replication connection (replication={}) from {}",
                    route.name(), replication, address(ctx.channel().remoteAddress()));
            fatal(ctx, ErrorResponse.INSUFFICIENT_PRIVILEGE, "dbguard: replication connections are not relayed by"
                    + " route '" + route.name() + "'; to allow them, set allow-replication on the route");
            return;
        }
        ClientIdentity identity = ClientIdentity.of(address(ctx.channel().remoteAddress()), parameters);
        ByteBuf startup = forUpstream(ctx, packet, parameters, session.readOnlyFor(identity));
        pending = new ArrayList<>(2);
        ctx.channel().config().setAutoRead(false);
        Channel client = ctx.channel();
        ChannelFuture connect = upstream(client, new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel channel) {
                channel.pipeline().addLast("framing", new LengthFieldBasedFrameDecoder(Integer.MAX_VALUE, 1, 4, -4, 0))
                        .addLast("responses", new ResponseTracker(session))
                        .addLast("relay", new Relay(() -> client))
                        .addLast("errors", new UpstreamErrors());
            }
        });
        connect.addListener((ChannelFutureListener) future -> {
            if (!future.isSuccess()) {
                startup.release();
                releasePending();
                LOG.warn("dbguard-pg-proxy: route {}: upstream {} not reachable for client {}: {}", route.name(),
                        route.upstream(), identity.address(), future.cause().toString());
                fatal(ctx, ErrorResponse.UNABLE_TO_CONNECT, "dbguard: could not connect to upstream "
                        + route.upstream().getHostString() + ":" + route.upstream().getPort() + " of route '"
                        + route.name() + "': " + future.cause().getMessage());
                return;
            }
            Channel upstream = future.channel();
            session.started(identity, upstream);
            if (!client.isActive()) {
                startup.release();
                releasePending();
                upstream.close();
                return;
            }
            upstream.write(startup, upstream.voidPromise());
            List<Object> queued = pending;
            pending = null;
            for (Object message : queued) {
                ctx.fireChannelRead(message);
            }
            upstream.flush();
            client.config().setAutoRead(true);
        });
    }

    /**
     * The startup packet as the server gets it: unchanged, except for a session in read-only mode, where the session is made
     * read-only by the server itself ({@code default_transaction_read_only=on}, set by the client's startup
     * parameters, which win over the role's and database's settings and over {@code options}); whatever the
     * client sent for it, or for {@code transaction_read_only}, is dropped.
     */
    private static ByteBuf forUpstream(ChannelHandlerContext ctx, StartupPacket packet, Map<String, String> parameters,
                                       boolean readOnly) {
        if (!readOnly) {
            return packet.content();
        }
        Map<String, String> rewrittenParameters = new LinkedHashMap<>(parameters);
        rewrittenParameters.remove("default_transaction_read_only");
        rewrittenParameters.remove("transaction_read_only");
        rewrittenParameters.put("default_transaction_read_only", "on");
        ByteBuf rewritten = StartupPacket.encode(ctx.alloc(), packet.code(), rewrittenParameters);
        packet.release();
        return rewritten;
    }

    private void cancel(ChannelHandlerContext ctx, StartupPacket packet) {
        // The key is the server's own (BackendKeyData passes through), so the upstream knows the backend.
        ByteBuf request = packet.content();
        upstream(ctx.channel(), new ChannelInboundHandlerAdapter()).addListener((ChannelFutureListener) future -> {
            if (future.isSuccess()) {
                future.channel().writeAndFlush(request).addListener(ChannelFutureListener.CLOSE);
            } else {
                request.release();
            }
            ctx.close();
        });
    }

    private ChannelFuture upstream(Channel client, io.netty.channel.ChannelHandler handler) {
        return new Bootstrap()
                .group(client.eventLoop())
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, route.connectTimeoutMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .handler(handler)
                .connect(route.upstream());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releasePending();
        ctx.fireChannelInactive();
    }

    private void releasePending() {
        if (pending != null) {
            pending.forEach(ReferenceCountUtil::release);
            pending = null;
        }
    }

    static void fatal(ChannelHandlerContext ctx, String sqlState, String message) {
        ctx.channel().config().setAutoRead(false);
        ctx.writeAndFlush(new ErrorResponse("FATAL", sqlState, message, null, null).encode(ctx.alloc()))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private static String address(SocketAddress address) {
        return address instanceof InetSocketAddress inet
                ? inet.getAddress().getHostAddress() + ":" + inet.getPort() : String.valueOf(address);
    }

    /** Closes the upstream on an error; {@link Relay} then closes the client. */
    private static final class UpstreamErrors extends ChannelInboundHandlerAdapter {
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("dbguard-pg-proxy: upstream connection error", cause);
            ctx.close();
        }
    }
}
