package dev.dbguard.core.internal.posture;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a JDBC URL points and what its client-side TLS settings ask for, read from the URL alone (settings given
 * as connection properties instead are not seen, and the server is then assumed unverified).
 *
 * @param host           the first host of the URL; empty for a Unix socket or a URL without one
 * @param port           the port as written, or the product's default
 * @param loopback       whether the host is this machine, where credentials never cross a network
 * @param verifiesServer whether the driver checks the server's certificate ({@code sslmode=verify-ca/verify-full},
 *                       PgJDBC's {@code ssl=true} without {@code sslmode}, MariaDB's {@code sslMode=verify-*})
 * @param sslSetting     the URL's setting as written ({@code sslmode=prefer}), or the driver's default
 * @param verifyAdvice   how to make the client verify the server, e.g. {@code use sslmode=verify-full}
 */
public record ServerAddress(String host, String port, boolean loopback, boolean verifiesServer, String sslSetting,
                            String verifyAdvice) {

    private static final String POSTGRES_ADVICE = "use sslmode=verify-full";
    private static final String MYSQL_ADVICE = "use sslMode=verify-full";


    /** Reads {@code jdbc:postgresql://host:port/db?sslmode=...} and the MariaDB/MySQL forms. */
    public static ServerAddress of(String url) {
        String text = url == null ? "" : url.startsWith("jdbc:dbguard:") ? "jdbc:" + url.substring(13) : url;
        boolean postgresql = text.startsWith("jdbc:postgresql:");
        Map<String, String> parameters = parameters(text);
        String authority = authority(text);
        int at = authority.lastIndexOf('@');
        String hostPort = authority.substring(at + 1).split(",")[0];
        String host = hostPort;
        String port = postgresql ? "5432" : "3306";
        int colon = hostPort.lastIndexOf(':');
        if (colon > hostPort.lastIndexOf(']')) {
            host = hostPort.substring(0, colon);
            port = hostPort.substring(colon + 1);
        }
        host = host.toLowerCase(Locale.ROOT);
        String socketHost = parameters.getOrDefault("host", "");
        boolean unixSocket = socketHost.startsWith("/") || parameters.containsKey("localsocket")
                || parameters.getOrDefault("socketfactory", "").toLowerCase(Locale.ROOT).contains("unix");
        boolean loopback = unixSocket || isLoopback(host);
        return postgresql ? postgres(host, port, loopback, parameters) : mysqlFamily(host, port, loopback, parameters);
    }

    /** {@code host:port}, as the posture line names the server. */
    public String display() {
        return host + ":" + port;
    }

    private static ServerAddress postgres(String host, String port, boolean loopback, Map<String, String> parameters) {
        String mode = parameters.get("sslmode");
        if (mode == null && "true".equalsIgnoreCase(parameters.get("ssl"))) {
            // PgJDBC: ssl=true without sslmode means verify-full.
            return new ServerAddress(host, port, loopback, true, "ssl=true", POSTGRES_ADVICE);
        }
        String effective = mode == null ? "prefer" : mode.toLowerCase(Locale.ROOT);
        return new ServerAddress(host, port, loopback, effective.startsWith("verify-"),
                "sslmode=" + effective + (mode == null ? " (the driver's default)" : ""), POSTGRES_ADVICE);
    }

    private static ServerAddress mysqlFamily(String host, String port, boolean loopback,
                                             Map<String, String> parameters) {
        String mode = parameters.get("sslmode");
        if (mode != null) {
            String effective = mode.toLowerCase(Locale.ROOT);
            // MariaDB's verify-ca/verify-full, MySQL's VERIFY_CA/VERIFY_IDENTITY.
            return new ServerAddress(host, port, loopback, effective.startsWith("verify"), "sslMode=" + mode,
                    MYSQL_ADVICE);
        }
        // The older spellings: useSsl/useSSL with trustServerCertificate / verifyServerCertificate.
        boolean trusted = "true".equalsIgnoreCase(parameters.get("trustservercertificate"))
                || "false".equalsIgnoreCase(parameters.get("verifyservercertificate"));
        boolean ssl = "true".equalsIgnoreCase(parameters.get("usessl"));
        return new ServerAddress(host, port, loopback, ssl && !trusted,
                ssl ? "useSsl=true" + (trusted ? " trustServerCertificate=true" : "") : "sslMode not set",
                MYSQL_ADVICE);
    }

    /** Whether {@code host} (a name or an address, IPv6 in brackets or not) is this machine. */
    public static boolean isLoopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return bare.isEmpty() || bare.equals("localhost") || bare.startsWith("127.") || bare.equals("::1")
                || bare.equals("0:0:0:0:0:0:0:1");
    }

    private static String authority(String url) {
        int slashes = url.indexOf("//");
        if (slashes < 0) {
            return "";
        }
        String rest = url.substring(slashes + 2);
        int end = rest.length();
        for (char stop : new char[] {'/', '?', ';'}) {
            int index = rest.indexOf(stop);
            if (index >= 0 && index < end) {
                end = index;
            }
        }
        return rest.substring(0, end);
    }

    /** URL parameters with lower-case keys; {@code ?a=b&c=d} and {@code ;a=b}. */
    private static Map<String, String> parameters(String url) {
        Map<String, String> parameters = new TreeMap<>();
        int start = url.indexOf('?');
        if (start < 0) {
            return parameters;
        }
        for (String pair : url.substring(start + 1).split("[&;]")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                parameters.put(pair.substring(0, equals).trim().toLowerCase(Locale.ROOT),
                        pair.substring(equals + 1).trim());
            }
        }
        return parameters;
    }
}
