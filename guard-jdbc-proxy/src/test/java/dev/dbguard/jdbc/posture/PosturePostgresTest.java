package dev.dbguard.jdbc.posture;

import dev.dbguard.DbGuard;
import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.Mode;
import dev.dbguard.core.StatementGuard;
import dev.dbguard.core.Target;
import dev.dbguard.core.internal.posture.PostureFacts;
import dev.dbguard.core.posture.Posture;
import dev.dbguard.core.posture.PostureFinding;
import dev.dbguard.jdbc.GuardedDataSource;
import dev.dbguard.testsupport.TestDatabase;
import dev.dbguard.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The posture of real PostgreSQL accounts: a superuser, a table owner, least-privilege roles made by the test and
 * by the generated fix-up SQL, a read-only role. Every role and the schema carry a random suffix and are dropped.
 */
class PosturePostgresTest {

    /** Every schema made here; each has the roles {@code <schema>_acct, _granted, _owner, _readonly}. */
    private static final List<String> SCHEMAS = new CopyOnWriteArrayList<>();

    private static TestDatabase postgres;
    private static String schema;
    /** The account that owns the schema and its tables. */
    private static String appAccount;
    private static String grantedAccount;

    @BeforeAll
    static void createSchemaAndRoles() throws SQLException {
        postgres = TestDatabases.postgres();
        schema = ownedSchema();
        appAccount = schema + "_acct";
        grantedAccount = schema + "_granted";
    }

    /**
     * A schema owned by {@code <schema>_acct}, which created its tables {@code tasks} (3 rows) and {@code projects};
     * {@code <schema>_granted} holds data privileges on them, and more than it needs on {@code tasks}.
     */
    private static String ownedSchema() throws SQLException {
        String name = postgres.freshSchema("posture");
        SCHEMAS.add(name);
        String account = name + "_acct";
        String granted = name + "_granted";
        TestAccounts.execute(postgres.jdbcUrl(),
                "CREATE ROLE " + account + " LOGIN",
                "CREATE ROLE " + granted + " LOGIN",
                "ALTER SCHEMA " + name + " OWNER TO " + account);
        TestAccounts.execute(TestAccounts.asUser(postgres.jdbcUrl(name), account),
                "CREATE TABLE tasks (id serial PRIMARY KEY, title text NOT NULL)",
                "CREATE TABLE projects (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text)",
                "INSERT INTO tasks (title) VALUES ('a'), ('b'), ('c')",
                "GRANT USAGE ON SCHEMA " + name + " TO " + granted,
                "GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES ON tasks TO " + granted,
                "GRANT SELECT, INSERT, UPDATE, DELETE ON projects TO " + granted);
        return name;
    }

    @AfterAll
    static void dropSchemasAndRoles() throws SQLException {
        for (String name : SCHEMAS) {
            postgres.dropSchema(name);
            dropRoles(name + "_acct", name + "_granted", name + "_owner", name + "_readonly");
        }
    }

    private static void dropRoles(String... roles) throws SQLException {
        for (String role : roles) {
            try (Connection connection = postgres.connect(); Statement statement = connection.createStatement();
                 ResultSet exists = statement.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + role + "'")) {
                if (exists.next()) {
                    statement.execute("DROP OWNED BY " + role);
                    statement.execute("DROP ROLE " + role);
                }
            }
        }
    }

    @Test
    void aSuperuserIsReportedOnTheFirstConnection() throws SQLException {
        GuardedDataSource guarded = guarded(postgres.jdbcUrl(schema), GuardConfig.builder(), "production");

        assertThat(guarded.posture()).isEmpty();
        try (Connection connection = guarded.getConnection()) {
            assertThat(connection.isValid(1)).isTrue();
        }

        Posture posture = guarded.posture().orElseThrow();
        assertThat(posture.findingIds()).contains("superuser").doesNotContain("createrole", "no-tls");
        assertThat(posture.line()).startsWith("dbguard posture 'orders' (production): account postgres has"
                + " SUPERUSER (it can DROP, TRUNCATE and change anything from any client, not only through dbguard)")
                .endsWith("Fix: see README \"Least privilege\".");
    }

    @Test
    void anOwnerIsReportedWithItsTablesAndSchema() throws SQLException {
        Posture posture = firstPosture(urlOf(appAccount), Mode.BLOCK);

        assertThat(posture.findingIds()).containsExactly("owner", "no-statement-timeout");
        assertThat(posture.findings().get(0).text()).isEqualTo("account " + appAccount + " is the OWNER of schema "
                + schema + " and of 2 tables in " + schema
                + " (it can DROP/TRUNCATE them from any client, not only through dbguard)");
    }

    @Test
    void grantsAnApplicationDoesNotNeedAreReported() throws SQLException {
        Posture posture = firstPosture(urlOf(grantedAccount), Mode.BLOCK);

        assertThat(posture.findings()).filteredOn(PostureFinding::exposed).extracting(PostureFinding::text)
                .containsExactly(
                        "account " + grantedAccount + " holds TRUNCATE on 1 table in " + schema
                                + " it does not own (an application seldom needs it)",
                        "account " + grantedAccount + " holds REFERENCES on 1 table in " + schema
                                + " (it can add foreign keys that block deletes)");
    }

    @Test
    void theFixUpSqlLeavesTheApplicationWorkingAndNothingExposed() throws SQLException {
        String schema = ownedSchema();
        String appAccount = schema + "_acct";
        String script;
        try (Connection asOwner = DriverManager.getConnection(urlOf(schema, appAccount))) {
            PostureFacts facts = new PostgresFacts().read(asOwner, 5);
            script = FixUpScript.postgres(asOwner, facts, FixUpScript.RoleNames.forFacts(facts));
        }
        assertThat(script).contains("ALTER TABLE " + schema + ".tasks OWNER TO " + schema + "_owner;",
                "GRANT USAGE ON ALL SEQUENCES IN SCHEMA " + schema + " TO " + appAccount + ";",
                "ALTER ROLE " + schema + "_readonly SET default_transaction_read_only = on;");

        TestAccounts.execute(postgres.jdbcUrl(), script);
        // A table a later migration adds, created by the owner role: the default privileges must cover it.
        TestAccounts.execute(postgres.jdbcUrl(), "SET ROLE " + schema + "_owner",
                "CREATE TABLE " + schema + ".labels (id serial PRIMARY KEY, name text)");

        Posture after = firstPosture(urlOf(schema, appAccount), Mode.BLOCK);
        assertThat(after.exposed()).as(after.line()).isFalse();
        assertThat(after.line()).startsWith("dbguard posture 'orders' (production): nothing exposed: account "
                + appAccount + " owns none of the 3 tables in " + schema);

        try (Connection app = DriverManager.getConnection(urlOf(schema, appAccount));
             Statement statement = app.createStatement()) {
            statement.execute("INSERT INTO tasks (title) VALUES ('d')");
            statement.execute("UPDATE tasks SET title = 'dd' WHERE title = 'd'");
            statement.execute("DELETE FROM tasks WHERE title = 'dd'");
            statement.execute("INSERT INTO labels (name) VALUES ('new table works')");
            assertThatThrownBy(() -> statement.execute("TRUNCATE tasks")).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> statement.execute("DROP TABLE tasks")).hasMessageContaining("must be owner");
        }
        assertThat(postgres.count(schema + ".tasks")).isEqualTo(3);

        TestAccounts.execute(postgres.jdbcUrl(), "ALTER ROLE " + schema + "_readonly LOGIN");
        Posture readOnly = firstPosture(urlOf(schema, schema + "_readonly"), Mode.READ_ONLY);
        assertThat(readOnly.exposed()).as(readOnly.line()).isFalse();
        try (Connection reader = DriverManager.getConnection(urlOf(schema, schema + "_readonly"));
             Statement statement = reader.createStatement()) {
            assertThat(statement.executeQuery("SELECT count(*) FROM tasks").next()).isTrue();
            assertThatThrownBy(() -> statement.execute("DELETE FROM tasks")).hasMessageContaining("read-only");
        }
        assertThat(postgres.count(schema + ".tasks")).isEqualTo(3);
    }

    @Test
    void aReadOnlyModeTheServerDoesNotEnforceIsReported() throws SQLException {
        Posture posture = firstPosture(urlOf(grantedAccount), Mode.READ_ONLY);

        assertThat(posture.findingIds()).contains("read-only-not-enforced");
    }

    @Test
    void failOnStopsTheStartInProductionOnly() throws SQLException {
        GuardConfig.Builder failOnSuperuser = GuardConfig.builder().postureFailOn(List.of("superuser"));

        assertThatThrownBy(() -> guarded(postgres.jdbcUrl(schema), failOnSuperuser, "production").getConnection())
                .isInstanceOf(UnsafePostureException.class)
                .hasMessageStartingWith("dbguard: data source 'orders' (production) does not start: account postgres"
                        + " has SUPERUSER")
                .hasMessageContaining("dbguard.posture.fail-on=superuser stops the start on this");

        try (Connection development = guarded(postgres.jdbcUrl(schema), failOnSuperuser, "development")
                .getConnection()) {
            assertThat(development.isValid(1)).isTrue();
        }
    }

    @Test
    void failOnStopsTheStartThroughTheDriverToo() {
        String url = "jdbc:dbguard:" + postgres.jdbcUrl(schema).substring("jdbc:".length())
                + "&dbguard.env=staging&dbguard.posture.fail-on=owner,superuser";

        assertThatThrownBy(() -> DriverManager.getConnection(url).close())
                .isInstanceOf(UnsafePostureException.class)
                .hasMessageContaining("(staging) does not start");
    }

    @Test
    void aFailingOrTimingOutCatalogQueryNeverFailsTheConnection() throws SQLException {
        StatementGuard guard = new StatementGuard(GuardConfig.builder().environment("production").build());
        Target target = guard.target("orders", postgres.jdbcUrl());
        FactsReader failing = (connection, timeout) -> {
            try (Statement statement = connection.createStatement()) {
                statement.executeQuery("SELECT * FROM posture_catalog_that_does_not_exist");
            }
            throw new AssertionError("the query above fails");
        };
        FactsReader slow = (connection, timeout) -> {
            try (Statement statement = connection.createStatement()) {
                statement.setQueryTimeout(timeout);
                statement.executeQuery("SELECT pg_sleep(30)");
            }
            throw new AssertionError("the query above times out");
        };

        for (FactsReader reader : List.of(failing, slow)) {
            for (boolean autoCommit : List.of(true, false)) {
                try (Connection connection = postgres.connect()) {
                    connection.setAutoCommit(autoCommit);

                    Posture posture = PostureCheck.read(connection, postgres.jdbcUrl(), target, reader, 1);

                    assertThat(posture.checked()).isFalse();
                    assertThat(posture.line()).startsWith("dbguard posture 'orders' (production): not checked (the"
                            + " catalog query failed");
                    // The connection is as the pool handed it out: usable, its transaction not left aborted.
                    connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
                    try (Statement statement = connection.createStatement();
                         ResultSet one = statement.executeQuery("SELECT 1")) {
                        assertThat(one.next()).isTrue();
                    }
                }
            }
        }
    }

    private static Posture firstPosture(String url, Mode mode) throws SQLException {
        GuardConfig.Builder config = GuardConfig.builder().mode("production", mode);
        GuardedDataSource guarded = guarded(url, config, "production");
        try (Connection connection = guarded.getConnection()) {
            assertThat(connection.isValid(1)).isTrue();
        }
        return guarded.posture().orElseThrow();
    }

    private static GuardedDataSource guarded(String url, GuardConfig.Builder config, String environment) {
        PGSimpleDataSource plain = new PGSimpleDataSource();
        plain.setURL(url);
        return (GuardedDataSource) DbGuard.wrap(plain).name("orders").config(config.build())
                .environment(environment).build();
    }

    private static String urlOf(String account) {
        return urlOf(schema, account);
    }

    private static String urlOf(String schema, String account) {
        return TestAccounts.asUser(postgres.jdbcUrl(schema), account);
    }
}
