package dev.dbguard.pgproxy;

import java.net.InetSocketAddress;

/**
 * One listening address and the PostgreSQL server its clients are relayed to.
 *
 * @param name             the route's name in audit events and refusals, e.g. {@code production}
 * @param listen           where clients connect; port 0 picks a free port
 * @param upstream         the PostgreSQL server
 * @param maxMessageLength the longest frontend message accepted, in bytes; a longer one closes that connection
 *                         with {@code 08P01}
 * @param connectTimeoutMillis how long a connection to the upstream may take before the client gets {@code 08001}
 */
record Route(String name, InetSocketAddress listen, InetSocketAddress upstream, int maxMessageLength,
             int connectTimeoutMillis) {

    /** 64 MiB: far above any statement text an ORM or migration tool sends, well below PostgreSQL's 1 GiB. */
    static final int DEFAULT_MAX_MESSAGE_LENGTH = 64 * 1024 * 1024;

    /** Ten seconds, libpq's and PgJDBC's order of magnitude. */
    static final int DEFAULT_CONNECT_TIMEOUT_MILLIS = 10_000;

    Route(String name, InetSocketAddress listen, InetSocketAddress upstream, int maxMessageLength) {
        this(name, listen, upstream, maxMessageLength, DEFAULT_CONNECT_TIMEOUT_MILLIS);
    }

    Route {
        if (connectTimeoutMillis < 1) {
            throw new IllegalArgumentException("connect timeout must be positive: " + connectTimeoutMillis + " ms");
        }
        if (maxMessageLength < 1024) {
            throw new IllegalArgumentException("max message length must be at least 1024 bytes: " + maxMessageLength);
        }
    }

    /** The JDBC-style URL of the upstream database, which the engine's production and ephemeral URL patterns see. */
    String upstreamUrl(String database) {
        return "jdbc:postgresql://" + upstream.getHostString() + ":" + upstream.getPort() + "/" + database;
    }
}
