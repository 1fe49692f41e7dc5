package dev.dbguard.samples.plainjdbc;

import dev.dbguard.testsupport.TestDatabase;
import dev.dbguard.testsupport.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The plain-JDBC sample against the test PostgreSQL, in a schema of its own. */
class PlainJdbcSampleTest {

    private static final String SCHEMA = "plain_jdbc_test_" + UUID.randomUUID().toString().substring(0, 8);

    private static TestDatabase postgres;
    private static Map<String, String> outcomes;
    private static String output;

    @BeforeAll
    static void runTheSample() throws Exception {
        postgres = TestDatabases.postgres();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            outcomes = PlainJdbcSample.run(postgres.jdbcUrl(), postgres.user(), postgres.password(), SCHEMA, out);
        }
        output = printed.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "DELETE FROM orders WHERE id = 1 | ran, 1 row(s)",
            "DELETE FROM orders              | REFUSED by rule unscoped-delete; nothing reached the database",
            "UPDATE orders SET item = 'free' | REFUSED by rule unscoped-update; nothing reached the database",
            "DROP TABLE orders               | REFUSED by rule drop; nothing reached the database",
            "TRUNCATE orders                 | REFUSED by rule truncate; nothing reached the database",
            "rows left                       | ran: 2",
            "DROP SCHEMA                     | ran",
    })
    void eachStatementOfTheSampleEndsAsPrinted(String statement, String outcome) {
        assertThat(outcomes).containsEntry(statement, outcome);
        assertThat(output).contains("     " + outcome);
    }

    @Test
    void theSampleDropsItsSchemaThroughAnOverride() throws Exception {
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT count(*) FROM pg_namespace WHERE nspname = '" + SCHEMA + "'")) {
            rows.next();
            assertThat(rows.getInt(1)).isZero();
        }
    }

    @Test
    void bothWaysInAreShown() {
        assertThat(output)
                .contains("1. HikariCP guarded by DbGuard.wrap(pool).name(\"orders\").environment(\"production\")")
                .contains("2. The jdbc:dbguard: URL jdbc:dbguard:postgresql://")
                .contains("&dbguard.env=production");
    }
}
