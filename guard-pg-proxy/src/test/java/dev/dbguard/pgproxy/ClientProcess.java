package dev.dbguard.pgproxy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real client program (psql, pgbench, node, Debian's python3) run as a process against a {@link ProxiedPostgres},
 * with libpq's variables set for it, so every client finds the proxy, the test schema and nothing of this machine's
 * own libpq settings. A client missing from the machine fails the test, naming what to install: no test passes by
 * skipping.
 */
final class ClientProcess {

    private static final Logger LOG = LoggerFactory.getLogger(ClientProcess.class);

    private static final List<String> TOOL_DIRECTORIES = List.of("/usr/bin", "/usr/local/bin",
            "/usr/lib/postgresql/15/bin");

    private final List<String> command = new ArrayList<>();
    private final ProcessBuilder builder = new ProcessBuilder(command);

    private ClientProcess(String executable, List<String> arguments) {
        command.add(executable);
        command.addAll(arguments);
        // nothing of the machine's libpq settings may change what the test sees
        builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
        builder.environment().put("PGCONNECT_TIMEOUT", "10");
    }

    /**
     * The path of {@code name} in the usual directories or on {@code PATH}.
     *
     * @param install what to install when it is missing, e.g. {@code apt-get install -y postgresql-client}
     * @throws AssertionError naming the missing tool and its install command
     */
    static String tool(String name, String install) {
        List<String> directories = new ArrayList<>(TOOL_DIRECTORIES);
        directories.addAll(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        for (String directory : directories) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, name))) {
                return Path.of(directory, name).toString();
            }
        }
        throw new AssertionError(name + " IS NOT INSTALLED on this machine: the test of this client through the"
                + " proxy cannot run; install it (" + install + "), as .ci/run does");
    }

    /** {@code executable arguments...}, connecting wherever libpq's variables set by {@link #to} say. */
    static ClientProcess of(String executable, String... arguments) {
        return new ClientProcess(executable, List.of(arguments));
    }

    /**
     * Points libpq's variables ({@code PGHOST}, {@code PGPORT}, {@code PGUSER}, {@code PGDATABASE},
     * {@code PGPASSWORD}, {@code PGOPTIONS} with the test schema as {@code search_path}) at {@code host:port}: the
     * proxy, or the server itself for set-up.
     */
    ClientProcess to(ProxiedPostgres pg, String host, int port) {
        Map<String, String> environment = builder.environment();
        environment.put("PGHOST", host);
        environment.put("PGPORT", String.valueOf(port));
        environment.put("PGUSER", pg.database.user());
        environment.put("PGDATABASE", pg.databaseName);
        environment.put("PGOPTIONS", "-c search_path=" + pg.schema);
        // libpq's default: asks for TLS first and continues in plain text when the proxy declines
        environment.put("PGSSLMODE", "prefer");
        if (!pg.database.password().isEmpty()) {
            environment.put("PGPASSWORD", pg.database.password());
        }
        return this;
    }

    /** {@link #to} the proxy of {@code pg}. */
    ClientProcess throughProxy(ProxiedPostgres pg) {
        return to(pg, "127.0.0.1", pg.port());
    }

    /** Runs in {@code directory} instead of the build's working directory. */
    ClientProcess in(Path directory) {
        builder.directory(directory.toFile());
        return this;
    }

    /** Sets one more environment variable for the process. */
    ClientProcess with(String name, String value) {
        builder.environment().put(name, value);
        return this;
    }

    /** Writes standard error into standard output, in the order a terminal shows them ({@link Run#stderr} empty). */
    ClientProcess errorsInline() {
        builder.redirectErrorStream(true);
        return this;
    }

    /** Runs it to the end (60 s at most), standard input empty, and logs what it printed. */
    Run run() throws IOException, InterruptedException {
        Path out = Files.createTempFile("dbguard-client", ".out");
        Path err = Files.createTempFile("dbguard-client", ".err");
        try {
            Process process = builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(command + " did not finish within 60 s");
            }
            Run run = new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            LOG.info("{} exited {}\nstdout:\n{}\nstderr:\n{}", command, run.exitCode(), run.stdout(), run.stderr());
            return run;
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /**
     * What a client process did.
     *
     * @param exitCode its exit code
     * @param stdout   what it printed to standard output
     * @param stderr   what it printed to standard error
     */
    record Run(int exitCode, String stdout, String stderr) {

        /** The lines of standard output that start with {@code step + ": "}, without that prefix. */
        List<String> step(String step) {
            String prefix = step + ": ";
            return stdout.lines().filter(line -> line.startsWith(prefix))
                    .map(line -> line.substring(prefix.length())).toList();
        }

        /** The step's block: its line and the indented lines after it (message, detail, hint of an error). */
        String block(String step) {
            List<String> lines = stdout.lines().toList();
            StringBuilder block = new StringBuilder();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith(step + ": ")) {
                    block.append(lines.get(i)).append('\n');
                    for (int j = i + 1; j < lines.size() && lines.get(j).startsWith("  "); j++) {
                        block.append(lines.get(j)).append('\n');
                    }
                }
            }
            return block.toString();
        }
    }
}
