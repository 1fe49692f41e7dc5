package dev.dbguard.jdbc.posture;

import dev.dbguard.testsupport.TestDatabase;
import dev.dbguard.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** The command a person runs against a URL: findings, the fix-up SQL, and exit codes scripts can trust. */
class PostureCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void aSuperuserGetsItsFindingsAndTheFixUpSqlAndExitsOne() {
        TestDatabase postgres = TestDatabases.postgres();

        assertThat(run("--url", postgres.jdbcUrl())).isEqualTo(1);

        assertThat(out()).contains("exposed [superuser] account " + postgres.user() + " has SUPERUSER",
                "CREATE ROLE public_owner NOLOGIN;", "CREATE ROLE public_app NOLOGIN;",
                "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO public_app;",
                "ALTER ROLE public_readonly SET default_transaction_read_only = on;");
        assertThat(err()).isEmpty();
    }

    @Test
    void aLeastPrivilegeAccountExitsZeroWithoutSql() throws SQLException {
        TestDatabase postgres = TestDatabases.postgres();
        String schema = postgres.freshSchema("posture_cmd");
        String role = schema + "_app";
        try (Connection admin = postgres.connect(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE TABLE " + schema + ".tasks (id int PRIMARY KEY)");
            statement.execute("CREATE ROLE " + role + " LOGIN");
            statement.execute("GRANT USAGE ON SCHEMA " + schema + " TO " + role);
            statement.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + schema + " TO " + role);
        }
        try {
            assertThat(run("--url", TestAccounts.asUser(postgres.jdbcUrl(schema), role))).isEqualTo(0);

            assertThat(out()).contains("PostgreSQL account " + role + " in " + schema + ": nothing exposed")
                    .doesNotContain("CREATE ROLE");
        } finally {
            postgres.dropSchema(schema);
            try (Connection admin = postgres.connect(); Statement statement = admin.createStatement()) {
                statement.execute("DROP OWNED BY " + role);
                statement.execute("DROP ROLE " + role);
            }
        }
    }

    @Test
    void aServerThatDoesNotAnswerIsOneLineAndExitTwo() {
        assertThat(run("--url", "jdbc:postgresql://127.0.0.1:1/none?user=nobody&connectTimeout=2")).isEqualTo(2);

        assertThat(err()).startsWith("dbguard posture: could not check 127.0.0.1:1: ").hasLineCount(1);
    }

    @Test
    void usageErrorsExitTwoAndHelpExitsZero() {
        assertThat(run("--user", "app")).isEqualTo(2);
        assertThat(err()).startsWith("dbguard posture: --url is required");
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("Usage: PostureCommand --url <jdbc-url>");
    }

    private int run(String... args) {
        return PostureCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
