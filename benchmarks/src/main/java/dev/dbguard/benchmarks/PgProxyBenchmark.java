package dev.dbguard.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * pgbench through a direct connection, PgBouncer (session pooling) and dbguard-pg-proxy (production, block mode),
 * in interleaved rounds; then the proxy's heap per idle client session. Writes a markdown report. Run it with
 * {@code benchmarks/pg-proxy.sh}, which builds the proxy's jar and installs PgBouncer when it is missing.
 *
 * <p>Options: {@code --rounds N} (5), {@code --seconds S} per pgbench run (3), {@code --scale N} (10),
 * {@code --idle N} idle sessions (1000), {@code --jar PATH} (guard-pg-proxy/target/dbguard-pg-proxy.jar),
 * {@code --out PATH} (benchmarks/target/pg-proxy-report.md), {@code --quick} (1 round of 2 s). PostgreSQL:
 * {@code DBGUARD_TEST_POSTGRES_URL}, else {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}; the benchmark
 * creates a database of its own there and drops it at the end.
 */
public final class PgProxyBenchmark {

    static final List<String> TARGETS = List.of("direct", "PgBouncer", "dbguard-pg-proxy");

    private int rounds = 5;
    private int seconds = 3;
    private int scale = 10;
    private int idle = 1000;
    private Path jar = Path.of("guard-pg-proxy/target/dbguard-pg-proxy.jar");
    private Path out = Path.of("benchmarks/target/pg-proxy-report.md");

    private PgProxyBenchmark() {
    }

    /** Runs the benchmark as the options say and writes the report. */
    public static void main(String[] args) throws Exception {
        PgProxyBenchmark benchmark = new PgProxyBenchmark();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> benchmark.rounds = Integer.parseInt(args[++i]);
                case "--seconds" -> benchmark.seconds = Integer.parseInt(args[++i]);
                case "--scale" -> benchmark.scale = Integer.parseInt(args[++i]);
                case "--idle" -> benchmark.idle = Integer.parseInt(args[++i]);
                case "--jar" -> benchmark.jar = Path.of(args[++i]);
                case "--out" -> benchmark.out = Path.of(args[++i]);
                case "--quick" -> {
                    benchmark.rounds = 1;
                    benchmark.seconds = 2;
                }
                default -> {
                    System.err.println("pg-proxy benchmark: unknown option " + args[i] + "; options: --rounds N"
                            + " --seconds S --scale N --idle N --jar PATH --out PATH --quick");
                    System.exit(2);
                }
            }
        }
        benchmark.run();
    }

    private void run() throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with ./mvnw -pl guard-pg-proxy -am package"
                    + " -DskipTests (benchmarks/pg-proxy.sh does)");
        }
        String pgbenchExecutable = executable("pgbench", "apt-get install -y postgresql-client");
        String pgbouncerExecutable = executable("pgbouncer", "apt-get install -y pgbouncer");
        PgbenchTarget server = server();
        String database = "dbguard_pgbench_" + UUID.randomUUID().toString().substring(0, 8);
        PgbenchTarget direct = new PgbenchTarget("direct", server.host(), server.port(), database, server.user(),
                server.password());
        double loadBefore = MachineInfo.loadAverage();
        Instant started = Instant.now();
        Path work = Files.createTempDirectory("dbguard-pg-proxy-bench");
        Path logs = Files.createDirectory(work.resolve("pgbench-logs"));
        Map<PgbenchPoint, Map<String, List<PgbenchResult>>> results = new LinkedHashMap<>();
        IdleFigures idleFigures;
        List<ProxyProfile> profiles;
        String versions;
        execute(server, "CREATE DATABASE " + database);
        // commits wait for no disk flush in this database alone: TPC-B then measures the path through the proxy,
        // not the shared disk's fsync latency, which would drown any difference
        execute(server, "ALTER DATABASE " + database + " SET synchronous_commit = off");
        try (PgBouncerInstance pgbouncer = PgBouncerInstance.start(pgbouncerExecutable, direct, work);
             ProxyInstance proxy = ProxyInstance.start(jar, "bench", direct.host(), direct.port(),
                     work.resolve("proxy.log"))) {
            versions = versions(server, pgbenchExecutable, pgbouncerExecutable);
            Map<String, PgbenchTarget> targets = new LinkedHashMap<>();
            targets.put("direct", direct);
            targets.put("PgBouncer", direct.via("PgBouncer", pgbouncer.port));
            targets.put("dbguard-pg-proxy", direct.via("dbguard-pg-proxy", proxy.port));
            Pgbench pgbench = new Pgbench(pgbenchExecutable, logs);
            System.out.println("pg-proxy benchmark: pgbench -i -s " + scale + " in database " + database);
            pgbench.initialise(direct, scale);
            // the JIT compiles the proxy's relay and judging paths before anything is measured
            for (PgbenchTarget target : targets.values()) {
                pgbench.run(target, new PgbenchPoint(true, "simple", 8), 3, threads());
                pgbench.run(target, new PgbenchPoint(false, "prepared", 8), 2, threads());
            }
            List<PgbenchPoint> points = PgbenchPoint.all();
            for (int round = 0; round < rounds; round++) {
                for (int p = 0; p < points.size(); p++) {
                    PgbenchPoint point = points.get(p);
                    for (int t = 0; t < TARGETS.size(); t++) {
                        // each round and point starts with another target, so no target always runs first
                        String name = TARGETS.get((t + round + p) % TARGETS.size());
                        PgbenchResult result = pgbench.run(targets.get(name), point, seconds, threads());
                        results.computeIfAbsent(point, key -> new LinkedHashMap<>())
                                .computeIfAbsent(name, key -> new ArrayList<>()).add(result);
                        System.out.printf(Locale.ROOT,
                                "round %d/%d  %-26s %-17s %9.0f tps  p50 %7.0f us  p99 %8.0f us%n",
                                round + 1, rounds, point.label(), name, result.tps(), result.p50Micros(),
                                result.p99Micros());
                    }
                }
            }
            if (proxy.output().contains("REFUSED")) {
                throw new IllegalStateException("the proxy refused a pgbench statement: " + proxy.output());
            }
            profiles = profile(pgbench, targets.get("dbguard-pg-proxy"), proxy, work);
            idleFigures = idleSessions(pgbouncer, direct, work);
        } finally {
            execute(server, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
        double loadAfter = MachineInfo.loadAverage();
        PgProxyReport report = new PgProxyReport(MachineInfo.current(), versions, started,
                Duration.between(started, Instant.now()), loadBefore, loadAfter, rounds, seconds, scale, results,
                profiles, idleFigures);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report.markdown());
        System.out.println("pg-proxy benchmark: report written to " + out);
    }

    /** After the measured rounds: where the proxy's CPU goes, for two workloads of 8 clients, 10 s each. */
    private static List<ProxyProfile> profile(Pgbench pgbench, PgbenchTarget proxyTarget, ProxyInstance proxy,
                                              Path work) throws IOException, InterruptedException {
        List<ProxyProfile> profiles = new ArrayList<>();
        for (PgbenchPoint point : List.of(new PgbenchPoint(true, "prepared", 8),
                new PgbenchPoint(false, "simple", 8))) {
            ProxyProfile.start(proxy);
            pgbench.run(proxyTarget, point, 10, threads());
            profiles.add(ProxyProfile.stop(proxy, work.resolve("profile.jfr"), point.label()));
            System.out.println("profiled the proxy under " + point.label());
        }
        return profiles;
    }

    /**
     * A proxy of its own in front of PgBouncer's transaction-pooled {@value PgBouncerInstance#IDLE_DATABASE}
     * database, so a thousand sessions need no thousand PostgreSQL backends; each still has its client and its
     * upstream connection in the proxy, as with any server.
     */
    private IdleFigures idleSessions(PgBouncerInstance pgbouncer, PgbenchTarget direct, Path work) throws Exception {
        try (ProxyInstance proxy = ProxyInstance.start(jar, "idle", "127.0.0.1", pgbouncer.port,
                work.resolve("idle-proxy.log"))) {
            // warm-up: classes loaded and pools made by a few sessions that come and go
            for (int i = 0; i < 50; i++) {
                IdleSessions.login("127.0.0.1", proxy.port, direct.user(), PgBouncerInstance.IDLE_DATABASE).close();
            }
            Thread.sleep(500);
            long heapNone = proxy.heapUsedAfterGcKib();
            long residentNone = proxy.residentKib();
            try (IdleSessions sessions = IdleSessions.open(idle, "127.0.0.1", proxy.port, direct.user(),
                    PgBouncerInstance.IDLE_DATABASE)) {
                Thread.sleep(1000);
                long heapIdle = proxy.heapUsedAfterGcKib();
                long residentIdle = proxy.residentKib();
                System.out.printf(Locale.ROOT, "idle sessions: %d open, proxy heap after GC %d KiB -> %d KiB%n",
                        sessions.size(), heapNone, heapIdle);
                return new IdleFigures(sessions.size(), heapNone, heapIdle, residentNone, residentIdle);
            }
        }
    }

    private static int threads() {
        return Runtime.getRuntime().availableProcessors();
    }

    private static PgbenchTarget server() {
        String url = System.getenv().getOrDefault("DBGUARD_TEST_POSTGRES_URL",
                "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
        URI uri = URI.create(url.substring("jdbc:".length()));
        Map<String, String> parameters = new LinkedHashMap<>();
        if (uri.getQuery() != null) {
            for (String pair : uri.getQuery().split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    parameters.put(pair.substring(0, equals), pair.substring(equals + 1));
                }
            }
        }
        String path = uri.getPath();
        String database = path == null || path.length() <= 1 ? "postgres" : path.substring(1);
        return new PgbenchTarget("server", uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), database,
                parameters.getOrDefault("user", "postgres"), parameters.getOrDefault("password", ""));
    }

    private static void execute(PgbenchTarget server, String sql) throws SQLException {
        try (Connection connection = connect(server); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static Connection connect(PgbenchTarget server) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + server.host() + ":" + server.port() + "/"
                + server.database(), server.user(), server.password());
    }

    private static String versions(PgbenchTarget server, String pgbench, String pgbouncer) throws Exception {
        String postgres;
        try (Connection connection = connect(server); Statement statement = connection.createStatement();
             var rows = statement.executeQuery("SHOW server_version")) {
            rows.next();
            postgres = "PostgreSQL " + rows.getString(1);
        }
        return postgres + ", " + firstLine(List.of(pgbench, "--version")) + ", "
                + firstLine(List.of(pgbouncer, "--version"));
    }

    private static String firstLine(List<String> command) throws IOException, InterruptedException {
        return ChildCommand.run(command, Map.of(), Duration.ofSeconds(30)).checked(command).stdout().lines()
                .findFirst().orElse("").strip();
    }

    private static String executable(String name, String install) {
        for (String directory : List.of("/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/lib/postgresql/15/bin")) {
            Path candidate = Path.of(directory, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException(name + " is not installed: " + install + " (benchmarks/pg-proxy.sh does)");
    }
}
