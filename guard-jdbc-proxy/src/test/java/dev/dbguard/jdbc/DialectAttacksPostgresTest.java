package dev.dbguard.jdbc;

import dev.dbguard.testsupport.TestDatabase;
import dev.dbguard.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Each class of issue 9 tried against a real PostgreSQL 15 through {@code jdbc:dbguard:} in production, in a schema of
 * its own: dialect readings and the settings that change them, dynamic SQL, the splitter, scope, MERGE, executing
 * positions, temporary tables, and the ordinary statements that must still run. Each row is checked by the data left
 * afterwards. The rows are in {@code attacks/postgresql.txt}; see {@link AttackTable} for their columns.
 */
class DialectAttacksPostgresTest {

    private static final TestDatabase POSTGRES = TestDatabases.postgres();

    private static String schema;

    @BeforeAll
    static void createSchema() throws SQLException {
        schema = POSTGRES.freshSchema("h4_attacks");
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        POSTGRES.dropSchema(schema);
    }

    static List<AttackTable.Row> rows() {
        return AttackTable.read("attacks/postgresql.txt");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void theDataIsIntactAfterEveryRefusalAndOrdinaryStatementsRun(AttackTable.Row row) throws SQLException {
        AttackTable.run(DATABASE, row);
    }

    private static final AttackTable.Database DATABASE = new AttackTable.Database() {

        @Override
        public Connection guarded(String urlParameters) throws SQLException {
            String url = "jdbc:dbguard:" + POSTGRES.jdbcUrl(schema).substring("jdbc:".length()) + urlParameters
                    + "&dbguard.env=production";
            return DriverManager.getConnection(url, POSTGRES.user(), POSTGRES.password());
        }

        @Override
        public Connection raw(Connection guarded) throws SQLException {
            return (Connection) guarded.unwrap(PGConnection.class);
        }

        @Override
        public Connection unguarded() throws SQLException {
            return POSTGRES.dataSource(schema).getConnection();
        }

        @Override
        public void createFixture() throws SQLException {
            try (Connection connection = unguarded(); Statement statement = connection.createStatement()) {
                statement.execute("DROP VIEW IF EXISTS h4_vw");
                statement.execute("DROP FUNCTION IF EXISTS h4_f()");
                statement.execute("DROP TABLE IF EXISTS h4_t, h4_u, h4_x, h4_tmp CASCADE");
                statement.execute("CREATE TABLE h4_t (id int PRIMARY KEY, c text, v text, a text)");
                statement.execute("INSERT INTO h4_t VALUES (1, 'x', 'a', 'a'), (2, 'y', 'b', 'b'), (3, 'z', 'c', 'c')");
                statement.execute("CREATE TABLE h4_u (id int PRIMARY KEY, t_id int)");
                statement.execute("INSERT INTO h4_u VALUES (1, 1), (2, 2)");
            }
        }

        @Override
        public List<String> fixtureTables() {
            return List.of("h4_t", "h4_u");
        }
    };
}
