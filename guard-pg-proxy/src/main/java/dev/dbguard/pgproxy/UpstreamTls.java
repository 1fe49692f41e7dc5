package dev.dbguard.pgproxy;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;

import javax.net.ssl.SSLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * TLS between the proxy and the server, as libpq's {@code sslmode} names it: {@code disable}, {@code require}
 * (encrypted, the server's certificate not checked) or {@code verify-full} (the certificate must chain to the CA
 * file and name the upstream host). When on, the proxy sends {@code SSLRequest} first and refuses to go on in plain
 * text if the server answers {@code N}.
 *
 * @param mode    the sslmode
 * @param context the client-side context, null for {@code disable}
 */
record UpstreamTls(SslMode mode, SslContext context) {

    /** The sslmodes the proxy implements toward the server. */
    enum SslMode {
        DISABLE, REQUIRE, VERIFY_FULL;

        String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static SslMode fromId(String value) {
            String normalized = value == null ? "" : value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (SslMode mode : values()) {
                if (mode.name().equals(normalized)) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("unknown upstream sslmode '" + value
                    + "': use disable, require or verify-full");
        }
    }

    /** Plain text to the server. */
    static final UpstreamTls DISABLED = new UpstreamTls(SslMode.DISABLE, null);

    /**
     * The TLS settings for a sslmode.
     *
     * @param caFile the CA certificates (PEM) the server's certificate must chain to; required for
     *               {@code verify-full}, ignored otherwise
     * @throws IllegalArgumentException when verify-full has no readable CA file
     */
    static UpstreamTls of(SslMode mode, Path caFile) {
        if (mode == SslMode.DISABLE) {
            return DISABLED;
        }
        try {
            SslContextBuilder builder = SslContextBuilder.forClient().sslProvider(SslProvider.JDK);
            if (mode == SslMode.REQUIRE) {
                // libpq's require: encryption without checking who answers
                builder.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
            } else {
                if (caFile == null || !Files.isReadable(caFile)) {
                    throw new IllegalArgumentException("upstream sslmode verify-full needs a readable CA file, got "
                            + caFile);
                }
                builder.trustManager(caFile.toFile()).endpointIdentificationAlgorithm("HTTPS");
            }
            return new UpstreamTls(mode, builder.build());
        } catch (SSLException e) {
            throw new IllegalArgumentException("upstream TLS cannot be set up: " + e.getMessage(), e);
        }
    }

    boolean enabled() {
        return context != null;
    }

    /** A handler for one connection to {@code host}, which verify-full checks the certificate against (and SNI names). */
    SslHandler newHandler(ByteBufAllocator allocator, String host, int port) {
        return context.newHandler(allocator, host, port);
    }
}
