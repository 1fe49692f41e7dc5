package dev.dbguard.pgproxy;

import dev.dbguard.core.Dialect;
import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.Mode;
import dev.dbguard.core.StatementGuard;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * {@code java -jar dbguard-pg-proxy.jar --listen 127.0.0.1:6432 --upstream db.example.com:5432 --env production}:
 * one route from the options, or several from the {@code route.<name>.*} entries of {@code --config}; the engine is
 * configured by the same {@code dbguard.*} keys as the JDBC driver and the starter (from {@code --config} and
 * {@code -D} system properties; {@code --env} wins over both), shared by every route. Exit codes: 0 after a normal
 * stop, 2 for a usage or configuration error.
 */
@Command(name = "dbguard-pg-proxy", mixinStandardHelpOptions = true, version = "dbguard-pg-proxy 0.1.0",
        description = "PostgreSQL wire-protocol proxy: every statement any client sends is judged by dbguard before"
                + " it reaches the server.", sortOptions = false)
public final class PgProxyCommand implements Callable<Integer> {

    /** The config file's key for the admin port. */
    static final String ADMIN_LISTEN_KEY = "admin.listen";

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:6432",
            description = "Where clients connect (default: ${DEFAULT-VALUE}).")
    String listen;

    @Option(names = "--upstream", paramLabel = "HOST:PORT",
            description = "The PostgreSQL server clients are relayed to (required unless --config declares routes).")
    String upstream;

    @Option(names = "--env", paramLabel = "ENVIRONMENT",
            description = "The environment of the upstream, e.g. production (sets dbguard.env).")
    String environment;

    @Option(names = "--route", paramLabel = "NAME", defaultValue = "pg-proxy",
            description = "The route's name in refusals and audit events (default: ${DEFAULT-VALUE}).")
    String route;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A properties file with dbguard.* keys (modes, rules, allow-list, audit ...) shared by every"
                    + " route, and route.<name>.<setting> entries for several routes in place of --listen/--upstream.")
    Path config;

    @Option(names = "--mode", paramLabel = "MODE",
            description = "The route's mode whatever the environment's: block, audit, off or read-only (read-only"
                    + " also makes every session read-only on the server).")
    String mode;

    @Option(names = "--allow-replication",
            description = "Relay replication connections (replication= in the startup packet); refused otherwise.")
    boolean allowReplication;

    @Option(names = "--tls-certificate", paramLabel = "PEM",
            description = "The certificate (chain) clients get over TLS; with --tls-key, SSLRequest is answered S.")
    Path tlsCertificate;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "The private key of --tls-certificate (PKCS#8).")
    Path tlsKey;

    @Option(names = "--tls-required", description = "Refuse clients that do not use TLS.")
    boolean tlsRequired;

    @Option(names = "--upstream-sslmode", paramLabel = "MODE", defaultValue = "disable",
            description = "TLS to the server: disable, require or verify-full (default: ${DEFAULT-VALUE}).")
    String upstreamSslmode;

    @Option(names = "--upstream-ca-file", paramLabel = "PEM",
            description = "The CA certificates the server's certificate must chain to (verify-full).")
    Path upstreamCaFile;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "0",
            description = "Close a client session that sends nothing for this long; 0 never (default: ${DEFAULT-VALUE}).")
    int idleTimeoutSeconds;

    @Option(names = "--admin-listen", paramLabel = "HOST:PORT",
            description = "Serve /metrics (Prometheus), /posture and /health here (or admin.listen in --config);"
                    + " off when not given.")
    String adminListen;

    @Option(names = "--max-message-length", paramLabel = "BYTES", defaultValue = "" + Route.DEFAULT_MAX_MESSAGE_LENGTH,
            description = "Longest frontend message accepted; a longer one closes that connection with 08P01"
                    + " (default: ${DEFAULT-VALUE}).")
    int maxMessageLength;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "How long connecting to the upstream may take before the client gets 08001"
                    + " (default: ${DEFAULT-VALUE}).")
    int connectTimeoutSeconds;

    @Option(names = "--shutdown-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "On SIGTERM/Ctrl-C: stop accepting, let open sessions finish for this long, then close them"
                    + " (default: ${DEFAULT-VALUE}).")
    int shutdownTimeoutSeconds;

    /**
     * Runs the command line and exits the JVM with its code.
     *
     * @param args the command-line options; {@code --help} lists them with their defaults
     */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new PgProxyCommand());
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("dbguard-pg-proxy: " + e.getMessage());
            return 2;
        });
        return commandLine;
    }

    @Override
    public Integer call() throws Exception {
        Map<String, String> file = configFile();
        List<Route> routes = routes(file);
        StatementGuard guard = new StatementGuard(guardConfig(file));
        Duration drain = Duration.ofSeconds(Math.max(0, shutdownTimeoutSeconds));
        InetSocketAddress admin = adminAddress(file);
        PgProxy proxy = PgProxy.start(routes, guard, admin);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> proxy.shutdown(drain), "dbguard-pg-proxy-shutdown"));
        for (Route each : routes) {
            InetSocketAddress bound = proxy.address(each.name());
            Mode routeMode = each.mode() != null ? each.mode()
                    : guard.target(each.name(), each.upstreamUrl(""), Dialect.POSTGRESQL).mode();
            System.err.println("dbguard-pg-proxy: route " + each.name() + ": listening on " + bound.getHostString()
                    + ":" + bound.getPort() + (each.clientTls().enabled() ? (each.clientTls().required()
                    ? " (TLS required)" : " (TLS)") : "") + ", upstream " + each.upstreamName()
                    + (each.upstreamTls().enabled() ? " (sslmode " + each.upstreamTls().mode().id() + ")" : "")
                    + ", environment " + guard.environment().environment().name() + " (mode " + routeMode.id() + ")");
        }
        if (admin != null) {
            System.err.println("dbguard-pg-proxy: admin port on " + proxy.adminAddress().getHostString() + ":"
                    + proxy.adminAddress().getPort() + " (/metrics, /posture, /health)");
        }
        // runs until SIGTERM/Ctrl-C, whose hook drains the sessions
        proxy.awaitTermination();
        return 0;
    }

    /** The single route of the options, or the config file's routes. */
    List<Route> routes(Map<String, String> file) {
        if (RouteSettings.declaresRoutes(file)) {
            if (upstream != null) {
                throw new IllegalArgumentException("--upstream and route.* entries in " + config + " both declare"
                        + " routes: give one or the other");
            }
            return RouteSettings.routes(file, "config file " + config);
        }
        if (upstream == null) {
            throw new IllegalArgumentException("--upstream is missing: give --upstream HOST:PORT, or route.<name>.*"
                    + " entries in --config");
        }
        return List.of(route());
    }

    /** The admin port: {@code --admin-listen}, else the config file's {@code admin.listen}, else none. */
    InetSocketAddress adminAddress(Map<String, String> file) {
        if (adminListen != null) {
            return RouteSettings.address(adminListen, "--admin-listen");
        }
        String fromFile = file.get(ADMIN_LISTEN_KEY);
        return fromFile == null || fromFile.isBlank() ? null
                : RouteSettings.address(fromFile.trim(), ADMIN_LISTEN_KEY + " (config file " + config + ")");
    }

    Route route() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("listen", listen);
        settings.put("upstream", upstream);
        settings.put("mode", mode);
        settings.put("allow-replication", String.valueOf(allowReplication));
        settings.put("max-message-length", String.valueOf(maxMessageLength));
        settings.put("connect-timeout", String.valueOf(connectTimeoutSeconds));
        settings.put("idle-timeout", String.valueOf(idleTimeoutSeconds));
        settings.put("tls-certificate", tlsCertificate == null ? null : tlsCertificate.toString());
        settings.put("tls-key", tlsKey == null ? null : tlsKey.toString());
        settings.put("tls-required", String.valueOf(tlsRequired));
        settings.put("upstream-sslmode", upstreamSslmode);
        settings.put("upstream-ca-file", upstreamCaFile == null ? null : upstreamCaFile.toString());
        return RouteSettings.route(route, settings, RouteSettings.KEYS::get);
    }

    GuardConfig guardConfig() throws IOException {
        return guardConfig(configFile());
    }

    private GuardConfig guardConfig(Map<String, String> file) {
        GuardConfig.Builder builder = GuardConfig.builder();
        if (config != null) {
            builder.properties(file, "config file " + config);
        }
        builder.properties(flat(System.getProperties()), "system property");
        if (environment != null) {
            builder.environment(environment, "--env");
        }
        return builder.build();
    }

    Map<String, String> configFile() throws IOException {
        if (config == null) {
            return Map.of();
        }
        Properties file = new Properties();
        try (Reader reader = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
            file.load(reader);
        }
        return flat(file);
    }

    private static Map<String, String> flat(Properties properties) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            map.put(name, properties.getProperty(name));
        }
        return map;
    }
}
