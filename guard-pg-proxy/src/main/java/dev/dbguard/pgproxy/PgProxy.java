package dev.dbguard.pgproxy;

import dev.dbguard.core.StatementGuard;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A running PostgreSQL proxy for one route: every client connection gets its own upstream session, and every
 * statement it sends is judged by the {@link StatementGuard} before it may reach the server.
 *
 * <p>A client's pipeline has one handler per concern: {@link FrontendFrameDecoder} (framing and its bounds),
 * {@link StartupHandler} (SSL/GSS requests, cancel, startup, upstream connect), {@link StatementJudge} (judging),
 * {@link Relay} (to the upstream, with backpressure) and {@link ProtocolViolationHandler} (08P01). The upstream's:
 * framing, {@link ResponseTracker} (refusals in place of the server's error, session state), {@link Relay}.
 */
public final class PgProxy implements AutoCloseable {

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel server;

    private PgProxy(EventLoopGroup boss, EventLoopGroup workers, Channel server) {
        this.boss = boss;
        this.workers = workers;
        this.server = server;
    }

    /**
     * Binds {@code listen} and starts relaying to {@code upstream}.
     *
     * @param routeName the name audit events and refusals give the route, e.g. {@code production}
     * @param listen    where clients connect; port 0 picks a free port (see {@link #address()})
     * @param upstream  the PostgreSQL server
     * @param guard     the engine, configured with the route's environment and rules
     * @throws InterruptedException when interrupted while binding
     */
    public static PgProxy start(String routeName, InetSocketAddress listen, InetSocketAddress upstream,
                                StatementGuard guard) throws InterruptedException {
        return start(new Route(routeName, listen, upstream, Route.DEFAULT_MAX_MESSAGE_LENGTH), guard);
    }

    static PgProxy start(Route route, StatementGuard guard) throws InterruptedException {
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        try {
            Channel server = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.SO_KEEPALIVE, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            ClientSession session = new ClientSession(guard, route);
                            channel.pipeline()
                                    .addLast("framing", new FrontendFrameDecoder(route.maxMessageLength()))
                                    .addLast("startup", new StartupHandler(session, route))
                                    .addLast("judge", new StatementJudge(session))
                                    .addLast("relay", new Relay(session::upstream))
                                    .addLast("errors", new ProtocolViolationHandler());
                        }
                    })
                    .bind(route.listen()).sync().channel();
            return new PgProxy(boss, workers, server);
        } catch (InterruptedException | RuntimeException e) {
            boss.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** The address clients connect to (with the port picked when 0 was asked for). */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    /** Blocks until the listening channel is closed. */
    public void awaitClose() throws InterruptedException {
        server.closeFuture().sync();
    }

    /** Stops listening and closes every session (client and upstream). */
    @Override
    public void close() {
        server.close().syncUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
