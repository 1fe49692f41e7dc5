package dev.dbguard.pgproxy;

import dev.dbguard.core.Dialect;
import dev.dbguard.core.GuardConfig;
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
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * {@code java -jar dbguard-pg-proxy.jar --listen 127.0.0.1:6432 --upstream db.example.com:5432 --env production}:
 * one route, configured by the same {@code dbguard.*} keys as the JDBC driver and the starter (from {@code --config}
 * and {@code -D} system properties; {@code --env} wins over both). Exit codes: 0 after a normal stop, 2 for a usage
 * or configuration error.
 */
@Command(name = "dbguard-pg-proxy", mixinStandardHelpOptions = true, version = "dbguard-pg-proxy 0.1.0",
        description = "PostgreSQL wire-protocol proxy: every statement any client sends is judged by dbguard before"
                + " it reaches the server.", sortOptions = false)
public final class PgProxyCommand implements Callable<Integer> {

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:6432",
            description = "Where clients connect (default: ${DEFAULT-VALUE}).")
    String listen;

    @Option(names = "--upstream", paramLabel = "HOST:PORT", required = true,
            description = "The PostgreSQL server clients are relayed to.")
    String upstream;

    @Option(names = "--env", paramLabel = "ENVIRONMENT",
            description = "The environment of the upstream, e.g. production (sets dbguard.env).")
    String environment;

    @Option(names = "--route", paramLabel = "NAME", defaultValue = "pg-proxy",
            description = "The route's name in refusals and audit events (default: ${DEFAULT-VALUE}).")
    String route;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A properties file with dbguard.* keys (modes, rules, allow-list, audit ...).")
    Path config;

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

    /** Runs the command line and exits with its code. */
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
        Route resolved = route();
        StatementGuard guard = new StatementGuard(guardConfig());
        Duration drain = Duration.ofSeconds(Math.max(0, shutdownTimeoutSeconds));
        PgProxy proxy = PgProxy.start(resolved, guard);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> proxy.shutdown(drain), "dbguard-pg-proxy-shutdown"));
        System.err.println("dbguard-pg-proxy: route " + resolved.name() + ": listening on "
                + proxy.address().getHostString() + ":" + proxy.address().getPort() + ", upstream " + upstream
                + ", environment " + guard.environment().environment().name() + " (mode "
                + guard.target(resolved.name(), resolved.upstreamUrl(""), Dialect.POSTGRESQL).mode().id() + ")");
        // runs until SIGTERM/Ctrl-C, whose hook drains the sessions
        proxy.awaitTermination();
        return 0;
    }

    Route route() {
        if (connectTimeoutSeconds < 1 || connectTimeoutSeconds > 3600) {
            throw new IllegalArgumentException("--connect-timeout must be 1 to 3600 seconds, got "
                    + connectTimeoutSeconds);
        }
        return new Route(route, address(listen, "--listen"), address(upstream, "--upstream"), maxMessageLength,
                connectTimeoutSeconds * 1000);
    }

    GuardConfig guardConfig() throws IOException {
        GuardConfig.Builder builder = GuardConfig.builder();
        if (config != null) {
            Properties file = new Properties();
            try (Reader reader = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
                file.load(reader);
            }
            builder.properties(flat(file), "config file " + config);
        }
        builder.properties(flat(System.getProperties()), "system property");
        if (environment != null) {
            builder.environment(environment, "--env");
        }
        return builder.build();
    }

    private static Map<String, String> flat(Properties properties) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            map.put(name, properties.getProperty(name));
        }
        return map;
    }

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
}
