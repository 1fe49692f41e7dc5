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
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The start of a client session: answers {@code SSLRequest} with 'S' and starts TLS when the route has a
 * certificate, else 'N' (the client then continues in plain text or gives up, as its {@code sslmode} says), and
 * {@code GSSENCRequest} with 'N'; refuses a plain-text client when the route requires TLS; forwards a
 * {@code CancelRequest} to the upstream on a connection of its own, refuses replication connections, and for a
 * {@code StartupMessage} connects the session's upstream (TLS first when the route asks for it), then relays the
 * message (with {@code default_transaction_read_only=on} for a read-only session). Authentication is the
 * server's: its requests and the client's answers pass through untouched.
 */
final class StartupHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(StartupHandler.class);

    /** The name of a pipeline's {@code SslHandler}, client side and upstream side. */
    static final String TLS_HANDLER = "tls";
    /** {@code 28000} invalid_authorization_specification: what PostgreSQL says when pg_hba.conf rejects. */
    private static final String INVALID_AUTHORIZATION = "28000";

    private final ClientSession session;
    private final Route route;
    private final Transport transport;
    private List<Object> pending;
    private boolean tls;

    StartupHandler(ClientSession session, Route route, Transport transport) {
        this.session = session;
        this.route = route;
        this.transport = transport;
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
        if (code == StartupPacket.SSL_REQUEST) {
            packet.release();
            boolean accept = route.clientTls().enabled() && !tls;
            ctx.writeAndFlush(ctx.alloc().buffer(1).writeByte(accept ? 'S' : 'N'));
            if (accept) {
                // 'S' is on its way in plain text; what the client sends next is its TLS handshake
                ctx.pipeline().addFirst(TLS_HANDLER, route.clientTls().newHandler(ctx.alloc()));
                tlsStarted();
            }
        } else if (code == StartupPacket.GSSENC_REQUEST) {
            packet.release();
            ctx.writeAndFlush(ctx.alloc().buffer(1).writeByte('N'));
        } else if (code == StartupPacket.CANCEL_REQUEST) {
            cancel(ctx, packet);
        } else if (packet.isStartup()) {
            start(ctx, packet);
        } else {
            packet.release();
            session.meters().refused("protocol-violation");
            fatal(ctx, ErrorResponse.PROTOCOL_VIOLATION, "unsupported frontend protocol " + (code >>> 16) + "."
                    + (code & 0xffff) + ": dbguard-pg-proxy speaks protocol 3");
        }
    }

    /** Counts a connection the proxy ends before relaying it, for {@code reason}. */
    void refused(String reason) {
        session.meters().refused(reason);
    }

    /** The client's connection is (about to be) encrypted: by SSLRequest or by direct TLS negotiation. */
    void tlsStarted() {
        tls = true;
    }

    private void start(ChannelHandlerContext ctx, StartupPacket packet) {
        if (route.clientTls().required() && !tls) {
            packet.release();
            session.meters().refused("tls-required");
            LOG.warn("dbguard-pg-proxy: route {}: refused client {}: it did not ask for TLS, which the route"
                    + " requires", route.name(), address(ctx.channel().remoteAddress()));
            fatal(ctx, INVALID_AUTHORIZATION, "dbguard: route '" + route.name() + "' requires TLS; connect with"
                    + " sslmode=require (or stricter)");
            return;
        }
        Map<String, String> parameters = packet.parameters();
        String replication = parameters.get("replication");
        boolean replicationAsked = replication != null
                && !List.of("false", "off", "no", "0").contains(replication.toLowerCase(Locale.ROOT));
        if (replicationAsked && !route.replicationAllowed()) {
            packet.release();
            session.meters().refused("replication");
            LOG.warn("dbguard-pg-proxy: route {}: refused a replication connection (replication={}) from {}",
                    route.name(), replication, address(ctx.channel().remoteAddress()));
            fatal(ctx, ErrorResponse.INSUFFICIENT_PRIVILEGE, "dbguard: replication connections are not relayed by"
                    + " route '" + route.name() + "'; to allow them, set allow-replication on the route");
            return;
        }
        if (replicationAsked) {
            session.replicationConnection();
        }
        ClientIdentity identity = ClientIdentity.of(address(ctx.channel().remoteAddress()), parameters);
        ByteBuf startup = forUpstream(ctx, packet, parameters, session.readOnlyFor(identity));
        pending = new ArrayList<>(2);
        ctx.channel().config().setAutoRead(false);
        Channel client = ctx.channel();
        Future<Channel> ready = upstream(client, pipeline -> pipeline
                .addLast("framing", new BackendFrameDecoder(session))
                .addLast("responses", new ResponseTracker(session))
                .addLast("relay", new Relay(() -> client, session.meters()::relayedToClient))
                .addLast("errors", new UpstreamErrors(session.meters())));
        ready.addListener(done -> {
            if (!done.isSuccess()) {
                startup.release();
                releasePending();
                session.meters().upstreamError();
                session.meters().refused("upstream-unreachable");
                LOG.warn("dbguard-pg-proxy: route {}: upstream {} not reachable for client {}: {}", route.name(),
                        route.upstreamName(), identity.address(), done.cause().toString());
                fatal(ctx, ErrorResponse.UNABLE_TO_CONNECT, "dbguard: could not connect to upstream "
                        + route.upstreamName() + " of route '" + route.name() + "': " + done.cause().getMessage());
                return;
            }
            Channel upstream = ready.getNow();
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
        // Over TLS when the route's upstream is, as libpq sends it to a server that requires TLS.
        ByteBuf request = packet.content();
        Future<Channel> ready = upstream(ctx.channel(), pipeline -> pipeline.addLast(new ChannelInboundHandlerAdapter()));
        ready.addListener(done -> {
            if (done.isSuccess()) {
                ready.getNow().writeAndFlush(request).addListener(ChannelFutureListener.CLOSE);
            } else {
                session.meters().upstreamError();
                request.release();
            }
            ctx.close();
        });
    }

    /**
     * Connects to the route's upstream on the client's event loop, with {@code handlers} in the pipeline; the
     * future completes with the channel once it is ready for the protocol: connected, and when the route asks for
     * TLS, {@code SSLRequest} accepted and the handshake done. A failed future's channel is closed.
     */
    private Future<Channel> upstream(Channel client, Consumer<ChannelPipeline> handlers) {
        Promise<Void> tlsReady = client.eventLoop().newPromise();
        Promise<Channel> ready = client.eventLoop().newPromise();
        ChannelFuture connect = new Bootstrap()
                .group(client.eventLoop())
                .channel(transport.socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, route.connectTimeoutMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        if (route.upstreamTls().enabled()) {
                            channel.pipeline().addLast("tls-negotiation", new UpstreamTlsNegotiation(route, tlsReady));
                        }
                        handlers.accept(channel.pipeline());
                    }
                })
                .connect(route.upstream());
        connect.addListener((ChannelFutureListener) connected -> {
            if (!connected.isSuccess()) {
                tlsReady.tryFailure(connected.cause());
            } else if (!route.upstreamTls().enabled()) {
                tlsReady.trySuccess(null);
            }
        });
        tlsReady.addListener(done -> {
            if (done.isSuccess()) {
                ready.trySuccess(connect.channel());
            } else {
                if (connect.isSuccess()) {
                    connect.channel().close();
                }
                ready.tryFailure(done.cause());
            }
        });
        return ready;
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
        private final RouteMeters meters;

        UpstreamErrors(RouteMeters meters) {
            this.meters = meters;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            meters.upstreamError();
            LOG.debug("dbguard-pg-proxy: upstream connection error", cause);
            ctx.close();
        }
    }
}
