package dev.dbguard.pgproxy;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import javax.net.ssl.SSLException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * TLS between clients and the proxy: the proxy's certificate and key (PEM), and whether a client that does not ask
 * for TLS is refused. With TLS configured, {@code SSLRequest} is answered {@code S} and a PostgreSQL 17 client's
 * direct TLS handshake is accepted.
 *
 * @param context  the server-side context, or null when the route has no client TLS
 * @param required whether clients that do not use TLS are refused ({@code FATAL 28000})
 */
record ClientTls(SslContext context, boolean required) {

    /** No TLS to clients: {@code SSLRequest} is answered {@code N}. */
    static final ClientTls NONE = new ClientTls(null, false);

    ClientTls {
        if (required && context == null) {
            throw new IllegalArgumentException("TLS cannot be required of clients without a certificate and key");
        }
    }

    /**
     * Reads a PEM certificate chain and its PEM (PKCS#8) private key.
     *
     * @throws IllegalArgumentException naming the file when one cannot be read or used
     */
    static ClientTls of(Path certificate, Path key, boolean required) {
        for (Path file : new Path[] {certificate, key}) {
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException("TLS file " + file + " cannot be read");
            }
        }
        try {
            SslContext context = SslContextBuilder.forServer(certificate.toFile(), key.toFile())
                    .sslProvider(SslProvider.JDK)
                    // PostgreSQL 17's direct TLS negotiation requires the server to select ALPN "postgresql"
                    .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, "postgresql"))
                    .build();
            return new ClientTls(context, required);
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("TLS certificate " + certificate + " with key " + key
                    + " cannot be used: " + e.getMessage() + " (the key must be PEM, PKCS#8 without a"
                    + " password, BEGIN PRIVATE KEY)", e);
        }
    }

    boolean enabled() {
        return context != null;
    }

    /** A handler that terminates one client's TLS. */
    SslHandler newHandler(ByteBufAllocator allocator) {
        return context.newHandler(allocator);
    }
}
