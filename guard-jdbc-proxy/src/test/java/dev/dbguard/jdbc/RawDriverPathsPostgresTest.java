package dev.dbguard.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.dbguard.core.BlockedStatementException;
import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.StatementGuard;
import dev.dbguard.testsupport.TestDatabase;
import dev.dbguard.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGResultSetMetaData;
import org.postgresql.PGStatement;
import org.postgresql.jdbc.PgDatabaseMetaData;
import org.postgresql.jdbc.PgResultSet;

import java.sql.Array;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Struct;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ways back to PgJDBC's own objects, with real PostgreSQL values: each is guarded (the statement behind an
 * array's or a refcursor's result set refuses a DROP, and the table is still there) or audited (unwrap to PgJDBC's
 * types, which then work as PgJDBC's).
 */
class RawDriverPathsPostgresTest {

    private static final TestDatabase POSTGRES = TestDatabases.postgres();
    private static final String DROP = "DROP TABLE h4_x";

    private static String schema;
    private static HikariDataSource pool;

    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final DataSource guarded = new GuardedDataSource(pool, "orders",
            new StatementGuard(GuardConfig.builder().environment("production").build()),
            new UnwrapAudit(warnings::add));

    @BeforeAll
    static void startPool() throws SQLException {
        schema = POSTGRES.freshSchema("h4_raw");
        HikariConfig config = new HikariConfig();
        config.setPoolName("dbguard-h4-raw");
        config.setJdbcUrl(POSTGRES.jdbcUrl(schema));
        config.setUsername(POSTGRES.user());
        config.setPassword(POSTGRES.password());
        config.setMaximumPoolSize(4);
        pool = new HikariDataSource(config);
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE FUNCTION h4_cursor() RETURNS refcursor LANGUAGE plpgsql AS $$"
                    + " DECLARE c refcursor := 'h4_c'; BEGIN OPEN c FOR SELECT id FROM h4_x ORDER BY id; RETURN c;"
                    + " END $$");
            statement.execute("CREATE TYPE h4_pair AS (a int, b text)");
        }
    }

    @AfterAll
    static void stopPool() throws SQLException {
        pool.close();
        POSTGRES.dropSchema(schema);
    }

    @BeforeEach
    void createTable() throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS h4_x");
            statement.execute("CREATE TABLE h4_x (id int PRIMARY KEY, tags text[], n int[])");
            statement.execute("INSERT INTO h4_x VALUES (1, '{a,b}', '{1,2}'), (2, '{c}', '{3}')");
        }
    }

    // ---- guarded: the statement behind a value's result set is a guarded one ----

    @Test
    void theStatementBehindAnArraysResultSetRefusesADrop() throws SQLException {
        try (Connection connection = guarded.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT tags FROM h4_x WHERE id = 1")) {
            assertThat(rows.next()).isTrue();
            Array tags = rows.getArray(1);
            try (ResultSet elements = tags.getResultSet()) {
                Statement behind = elements.getStatement();

                assertThat(behind).isInstanceOf(GuardedStatement.class);
                assertThat(behind.getConnection()).isSameAs(connection);
                assertThatThrownBy(() -> behind.execute(DROP))
                        .isInstanceOfSatisfying(BlockedStatementException.class,
                                refused -> assertThat(refused.ruleId()).isEqualTo("drop"));
                assertThat(elements.next()).isTrue();
                assertThat(elements.getString(2)).isEqualTo("a");
            }
            assertThat((Object[]) tags.getArray()).containsExactly("a", "b");
        }
        assertThat(tableExists()).isTrue();
        assertThat(POSTGRES.count(schema + ".h4_x")).isEqualTo(2);
    }

    @Test
    void anArrayReadAsAnObjectOrCreatedByTheConnectionIsGuardedAndStillBindsAsAnArray() throws SQLException {
        try (Connection connection = guarded.getConnection()) {
            Array created = connection.createArrayOf("int4", new Integer[] {7, 8});
            assertThat(created).isInstanceOf(GuardedArray.class);
            assertThatThrownBy(() -> created.getResultSet().getStatement().executeUpdate("TRUNCATE h4_x"))
                    .isInstanceOf(BlockedStatementException.class);

            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO h4_x (id, n) VALUES (3, ?)")) {
                insert.setArray(1, created);
                insert.executeUpdate();
            }
            try (PreparedStatement read = connection.prepareStatement("SELECT n FROM h4_x WHERE id = ?")) {
                read.setInt(1, 3);
                try (ResultSet row = read.executeQuery()) {
                    assertThat(row.next()).isTrue();
                    Object value = row.getObject(1);
                    assertThat(value).isInstanceOf(GuardedArray.class);
                    assertThat((Object[]) ((Array) value).getArray()).containsExactly(7, 8);
                    assertThat(row.getObject(1, Array.class)).isInstanceOf(GuardedArray.class);
                    // Bound again through setObject, as ORMs do.
                    try (PreparedStatement copy = connection.prepareStatement(
                            "INSERT INTO h4_x (id, n) VALUES (4, ?)")) {
                        copy.setObject(1, value);
                        copy.executeUpdate();
                    }
                }
            }
        }
        assertThat(POSTGRES.count(schema + ".h4_x")).isEqualTo(4);
    }

    @Test
    void aRefcursorReadAsAResultSetLeadsBackToAGuardedStatement() throws SQLException {
        try (Connection connection = guarded.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement();
                 ResultSet call = statement.executeQuery("SELECT h4_cursor()")) {
                assertThat(call.next()).isTrue();
                Object cursor = call.getObject(1);

                assertThat(cursor).isInstanceOf(GuardedResultSet.class);
                ResultSet fetched = (ResultSet) cursor;
                assertThat(fetched.next()).isTrue();
                assertThat(fetched.getInt(1)).isEqualTo(1);
                Statement behind = fetched.getStatement();
                assertThat(behind).isNotNull();
                assertThat(behind.getConnection()).isSameAs(connection);
                assertThatThrownBy(() -> behind.execute(DROP)).isInstanceOf(BlockedStatementException.class);
            }
            connection.rollback();
        }
        assertThat(tableExists()).isTrue();
    }

    @Test
    void aRefcursorOutParameterIsAGuardedResultSet() throws SQLException {
        try (Connection connection = guarded.getConnection()) {
            connection.setAutoCommit(false);
            try (CallableStatement call = connection.prepareCall("{? = call h4_cursor()}")) {
                call.registerOutParameter(1, Types.REF_CURSOR);
                call.execute();
                Object cursor = call.getObject(1);

                assertThat(cursor).isInstanceOf(GuardedResultSet.class);
                ResultSet fetched = call.getObject(1, ResultSet.class);
                assertThat(fetched).isInstanceOf(GuardedResultSet.class);
                assertThat(fetched.next()).isTrue();
                Statement behind = fetched.getStatement();
                assertThatThrownBy(() -> behind.execute(DROP)).isInstanceOf(BlockedStatementException.class);
            }
            connection.rollback();
        }
        assertThat(tableExists()).isTrue();
    }

    /** Every column type PostgreSQL answers with, read through each Object getter: nothing comes back raw. */
    @Test
    void noObjectGetterHandsOutADriverObjectForRealPostgresValues() throws SQLException {
        String sql = "SELECT 1::int, 'a'::text, ARRAY[1,2], ARRAY['x'], ARRAY[ARRAY[1],ARRAY[2]], '{}'::jsonb,"
                + " gen_random_uuid(), '\\x01'::bytea, now(), ROW(1, 'b')::h4_pair, ARRAY[ROW(2, 'c')::h4_pair],"
                + " '<a/>'::xml, 1.5::numeric, true, NULL::int, 'h4_none'::refcursor, int4range(1, 3),"
                + " '(1,2)'::point, interval '1 day', B'101'";
        try (Connection connection = guarded.getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            assertThat(row.next()).isTrue();
            int columns = row.getMetaData().getColumnCount();
            for (int column = 1; column <= columns; column++) {
                String type = row.getMetaData().getColumnTypeName(column);
                if (type.equals("refcursor")) {
                    continue; // a cursor that does not exist; aRefcursorReadAsAResultSet... reads a real one
                }
                assertNoDriverObject(type, row.getObject(column));
                assertNoDriverObject(type, row.getObject(column, Map.of()));
                assertNoDriverObject(type, row.getObject(row.getMetaData().getColumnLabel(column)));
                if (row.getObject(column) instanceof Array array) {
                    assertNoDriverObject(type + " elements", array.getArray());
                    try (ResultSet elements = array.getResultSet()) {
                        assertThat(elements.getStatement()).isInstanceOf(GuardedStatement.class);
                        while (elements.next()) {
                            assertNoDriverObject(type + " element", elements.getObject(2));
                        }
                    }
                }
            }
        }
        assertThat(warnings).isEmpty();
    }

    // ---- audited: unwrap to PgJDBC's own types works, and is reported ----

    @Test
    void unwrappingAStatementToPgStatementWorksAndIsAudited() throws SQLException {
        try (Connection connection = guarded.getConnection(); Statement statement = connection.createStatement()) {
            assertThat(statement.isWrapperFor(PGStatement.class)).isTrue();
            PGStatement postgres = statement.unwrap(PGStatement.class);
            postgres.setPrepareThreshold(3);
            assertThat(postgres.getPrepareThreshold()).isEqualTo(3);
        }
        assertThat(warnings).singleElement().satisfies(warning -> assertThat(warning)
                .startsWith("dbguard: statement of data source 'orders' (production, mode block) was unwrapped to"
                        + " org.postgresql.PGStatement at dev.dbguard.jdbc.RawDriverPathsPostgresTest.")
                .contains("bypass the guard"));
    }

    @Test
    void unwrappingResultSetsAndMetadataIsAudited() throws SQLException {
        try (Connection connection = guarded.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT id FROM h4_x WHERE id = ?")) {
            statement.setInt(1, 1);
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.unwrap(PgResultSet.class)).isNotNull();
                ResultSetMetaData metaData = rows.getMetaData();
                assertThat(metaData.unwrap(PGResultSetMetaData.class).getBaseTableName(1)).isEqualTo("h4_x");
            }
            assertThat(connection.getMetaData().unwrap(PgDatabaseMetaData.class)).isNotNull();
            assertThat(statement.getParameterMetaData().unwrap(org.postgresql.jdbc.PgParameterMetaData.class))
                    .isNotNull();
        }
        assertThat(warnings).hasSize(4);
        assertThat(warnings.get(0)).startsWith("dbguard: result set of data source 'orders'")
                .contains("org.postgresql.jdbc.PgResultSet");
        assertThat(warnings.get(1)).startsWith("dbguard: result set metadata of data source 'orders'");
        assertThat(warnings.get(2)).startsWith("dbguard: database metadata of data source 'orders'");
        assertThat(warnings.get(3)).startsWith("dbguard: parameter metadata of data source 'orders'");
    }

    // ---- the ordinary ways back stay on guarded objects ----

    @Test
    void generatedKeysAndFurtherResultsLeadBackToTheGuardedStatement() throws SQLException {
        try (Connection connection = guarded.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO h4_x (id) VALUES (5)", Statement.RETURN_GENERATED_KEYS);
            try (ResultSet keys = statement.getGeneratedKeys()) {
                assertThat(keys.getStatement()).isSameAs(statement);
            }
            assertThat(statement.execute("SELECT 1; SELECT 2")).isTrue();
            assertThat(statement.getMoreResults()).isTrue();
            try (ResultSet second = statement.getResultSet()) {
                assertThat(second.getStatement()).isSameAs(statement);
                assertThat(second.next()).isTrue();
                assertThat(second.getInt(1)).isEqualTo(2);
            }
        }
        assertThat(warnings).isEmpty();
    }

    // ---- helpers ----

    private static void assertNoDriverObject(String type, Object value) {
        if (value instanceof Object[] elements) {
            for (Object element : elements) {
                assertNoDriverObject(type, element);
            }
            return;
        }
        boolean leadsBack = value instanceof Connection || value instanceof Statement || value instanceof ResultSet
                || value instanceof Array || value instanceof Struct || value instanceof Ref;
        if (leadsBack) {
            assertThat(value.getClass().getName()).as(type).startsWith("dev.dbguard.jdbc.Guarded");
        }
    }

    private static boolean tableExists() throws SQLException {
        try (Connection connection = pool.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM information_schema.tables"
                     + " WHERE table_schema = '" + schema + "' AND table_name = 'h4_x'")) {
            rows.next();
            return rows.getInt(1) == 1;
        }
    }
}
