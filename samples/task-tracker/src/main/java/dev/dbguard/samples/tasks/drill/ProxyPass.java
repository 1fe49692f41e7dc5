package dev.dbguard.samples.tasks.drill;

import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.StatementGuard;
import dev.dbguard.core.audit.AuditFormat;
import dev.dbguard.core.audit.AuditSink;
import dev.dbguard.core.audit.Slf4jAuditSink;
import dev.dbguard.pgproxy.PgProxy;
import dev.dbguard.samples.tasks.PostgresDatabase;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The drill's pass through {@code dbguard-pg-proxy}: the production schema behind the wire-protocol proxy (started in
 * the drill's JVM, environment production, mode block), and clients no JVM guard sees: psql as someone in the wrong
 * terminal tab types it, a clean-up script, what {@code prisma migrate reset} sends, and raw SQL from a JVM tool that
 * has no dbguard. Without psql on the machine its attempts are left out, and the pass says so.
 */
final class ProxyPass {

    /** Where the drill looks for psql; the PostgreSQL client package puts it in the first. */
    private static final List<Path> PSQL = List.of(Path.of("/usr/bin/psql"), Path.of("/usr/local/bin/psql"),
            Path.of("/usr/lib/postgresql/15/bin/psql"));

    private final PostgresDatabase database;
    private final DrillDatabase schemas;
    private final String schema;
    private final boolean verbose;
    private final DrillPrinter printer;

    ProxyPass(PostgresDatabase database, DrillDatabase schemas, String schema, boolean verbose, DrillPrinter printer) {
        this.database = database;
        this.schemas = schemas;
        this.schema = schema;
        this.verbose = verbose;
        this.printer = printer;
    }

    /** Fills the schema afresh, starts the proxy in front of it, replays the accidents through it. */
    ProxyPassReport run(int number) throws Exception {
        schemas.recreate(schema);
        URI url = URI.create(database.jdbcUrl().substring("jdbc:".length()));
        InetSocketAddress upstream = new InetSocketAddress(url.getHost(), url.getPort() < 0 ? 5432 : url.getPort());
        String path = url.getPath();
        String databaseName = path == null || path.length() <= 1 ? "postgres" : path.substring(1);
        AuditRecorder audit = new AuditRecorder();
        CapturedLog log = new CapturedLog(verbose);
        log.attach();
        StatementGuard guard = new StatementGuard(GuardConfig.builder()
                .environment("production", "--env")
                .auditSink(AuditSink.safely(new Slf4jAuditSink(AuditFormat.TEXT), audit))
                .build());
        try (PgProxy proxy = PgProxy.start("production", new InetSocketAddress("127.0.0.1", 0), upstream, guard)) {
            Clients clients = new Clients(proxy.address().getPort(), databaseName, url.getRawQuery());
            Path psql = PSQL.stream().filter(Files::isExecutable).findFirst().orElse(null);
            printer.proxyPassStart(number, schema, "127.0.0.1:" + proxy.address().getPort(),
                    upstream.getHostString() + ":" + upstream.getPort(), psql != null);
            List<AccidentReport> reports = new ArrayList<>();
            for (ProxyAccident accident : accidents(clients, psql)) {
                Snapshot before = schemas.snapshot(schema);
                AttemptRecorder attempts = new AttemptRecorder(audit);
                attempts.attempt(accident.what(), accident.action());
                AccidentReport report = new AccidentReport(reports.size() + 1, accident.title(),
                        attempts.attempts(), log.drain(), before, schemas.snapshot(schema));
                printer.accident(report, null, false);
                reports.add(report);
            }
            ProxyPassReport pass = new ProxyPassReport(schema, psql != null, reports);
            printer.proxyPassEnd(pass);
            return pass;
        } finally {
            log.detach();
            CapturedLog.quiet(verbose);
        }
    }

    private List<ProxyAccident> accidents(Clients clients, Path psql) {
        List<ProxyAccident> accidents = new ArrayList<>();
        if (psql != null) {
            accidents.add(new ProxyAccident("psql in the wrong terminal tab: someone empties a table they think is"
                    + " local", "psql -c 'TRUNCATE tasks CASCADE'",
                    () -> clients.psql(psql, "-c", "TRUNCATE tasks CASCADE")));
            accidents.add(new ProxyAccident("A clean-up script run with psql -f against the production URL",
                    "psql -f cleanup.sql (DELETE ... WHERE 1=1; DROP COLUMN)",
                    () -> clients.psqlScript(psql, "DELETE FROM tasks WHERE 1=1;\n"
                            + "ALTER TABLE tasks DROP COLUMN note;\n")));
            accidents.add(new ProxyAccident("prisma migrate reset with DATABASE_URL naming production",
                    "DROP SCHEMA \"" + schema + "\" CASCADE (psql)",
                    () -> clients.psql(psql, "-c", "DROP SCHEMA \"" + schema + "\" CASCADE")));
        }
        accidents.add(new ProxyAccident("A JVM tool without dbguard (plain PgJDBC) points at the proxy",
                "DROP TABLE projects CASCADE (PgJDBC, raw SQL)",
                () -> clients.jdbc("DROP TABLE projects CASCADE")));
        return accidents;
    }

    /**
     * One accident of this pass.
     *
     * @param title  what happens, in one line
     * @param what   the attempt, as the drill's table shows it
     * @param action the client doing it
     */
    private record ProxyAccident(String title, String what, AttemptRecorder.Action action) {
    }

    /** The clients of this pass, connected to the proxy and working in the drill's schema. */
    private final class Clients {

        private final int port;
        private final String databaseName;
        private final String user;
        private final String password;

        /** @param query the database URL's parameters, where the user and password may be instead */
        Clients(int port, String databaseName, String query) {
            this.port = port;
            this.databaseName = databaseName;
            Map<String, String> parameters = new HashMap<>();
            for (String pair : query == null ? new String[0] : query.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    parameters.put(pair.substring(0, equals),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
            this.user = database.user() != null ? database.user() : parameters.getOrDefault("user", "postgres");
            this.password = database.password() != null ? database.password() : parameters.getOrDefault("password", "");
        }

        /** PgJDBC without any guard, as a JVM tool outside the application would connect. */
        String jdbc(String sql) throws SQLException {
            Properties properties = new Properties();
            properties.setProperty("user", user);
            if (!password.isEmpty()) {
                properties.setProperty("password", password);
            }
            properties.setProperty("currentSchema", schema);
            properties.setProperty("sslmode", "disable");
            properties.setProperty("ApplicationName", "unguarded-jvm-tool");
            try (Connection connection = DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + port + "/" + databaseName, properties);
                 Statement statement = connection.createStatement()) {
                statement.execute(sql);
                return "ran";
            } catch (SQLException e) {
                return "PgJDBC got " + e.getClass().getSimpleName() + ", SQLState " + e.getSQLState();
            }
        }

        /** psql with a script file, as {@code psql -f} reads it. */
        String psqlScript(Path psql, String script) throws IOException, InterruptedException {
            Path file = Files.createTempFile("dbguard-drill-cleanup", ".sql");
            try {
                Files.writeString(file, script, StandardCharsets.UTF_8);
                return psql(psql, "-f", file.toString());
            } finally {
                Files.deleteIfExists(file);
            }
        }

        /** psql with these arguments, with libpq's variables naming the proxy and nothing of the machine's own. */
        String psql(Path psql, String... arguments) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of(psql.toString(), "-X", "-q"));
            command.addAll(List.of(arguments));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
            builder.environment().put("PGHOST", "127.0.0.1");
            builder.environment().put("PGPORT", String.valueOf(port));
            builder.environment().put("PGDATABASE", databaseName);
            builder.environment().put("PGUSER", user);
            builder.environment().put("PGOPTIONS", "-c search_path=" + schema);
            builder.environment().put("PGCONNECT_TIMEOUT", "10");
            if (!password.isEmpty()) {
                builder.environment().put("PGPASSWORD", password);
            }
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "psql did not finish within 30 s";
            }
            return "psql exit " + process.exitValue() + ": " + firstError(output);
        }

        /** {@code ERROR:  dbguard: refused TRUNCATE tasks (rule truncate)}: psql's first error, up to the rule. */
        private static String firstError(String output) {
            String error = output.lines().filter(line -> line.contains("ERROR:")).findFirst().orElse("no error");
            error = error.substring(error.indexOf("ERROR:"));
            int dataSource = error.indexOf(" on data source ");
            return dataSource < 0 ? error : error.substring(0, dataSource);
        }
    }
}
