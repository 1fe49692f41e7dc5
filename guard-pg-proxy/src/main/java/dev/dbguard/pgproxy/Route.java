package dev.dbguard.pgproxy;

import dev.dbguard.core.Mode;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * One listening address and the PostgreSQL server its clients are relayed to, with what the route changes in the
 * engine's verdicts (its mode) and in the protocol (replication, TLS, timeouts). Built with the {@code with...}
 * methods from the four essentials.
 *
 * @param name                 the route's name in audit events and refusals, e.g. {@code production}
 * @param listen               where clients connect; port 0 picks a free port
 * @param upstream             the PostgreSQL server
 * @param maxMessageLength     the longest frontend message accepted, in bytes; a longer one closes that connection
 *                             with {@code 08P01}
 * @param connectTimeoutMillis how long a connection to the upstream may take before the client gets {@code 08001}
 * @param mode                 the route's mode, whatever the environment's is; null for the environment's own
 * @param replicationAllowed   whether replication connections ({@code replication=} in the startup packet) are relayed
 * @param clientTls            TLS to the clients, or {@link ClientTls#NONE}
 * @param upstreamTls          TLS to the server
 * @param idleTimeout          how long a client session may send nothing before it is closed; zero for never
 */
record Route(String name, InetSocketAddress listen, InetSocketAddress upstream, int maxMessageLength,
             int connectTimeoutMillis, Mode mode, boolean replicationAllowed, ClientTls clientTls,
             UpstreamTls upstreamTls, Duration idleTimeout) {

    /** 64 MiB: far above any statement text an ORM or migration tool sends, well below PostgreSQL's 1 GiB. */
    static final int DEFAULT_MAX_MESSAGE_LENGTH = 64 * 1024 * 1024;

    /** Ten seconds, libpq's and PgJDBC's order of magnitude. */
    static final int DEFAULT_CONNECT_TIMEOUT_MILLIS = 10_000;

    Route(String name, InetSocketAddress listen, InetSocketAddress upstream, int maxMessageLength) {
        this(name, listen, upstream, maxMessageLength, DEFAULT_CONNECT_TIMEOUT_MILLIS);
    }

    Route(String name, InetSocketAddress listen, InetSocketAddress upstream, int maxMessageLength,
          int connectTimeoutMillis) {
        this(name, listen, upstream, maxMessageLength, connectTimeoutMillis, null, false, ClientTls.NONE,
                UpstreamTls.DISABLED, Duration.ZERO);
    }

    Route {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a route needs a name");
        }
        if (connectTimeoutMillis < 1) {
            throw new IllegalArgumentException("connect timeout must be positive: " + connectTimeoutMillis + " ms");
        }
        if (maxMessageLength < 1024) {
            throw new IllegalArgumentException("max message length must be at least 1024 bytes: " + maxMessageLength);
        }
        if (idleTimeout == null || idleTimeout.isNegative()) {
            throw new IllegalArgumentException("idle timeout must be zero (never) or positive: " + idleTimeout);
        }
        if (clientTls == null || upstreamTls == null) {
            throw new IllegalArgumentException("TLS settings must not be null (use ClientTls.NONE, UpstreamTls.DISABLED)");
        }
    }

    Route withMode(Mode routeMode) {
        return new Route(name, listen, upstream, maxMessageLength, connectTimeoutMillis, routeMode,
                replicationAllowed, clientTls, upstreamTls, idleTimeout);
    }

    Route withReplicationAllowed(boolean allowed) {
        return new Route(name, listen, upstream, maxMessageLength, connectTimeoutMillis, mode, allowed, clientTls,
                upstreamTls, idleTimeout);
    }

    Route withClientTls(ClientTls tls) {
        return new Route(name, listen, upstream, maxMessageLength, connectTimeoutMillis, mode, replicationAllowed,
                tls, upstreamTls, idleTimeout);
    }

    Route withUpstreamTls(UpstreamTls tls) {
        return new Route(name, listen, upstream, maxMessageLength, connectTimeoutMillis, mode, replicationAllowed,
                clientTls, tls, idleTimeout);
    }

    Route withIdleTimeout(Duration timeout) {
        return new Route(name, listen, upstream, maxMessageLength, connectTimeoutMillis, mode, replicationAllowed,
                clientTls, upstreamTls, timeout);
    }

    /** The JDBC-style URL of the upstream database, which the engine's production and ephemeral URL patterns see. */
    String upstreamUrl(String database) {
        return "jdbc:postgresql://" + upstream.getHostString() + ":" + upstream.getPort() + "/" + database;
    }

    /** The upstream as {@code host:port}, for messages. */
    String upstreamName() {
        return upstream.getHostString() + ":" + upstream.getPort();
    }
}
