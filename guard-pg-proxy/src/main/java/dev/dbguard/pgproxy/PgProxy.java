package dev.dbguard.pgproxy;

import dev.dbguard.core.StatementGuard;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A running PostgreSQL proxy for one or more routes: every client connection gets its own upstream session, and
 * every statement it sends is judged by the {@link StatementGuard} before it may reach the server.
 *
 * <p>A client's pipeline has one handler per concern: {@link DirectTlsDetector} (a TLS handshake as first bytes),
 * then TLS when started, {@link FrontendFrameDecoder} (framing and its bounds), {@link StartupHandler} (SSL/GSS
 * requests, cancel, startup, upstream connect), {@link StatementJudge} (judging), {@link Relay} (to the upstream,
 * with backpressure), {@link IdleSessions} when the route has an idle timeout, and
 * {@link ProtocolViolationHandler} (08P01). The upstream's: {@link UpstreamTlsNegotiation} then TLS when asked
 * for, framing, {@link ResponseTracker} (refusals in place of the server's error, session state, and the
 * {@link PostureProbe} that reads each account's posture in its first session), {@link Relay}.
 * Meters are in {@link ProxyMetrics} and postures in {@link AccountPostures}, served by the optional
 * {@link AdminServer}.
 */
public final class PgProxy implements AutoCloseable {

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Map<String, Channel> servers;
    private final ChannelGroup sessions;
    private final ProxyMetrics metrics;
    private Channel admin;
    private volatile boolean stopped;

    private PgProxy(EventLoopGroup boss, EventLoopGroup workers, Map<String, Channel> servers,
                    ChannelGroup sessions, ProxyMetrics metrics) {
        this.boss = boss;
        this.workers = workers;
        this.servers = servers;
        this.sessions = sessions;
        this.metrics = metrics;
    }

    /**
     * Binds {@code listen} and starts relaying to {@code upstream}.
     *
     * @param routeName the name audit events and refusals give the route, e.g. {@code production}
     * @param listen    where clients connect; port 0 picks a free port (see {@link #address()})
     * @param upstream  the PostgreSQL server
     * @param guard     the engine, configured with the route's environment and rules
     * @return the running proxy; close it (or {@link #shutdown(Duration)}) to stop
     * @throws InterruptedException when interrupted while binding
     */
    public static PgProxy start(String routeName, InetSocketAddress listen, InetSocketAddress upstream,
                                StatementGuard guard) throws InterruptedException {
        return start(new Route(routeName, listen, upstream, Route.DEFAULT_MAX_MESSAGE_LENGTH), guard);
    }

    static PgProxy start(Route route, StatementGuard guard) throws InterruptedException {
        return start(List.of(route), guard);
    }

    /** Binds every route's listening address; all routes share the guard (its audit, counters and cache). */
    static PgProxy start(List<Route> routes, StatementGuard guard) throws InterruptedException {
        return start(routes, guard, null);
    }

    /**
     * As {@link #start(List, StatementGuard)}, with the admin port ({@code /metrics}, {@code /health}) on
     * {@code adminListen}, or none when it is null.
     */
    static PgProxy start(List<Route> routes, StatementGuard guard, InetSocketAddress adminListen)
            throws InterruptedException {
        if (routes.isEmpty()) {
            throw new IllegalArgumentException("no route to start");
        }
        Transport transport = Transport.best();
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, transport.ioHandlers());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(transport.ioHandlers());
        // client channels leave the group when they close
        ChannelGroup sessions = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        Map<String, Channel> servers = new LinkedHashMap<>();
        ProxyMetrics metrics = new ProxyMetrics();
        AccountPostures postures = new AccountPostures(metrics.registry());
        PgProxy proxy = null;
        try {
            for (Route route : routes) {
                if (servers.containsKey(route.name())) {
                    throw new IllegalArgumentException("two routes are named '" + route.name() + "'");
                }
                servers.put(route.name(),
                        bind(route, guard, transport, boss, workers, sessions, metrics.route(route.name()), postures));
            }
            proxy = new PgProxy(boss, workers, servers, sessions, metrics);
            if (adminListen != null) {
                proxy.admin = AdminServer.bind(adminListen, transport, boss, workers, metrics, postures,
                        proxy::accepting);
            }
            return proxy;
        } catch (InterruptedException | RuntimeException e) {
            servers.values().forEach(Channel::close);
            boss.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    private static Channel bind(Route route, StatementGuard guard, Transport transport, EventLoopGroup boss,
                                EventLoopGroup workers, ChannelGroup sessions, RouteMeters meters,
                                AccountPostures postures)
            throws InterruptedException {
        return new ServerBootstrap()
                .group(boss, workers)
                .channel(transport.serverChannel())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        sessions.add(channel);
                        meters.opened();
                        channel.closeFuture().addListener(closed -> meters.closed());
                        ClientSession session = new ClientSession(guard, route, meters, postures);
                        channel.pipeline()
                                .addLast("direct-tls", new DirectTlsDetector(route))
                                .addLast("framing", new FrontendFrameDecoder(route.maxMessageLength()))
                                .addLast("startup", new StartupHandler(session, route, transport))
                                .addLast("judge", new StatementJudge(session))
                                .addLast("relay", new Relay(session::upstream, meters::relayedToServer))
                                .addLast("errors", new ProtocolViolationHandler(meters));
                        if (!route.idleTimeout().isZero()) {
                            channel.pipeline().addFirst("idle", new IdleStateHandler(0, 0,
                                    route.idleTimeout().toMillis(), TimeUnit.MILLISECONDS));
                            channel.pipeline().addBefore("errors", "idle-sessions",
                                    new IdleSessions(session, route.idleTimeout()));
                        }
                    }
                })
                .bind(route.listen()).sync().channel();
    }

    /** {@return the address clients of the first route connect to, with the port picked when 0 was asked for} */
    public InetSocketAddress address() {
        return (InetSocketAddress) servers.values().iterator().next().localAddress();
    }

    /**
     * The address clients of one route connect to.
     *
     * @param routeName the route's name, as configured
     * @return the bound address, with the port picked when 0 was asked for
     * @throws IllegalArgumentException when there is no such route
     */
    public InetSocketAddress address(String routeName) {
        Channel server = servers.get(routeName);
        if (server == null) {
            throw new IllegalArgumentException("no route named '" + routeName + "': " + servers.keySet());
        }
        return (InetSocketAddress) server.localAddress();
    }

    /** {@return the admin port's address, or null when it is off} */
    public InetSocketAddress adminAddress() {
        return admin == null ? null : (InetSocketAddress) admin.localAddress();
    }

    /** The proxy's meters (what {@code /metrics} serves). */
    io.micrometer.core.instrument.MeterRegistry meterRegistry() {
        return metrics.registry();
    }

    private boolean accepting() {
        return !stopped;
    }

    /**
     * Blocks until every listening channel is closed.
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public void awaitClose() throws InterruptedException {
        for (Channel server : servers.values()) {
            server.closeFuture().sync();
        }
    }

    /** Blocks until the proxy has shut down (see {@link #shutdown(Duration)}). */
    public void awaitTermination() {
        workers.terminationFuture().syncUninterruptibly();
    }

    /** {@return how many client sessions are open now} */
    public int openSessions() {
        return sessions.size();
    }

    /**
     * Stops accepting connections at once, lets the open sessions finish for up to {@code drain}, then closes what is
     * left (client and upstream) and stops. Returns when everything is closed; a second call (the shutdown hook and
     * {@link #close()}) waits for the first and does nothing more.
     *
     * @param drain how long open sessions may go on before they are closed; zero closes them at once
     */
    public synchronized void shutdown(Duration drain) {
        if (stopped) {
            return;
        }
        stopped = true;
        servers.values().forEach(server -> server.close().syncUninterruptibly());
        long deadline = System.nanoTime() + drain.toNanos();
        while (!sessions.isEmpty() && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        sessions.close().awaitUninterruptibly();
        if (admin != null) {
            admin.close().syncUninterruptibly();
        }
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Stops listening and closes every session (client and upstream) at once. */
    @Override
    public void close() {
        shutdown(Duration.ZERO);
    }
}
