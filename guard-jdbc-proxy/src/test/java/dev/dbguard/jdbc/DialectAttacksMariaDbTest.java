package dev.dbguard.jdbc;

import dev.dbguard.testsupport.TestDatabase;
import dev.dbguard.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;


/**
 * Each class of issue 9 tried against a real MariaDB 10.11 through {@code jdbc:dbguard:} in production, with
 * {@code allowMultiQueries=true}, in a database of its own: MySQL's lexical rules and {@code sql_mode}, executable
 * comments, compound statements, dynamic SQL, multi-table scope, temporary tables, and the ordinary statements that
 * must still run. Each row is checked by the data left afterwards. The rows are in {@code attacks/mariadb.txt}; see
 * {@link AttackTable} for their columns. Skipped, loudly, without MariaDB.
 */
class DialectAttacksMariaDbTest {

    private static TestDatabase mariadb;
    private static String database;

    @BeforeAll
    static void createDatabase() throws SQLException {
        mariadb = TestDatabases.of(TestDatabase.Kind.MARIADB);
        database = mariadb.freshSchema("h4_attacks");
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        if (database != null) {
            mariadb.dropSchema(database);
        }
    }

    static List<AttackTable.Row> rows() {
        return AttackTable.read("attacks/mariadb.txt");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void theDataIsIntactAfterEveryRefusalAndOrdinaryStatementsRun(AttackTable.Row row) throws SQLException {
        AttackTable.run(DATABASE, row);
    }

    private static final AttackTable.Database DATABASE = new AttackTable.Database() {

        @Override
        public Connection guarded(String urlParameters) throws SQLException {
            String url = "jdbc:dbguard:" + mariadb.jdbcUrl(database).substring("jdbc:".length())
                    + "&allowMultiQueries=true" + urlParameters + "&dbguard.env=production";
            return DriverManager.getConnection(url, mariadb.user(), mariadb.password());
        }

        @Override
        public Connection raw(Connection guarded) throws SQLException {
            return guarded.unwrap(org.mariadb.jdbc.Connection.class);
        }

        @Override
        public Connection unguarded() throws SQLException {
            return mariadb.dataSource(database).getConnection();
        }

        @Override
        public void createFixture() throws SQLException {
            try (Connection connection = unguarded(); Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS h4_t, h4_u, h4_tmp");
                statement.execute("CREATE TABLE h4_t (id int PRIMARY KEY, c varchar(20), v varchar(20),"
                        + " a varchar(20)) ENGINE=InnoDB");
                statement.execute("INSERT INTO h4_t VALUES (1, 'x', 'a', 'a'), (2, 'y', 'b', 'b'), (3, 'z', 'c', 'c')");
                statement.execute("CREATE TABLE h4_u (id int PRIMARY KEY, t_id int) ENGINE=InnoDB");
                statement.execute("INSERT INTO h4_u VALUES (1, 1), (2, 2)");
            }
        }

        @Override
        public List<String> fixtureTables() {
            return List.of("h4_t", "h4_u");
        }

        @Override
        public String expand(String text) {
            return text.replace("${db}", database);
        }
    };
}
