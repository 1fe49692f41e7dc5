package dev.dbguard.jdbc.posture;

import dev.dbguard.DbGuard;
import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.internal.posture.PostureFacts;
import dev.dbguard.core.posture.Posture;
import dev.dbguard.core.posture.PostureFinding;
import dev.dbguard.jdbc.GuardedDataSource;
import dev.dbguard.testsupport.TestDatabase;
import dev.dbguard.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.MariaDbDataSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The posture of real MariaDB accounts: root, an account with every privilege on its database, and one with data
 * privileges only. The database and the accounts carry a random suffix and are dropped.
 */
class PostureMariaDbTest {

    private static TestDatabase mariadb;
    private static String database;
    private static String limited;
    private static String dropper;

    @BeforeAll
    static void createDatabaseAndAccounts() throws SQLException {
        mariadb = TestDatabases.of(TestDatabase.Kind.MARIADB);
        database = mariadb.freshSchema("posture");
        limited = database + "_app";
        dropper = database + "_all";
        TestAccounts.execute(mariadb.jdbcUrl(database),
                "CREATE TABLE tasks (id int PRIMARY KEY, title varchar(20)) ENGINE=InnoDB",
                "INSERT INTO tasks VALUES (1, 'a'), (2, 'b')",
                "CREATE USER '" + limited + "'@'%'",
                "CREATE USER '" + dropper + "'@'%'",
                "GRANT SELECT, INSERT, UPDATE, DELETE ON `" + database + "`.* TO '" + limited + "'@'%'",
                "GRANT ALL PRIVILEGES ON `" + database + "`.* TO '" + dropper + "'@'%'");
    }

    @AfterAll
    static void dropDatabaseAndAccounts() throws SQLException {
        if (database == null) {
            return;
        }
        mariadb.dropSchema(database);
        TestAccounts.execute(mariadb.jdbcUrl(), "DROP USER IF EXISTS '" + limited + "'@'%'",
                "DROP USER IF EXISTS '" + dropper + "'@'%'", "DROP USER IF EXISTS '" + database + "_owner'@'%'",
                "DROP USER IF EXISTS '" + database + "_readonly'@'%'");
    }

    @Test
    void rootIsReportedAsHoldingSuper() throws SQLException {
        Posture posture = firstPosture(mariadb.jdbcUrl(database));

        assertThat(posture.findingIds()).contains("superuser", "owner");
        assertThat(posture.line()).contains("has SUPER (it can DROP, TRUNCATE and change anything from any client");
    }

    @Test
    void anAccountHoldingDropIsReportedAsOwningTheTables() throws SQLException {
        Posture posture = firstPosture(urlOf(dropper));

        assertThat(posture.findings()).filteredOn(PostureFinding::exposed).extracting(PostureFinding::text)
                .containsExactly("account " + dropper + "@% holds DROP on database " + database
                        + " and its 1 table (it can DROP/TRUNCATE them from any client, not only through dbguard)");
    }

    @Test
    void anAccountWithDataPrivilegesOnlyIsClean() throws SQLException {
        Posture posture = firstPosture(urlOf(limited));

        assertThat(posture.exposed()).as(posture.line()).isFalse();
        assertThat(posture.line()).contains("nothing exposed: account " + limited + "@% owns none of the 1 table in "
                + database);
    }

    @Test
    void theFixUpSqlTakesDropAwayFromTheApplication() throws SQLException {
        String script;
        try (Connection asDropper = DriverManager.getConnection(urlOf(dropper))) {
            PostureFacts facts = new MariaDbFacts().read(asDropper, 5);
            script = FixUpScript.mariadb(facts, FixUpScript.RoleNames.forFacts(facts));
        }
        try (Connection root = mariadb.connect(); Statement statement = root.createStatement()) {
            for (String sql : script.split(";\n")) {
                String withoutComments = sql.replaceAll("(?m)^--.*$", "").trim();
                if (!withoutComments.isEmpty()) {
                    statement.execute(withoutComments);
                }
            }
        }

        Posture after = firstPosture(urlOf(dropper));
        assertThat(after.exposed()).as(after.line()).isFalse();
        try (Connection app = DriverManager.getConnection(urlOf(dropper)); Statement statement = app.createStatement()) {
            statement.execute("INSERT INTO tasks VALUES (3, 'c')");
            statement.execute("DELETE FROM tasks WHERE id = 3");
            assertThatThrownBy(() -> statement.execute("TRUNCATE tasks")).hasMessageContaining("denied");
            assertThatThrownBy(() -> statement.execute("DROP TABLE tasks")).hasMessageContaining("denied");
        }
        assertThat(mariadb.count(database + ".tasks")).isEqualTo(2);
    }

    private static Posture firstPosture(String url) throws SQLException {
        GuardedDataSource guarded = (GuardedDataSource) DbGuard.wrap(new MariaDbDataSource(url)).name("orders")
                .config(GuardConfig.builder().build()).environment("production").build();
        try (Connection connection = guarded.getConnection()) {
            assertThat(connection.isValid(1)).isTrue();
        }
        return guarded.posture().orElseThrow();
    }

    private static String urlOf(String account) {
        return TestAccounts.asUser(mariadb.jdbcUrl(database), account);
    }
}
