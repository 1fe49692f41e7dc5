package dev.dbguard.pgproxy;

import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.StatementGuard;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The posture of each account on a route, read inside the account's first session through the proxy (the proxy has
 * no credentials of its own): a superuser, a schema owner, a least-privilege role; {@code fail-on} refusing the
 * owner's sessions until the ownership is fixed; a catalog query that times out never failing the session. Real
 * PostgreSQL; the roles carry the test schema's random name and are dropped.
 */
@Timeout(60)
@ExtendWith(NoLeaks.class)
class PgProxyPostureTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ProxiedPostgres pg;
    /** The production route that reports, and the production route that refuses owners. */
    private static PgProxy reporting;
    private static PgProxy refusing;
    private static String owner;
    private static String granted;
    private static String latecomer;

    @BeforeAll
    static void start() throws Exception {
        pg = new ProxiedPostgres("proxy_posture");
        owner = pg.schema + "_owner";
        granted = pg.schema + "_app";
        latecomer = pg.schema + "_late";
        pg.direct("CREATE ROLE " + owner + " LOGIN", "CREATE ROLE " + granted + " LOGIN",
                "CREATE ROLE " + latecomer + " LOGIN",
                "CREATE TABLE tasks (id int PRIMARY KEY, title text)", "INSERT INTO tasks VALUES (1, 'a'), (2, 'b')",
                "ALTER SCHEMA " + pg.schema + " OWNER TO " + owner, "ALTER TABLE tasks OWNER TO " + owner,
                "GRANT USAGE ON SCHEMA " + pg.schema + " TO " + granted + ", " + latecomer,
                "GRANT SELECT, INSERT, UPDATE, DELETE ON tasks TO " + granted + ", " + latecomer);
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        reporting = PgProxy.start(List.of(new Route("reporting", any, pg.upstream, Route.DEFAULT_MAX_MESSAGE_LENGTH)),
                new StatementGuard(GuardConfig.builder().environment("production", "test").build()), any);
        refusing = PgProxy.start(List.of(new Route("refusing", any, pg.upstream, Route.DEFAULT_MAX_MESSAGE_LENGTH)),
                new StatementGuard(GuardConfig.builder().environment("production", "test")
                        .postureFailOn(List.of("owner", "superuser")).build()), any);
    }

    @AfterAll
    static void stop() throws Exception {
        for (PgProxy proxy : new PgProxy[] {reporting, refusing}) {
            if (proxy != null) {
                proxy.close();
            }
        }
        if (pg != null) {
            try {
                pg.close();
            } finally {
                pg.database.connect().createStatement().execute("DROP ROLE IF EXISTS " + owner + ", " + granted
                        + ", " + latecomer);
            }
        }
    }

    @Test
    void eachAccountHasItsPostureReadInItsFirstSessionAndShownOnTheAdminPort() throws Exception {
        for (String user : List.of(pg.database.user(), owner, granted)) {
            try (Connection connection = connect(reporting, user)) {
                assertThat(count(connection)).as(user + " uses the session as usual").isEqualTo(2);
            }
        }

        String postures = admin(reporting, "/posture");
        assertThat(entry(postures, pg.database.user())).contains("\"checked\":true", "\"exposed\":true",
                "\"superuser\":\"account " + pg.database.user() + " has SUPERUSER");
        assertThat(entry(postures, owner)).contains("\"exposed\":true",
                "\"owner\":\"account " + owner + " is the OWNER of schema " + pg.schema,
                "\"line\":\"dbguard posture 'reporting: " + owner + "@" + pg.databaseName + "' (production): ");
        assertThat(entry(postures, granted)).contains("\"checked\":true", "\"exposed\":false",
                "nothing exposed: account " + granted + " owns none of the");
        String metrics = admin(reporting, "/metrics");
        assertThat(gauge(metrics, owner, "owner")).isEqualTo(1.0);
        assertThat(gauge(metrics, owner, "superuser")).isEqualTo(0.0);
        assertThat(gauge(metrics, pg.database.user(), "superuser")).isEqualTo(1.0);
        assertThat(gauge(metrics, granted, "owner")).isEqualTo(0.0);
    }

    @Test
    void failOnRefusesTheAccountsSessionsInProductionUntilTheAccountIsFixed() throws Exception {
        assertThatThrownBy(() -> connect(refusing, owner)).isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("28000");
            assertThat(e.getMessage()).contains("route 'refusing' (production) does not relay account " + owner,
                    "is the OWNER of schema " + pg.schema, "dbguard.posture.fail-on=owner", "Least privilege");
        });
        assertThatThrownBy(() -> connect(refusing, pg.database.user())).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getMessage()).contains("fail-on=superuser", "has SUPERUSER"));
        assertThat(pg.count("tasks")).isEqualTo(2);
        try (Connection connection = connect(refusing, granted)) {
            assertThat(count(connection)).isEqualTo(2);
        }

        // Read again in every session while it is refused: the fix takes effect without a restart.
        pg.direct("ALTER TABLE tasks OWNER TO " + pg.database.user(),
                "ALTER SCHEMA " + pg.schema + " OWNER TO " + pg.database.user(),
                "GRANT USAGE ON SCHEMA " + pg.schema + " TO " + owner,
                "GRANT SELECT, INSERT, UPDATE, DELETE ON tasks TO " + owner);
        try (Connection connection = connect(refusing, owner)) {
            assertThat(count(connection)).isEqualTo(2);
        } finally {
            pg.direct("ALTER SCHEMA " + pg.schema + " OWNER TO " + owner, "ALTER TABLE tasks OWNER TO " + owner);
        }
        assertThat(gauge(admin(refusing, "/metrics"), owner, "owner")).isEqualTo(0.0);
        assertThat(gauge(admin(refusing, "/metrics"), pg.database.user(), "superuser")).isEqualTo(1.0);
        assertThat(admin(refusing, "/metrics"))
                .contains("dbguard_proxy_connections_refused_total{reason=\"posture\",route=\"refusing\"} 2.0");
    }

    @Test
    void aCatalogQueryThatTimesOutNeverFailsTheSession() throws Exception {
        // A lock on a catalog the posture query reads: it waits until its two-second limit ends it.
        try (Connection locker = pg.database.connect(); Statement lock = locker.createStatement()) {
            locker.setAutoCommit(false);
            lock.execute("LOCK TABLE pg_catalog.pg_auth_members IN ACCESS EXCLUSIVE MODE");
            try (Connection connection = connect(refusing, latecomer)) {
                assertThat(count(connection)).isEqualTo(2);
                // the check's SET LOCAL ended with its own transaction
                assertThat(setting(connection, "statement_timeout")).isEqualTo("0");
            } finally {
                locker.rollback();
            }
        }

        assertThat(entry(admin(refusing, "/posture"), latecomer)).contains("\"checked\":false",
                "not checked (the catalog query failed: canceling statement due to statement timeout;"
                        + " the session is used as it is)");
        assertThat(gauge(admin(refusing, "/metrics"), latecomer, "owner")).isNaN();
    }

    @Test
    void aSettledAccountIsNotReadAgain() throws Exception {
        try (Connection connection = connect(reporting, granted)) {
            assertThat(count(connection)).isEqualTo(2);
        }
        pg.direct("GRANT TRUNCATE ON tasks TO " + granted);
        try {
            try (Connection connection = connect(reporting, granted)) {
                assertThat(count(connection)).isEqualTo(2);
            }
            assertThat(entry(admin(reporting, "/posture"), granted)).doesNotContain("TRUNCATE");
        } finally {
            pg.direct("REVOKE TRUNCATE ON tasks FROM " + granted);
        }
    }

    private static Connection connect(PgProxy proxy, String user) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        return pg.connect(proxy.address().getPort(), properties);
    }

    private static int count(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM tasks")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static String setting(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW " + name)) {
            rows.next();
            return rows.getString(1);
        }
    }

    /** The {@code /posture} object of {@code user} on the test database. */
    private static String entry(String postures, String user) {
        Matcher matcher = Pattern.compile("\\{\"route\":\"[^\"]+\",\"account\":\"" + Pattern.quote(user + "@"
                + pg.databaseName) + "\".*?\"line\":\"(?:[^\"\\\\]|\\\\.)*\"}").matcher(postures);
        assertThat(matcher.find()).as(user + " in\n" + postures).isTrue();
        return matcher.group();
    }

    private static double gauge(String scrape, String user, String finding) {
        Matcher matcher = Pattern.compile("^dbguard_posture\\{account=\"" + Pattern.quote(user + "@"
                + pg.databaseName) + "\",finding=\"" + finding + "\",route=\"[^\"]+\",?} (\\S+)$", Pattern.MULTILINE)
                .matcher(scrape);
        assertThat(matcher.find()).as(user + " " + finding + " in\n" + scrape).isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    private static String admin(PgProxy proxy, String path) throws Exception {
        InetSocketAddress address = proxy.adminAddress();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + address.getPort() + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
