package dev.dbguard.pgproxy;

import dev.dbguard.core.Mode;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Reads routes from their settings: {@code route.<name>.<key>} entries of the config file, or the command line's
 * options for its one route, both through {@link #route}, so that a key means the same in both places.
 *
 * <pre>
 * route.production.listen=0.0.0.0:6432
 * route.production.upstream=db.internal:5432
 * route.debug.listen=0.0.0.0:6433
 * route.debug.upstream=db.internal:5432
 * route.debug.mode=read-only
 * </pre>
 */
final class RouteSettings {

    /** The prefix of route keys in the config file. */
    static final String PREFIX = "route.";

    /** Every key a route accepts, with its command-line option. */
    static final Map<String, String> KEYS = keys();

    private RouteSettings() {
    }

    private static Map<String, String> keys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("listen", "--listen");
        keys.put("upstream", "--upstream");
        keys.put("mode", "--mode");
        keys.put("allow-replication", "--allow-replication");
        keys.put("max-message-length", "--max-message-length");
        keys.put("connect-timeout", "--connect-timeout");
        keys.put("idle-timeout", "--idle-timeout");
        keys.put("tls-certificate", "--tls-certificate");
        keys.put("tls-key", "--tls-key");
        keys.put("tls-required", "--tls-required");
        keys.put("upstream-sslmode", "--upstream-sslmode");
        keys.put("upstream-ca-file", "--upstream-ca-file");
        return Map.copyOf(keys);
    }

    /** Whether the config file's entries declare routes. */
    static boolean declaresRoutes(Map<String, String> file) {
        return file.keySet().stream().anyMatch(key -> key.startsWith(PREFIX));
    }

    /**
     * The routes of the config file's {@code route.<name>.<key>} entries, in name order.
     *
     * @param source how to name the file in errors, e.g. {@code config file proxy.properties}
     * @throws IllegalArgumentException naming the key for an unknown key or a bad value
     */
    static List<Route> routes(Map<String, String> file, String source) {
        Map<String, Map<String, String>> byName = new LinkedHashMap<>();
        for (String name : new TreeSet<>(file.keySet())) {
            if (!name.startsWith(PREFIX)) {
                continue;
            }
            String rest = name.substring(PREFIX.length());
            int dot = rest.indexOf('.');
            if (dot <= 0 || dot == rest.length() - 1) {
                throw new IllegalArgumentException(name + " (" + source + ") is not route.<name>.<key>");
            }
            byName.computeIfAbsent(rest.substring(0, dot), route -> new LinkedHashMap<>())
                    .put(rest.substring(dot + 1).toLowerCase(Locale.ROOT), file.get(name).trim());
        }
        List<Route> routes = new ArrayList<>();
        byName.forEach((route, settings) -> routes.add(
                route(route, settings, key -> PREFIX + route + "." + key + " (" + source + ")")));
        return routes;
    }

    /**
     * One route from its settings (keys of {@link #KEYS}; absent or null ones take their defaults).
     *
     * @param keyName how a key is named in errors: the file's full key or the command-line option
     */
    static Route route(String name, Map<String, String> settings, UnaryOperator<String> keyName) {
        Set<String> unknown = new TreeSet<>(settings.keySet());
        unknown.removeAll(KEYS.keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(keyName.apply(unknown.iterator().next()) + " is not a route setting;"
                    + " a route takes " + new TreeSet<>(KEYS.keySet()));
        }
        Reader read = new Reader(settings, keyName);
        Route route = new Route(name, address(read.required("listen"), keyName.apply("listen")),
                address(read.required("upstream"), keyName.apply("upstream")),
                read.integer("max-message-length", Route.DEFAULT_MAX_MESSAGE_LENGTH, 1024, Integer.MAX_VALUE),
                read.integer("connect-timeout", Route.DEFAULT_CONNECT_TIMEOUT_MILLIS / 1000, 1, 3600) * 1000);
        String mode = read.optional("mode");
        if (mode != null) {
            try {
                route = route.withMode(Mode.fromId(mode));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(keyName.apply("mode") + ": " + e.getMessage(), e);
            }
        }
        route = route.withReplicationAllowed(read.bool("allow-replication"))
                .withIdleTimeout(Duration.ofSeconds(read.integer("idle-timeout", 0, 0, 7 * 24 * 3600)));
        String certificate = read.optional("tls-certificate");
        String key = read.optional("tls-key");
        if ((certificate == null) != (key == null)) {
            throw new IllegalArgumentException(keyName.apply(certificate == null ? "tls-certificate" : "tls-key")
                    + " is missing: client TLS needs a certificate and its key");
        }
        boolean required = read.bool("tls-required");
        if (certificate != null) {
            route = route.withClientTls(ClientTls.of(Path.of(certificate), Path.of(key), required));
        } else if (required) {
            throw new IllegalArgumentException(keyName.apply("tls-required") + " needs "
                    + keyName.apply("tls-certificate") + " and " + keyName.apply("tls-key"));
        }
        String sslmode = read.optional("upstream-sslmode");
        String caFile = read.optional("upstream-ca-file");
        if (sslmode != null) {
            try {
                route = route.withUpstreamTls(UpstreamTls.of(UpstreamTls.SslMode.fromId(sslmode),
                        caFile == null ? null : Path.of(caFile)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(keyName.apply("upstream-sslmode") + ": " + e.getMessage(), e);
            }
        }
        return route;
    }

    /** {@code HOST:PORT}, {@code [v6]:PORT}. */
    static InetSocketAddress address(String value, String option) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new IllegalArgumentException(option + " must be HOST:PORT, got '" + value + "'");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " has no valid port: '" + value + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(option + " has no valid port: '" + value + "'");
        }
        return new InetSocketAddress(host, port);
    }

    /** The values of one route's settings, each error naming its key. */
    private record Reader(Map<String, String> settings, UnaryOperator<String> keyName) {

        String optional(String key) {
            String value = settings.get(key);
            return value == null || value.isBlank() ? null : value.trim();
        }

        String required(String key) {
            String value = optional(key);
            if (value == null) {
                throw new IllegalArgumentException(keyName.apply(key) + " is missing");
            }
            return value;
        }

        int integer(String key, int defaultValue, int min, int max) {
            String value = optional(key);
            if (value == null) {
                return defaultValue;
            }
            try {
                int parsed = Integer.parseInt(value);
                if (parsed >= min && parsed <= max) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(keyName.apply(key) + " must be a number from " + min + " to " + max
                    + ", got '" + value + "'");
        }

        boolean bool(String key) {
            String value = optional(key);
            if (value == null) {
                return false;
            }
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on" -> true;
                case "false", "no", "off" -> false;
                default -> throw new IllegalArgumentException(keyName.apply(key) + " must be true or false, got '"
                        + value + "'");
            };
        }
    }
}
