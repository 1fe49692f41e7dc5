package dev.dbguard.jdbc;

import dev.dbguard.core.BlockedStatementException;
import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.GuardOverride;
import dev.dbguard.core.StatementGuard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Walks the JDBC interfaces by reflection so that no method carrying SQL can slip past the guard: every method with
 * a {@code String} parameter is either known to carry SQL (and must refuse {@code DROP TABLE x} in block mode
 * without reaching the driver) or is on the allow-list of methods whose strings are not SQL. A method that a new JDK
 * adds is on neither list and fails {@link #everyMethodTakingAStringIsClassified} until someone decides.
 */
class SqlCarryingMethodsTest {

    /** Methods whose first {@code String} parameter is SQL text sent to the database. */
    private static final Map<Class<?>, Set<String>> CARRIES_SQL = Map.of(
            Connection.class, Set.of("nativeSQL", "prepareCall", "prepareStatement"),
            Statement.class, Set.of("addBatch", "execute", "executeLargeUpdate", "executeQuery", "executeUpdate"));

    /** Methods whose strings are names, values or SQL fragments that are never run by the call itself. */
    private static final Map<Class<?>, Set<String>> NOT_SQL = Map.of(
            Connection.class, Set.of("createArrayOf", "createStruct", "getClientInfo", "setCatalog", "setClientInfo",
                    "setSavepoint", "setSchema"),
            Statement.class, Set.of("enquoteIdentifier", "enquoteLiteral", "enquoteNCharLiteral",
                    "isSimpleIdentifier", "setCursorName"),
            PreparedStatement.class, Set.of("setNString", "setNull", "setString"),
            // Named parameters (String parameterName) and type names, never SQL.
            CallableStatement.class, Set.of("getArray", "getBigDecimal", "getBlob", "getBoolean", "getByte",
                    "getBytes", "getCharacterStream", "getClob", "getDate", "getDouble", "getFloat", "getInt",
                    "getLong", "getNCharacterStream", "getNClob", "getNString", "getObject", "getRef", "getRowId",
                    "getSQLXML", "getShort", "getString", "getTime", "getTimestamp", "getURL",
                    "registerOutParameter", "setAsciiStream", "setBigDecimal", "setBinaryStream", "setBlob",
                    "setBoolean", "setByte", "setBytes", "setCharacterStream", "setClob", "setDate", "setDouble",
                    "setFloat", "setInt", "setLong", "setNCharacterStream", "setNClob", "setNString", "setNull",
                    "setObject", "setRowId", "setSQLXML", "setShort", "setString", "setTime", "setTimestamp",
                    "setURL"),
            DataSource.class, Set.of("getConnection"));

    private static final List<Class<?>> GUARDED_INTERFACES = List.of(
            DataSource.class, Connection.class, Statement.class, PreparedStatement.class, CallableStatement.class);

    private static final String REFUSED_SQL = "DROP TABLE x";

    private final StatementGuard guard =
            new StatementGuard(GuardConfig.builder().environment("production").build());
    private final RecordingJdbc driver = new RecordingJdbc();
    private final GuardedConnection connection =
            GuardedConnection.open(guard, guard.target("recording", null), new UnwrapAudit(warning -> { }),
                    driver.connection(), null);

    @Test
    void everyMethodTakingAStringIsClassified() {
        List<String> unclassified = new ArrayList<>();
        for (Class<?> type : GUARDED_INTERFACES) {
            for (Method method : stringMethods(type)) {
                Class<?> declaring = method.getDeclaringClass();
                boolean sql = CARRIES_SQL.getOrDefault(declaring, Set.of()).contains(method.getName());
                boolean notSql = NOT_SQL.getOrDefault(declaring, Set.of()).contains(method.getName());
                if (sql == notSql) {
                    unclassified.add(signature(method));
                }
            }
        }
        assertThat(unclassified)
                .as("JDBC methods taking a String that are neither known to carry SQL nor on the not-SQL list;"
                        + " guard them in the wrappers and add them to CARRIES_SQL, or add them to NOT_SQL")
                .isEmpty();
    }

    static Stream<Arguments> sqlCarryingMethods() {
        return GUARDED_INTERFACES.stream()
                .flatMap(type -> stringMethods(type).stream()
                        .filter(m -> CARRIES_SQL.getOrDefault(m.getDeclaringClass(), Set.of()).contains(m.getName()))
                        .map(m -> Arguments.of(type.getSimpleName() + " " + signature(m), type, m)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sqlCarryingMethods")
    void everyMethodCarryingSqlRefusesBeforeTheDriverSeesIt(String name, Class<?> type, Method method)
            throws Exception {
        Object wrapper = wrapperFor(type);
        driver.forget();

        assertThatThrownBy(() -> invoke(method, wrapper, arguments(method)))
                .isInstanceOf(BlockedStatementException.class)
                .hasMessageStartingWith("dbguard:");
        assertThat(driver.calls()).as("calls that reached the driver").isEmpty();
    }

    static Stream<Arguments> preparedExecutions() {
        return Stream.of(PreparedStatement.class, CallableStatement.class)
                .flatMap(type -> Arrays.stream(type.getMethods())
                        .filter(m -> m.getParameterCount() == 0)
                        .filter(m -> m.getName().startsWith("execute") && !m.getName().endsWith("Batch")
                                || m.getName().equals("addBatch"))
                        .map(m -> Arguments.of(type.getSimpleName() + " " + signature(m), type, m)));
    }

    /** The prepared SQL is judged again at each execution, e.g. after the override it was prepared under ended. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("preparedExecutions")
    void preparedStatementsAreJudgedAgainAtEveryExecution(String name, Class<?> type, Method method)
            throws Exception {
        Object prepared;
        try (GuardOverride override = GuardOverride.allow("prepared deliberately for this test", "drop")) {
            prepared = type == CallableStatement.class
                    ? connection.prepareCall(REFUSED_SQL)
                    : connection.prepareStatement(REFUSED_SQL);
        }
        driver.forget();

        assertThatThrownBy(() -> invoke(method, prepared))
                .isInstanceOf(BlockedStatementException.class);
        assertThat(driver.calls()).as("calls that reached the driver").isEmpty();
    }

    @Test
    void aBatchWithARefusedStatementRunsNothing() throws Exception {
        Statement statement = connection.createStatement();
        statement.addBatch("INSERT INTO t VALUES (1)");
        assertThatThrownBy(() -> statement.addBatch("TRUNCATE t")).isInstanceOf(BlockedStatementException.class);
        statement.addBatch("INSERT INTO t VALUES (2)");
        driver.forget();

        assertThatThrownBy(statement::executeBatch)
                .isInstanceOf(BlockedStatementException.class)
                .hasMessageStartingWith("dbguard: batch not executed");
        assertThat(driver.calls()).containsExactly("Statement.clearBatch");

        statement.addBatch("INSERT INTO t VALUES (3)");
        statement.executeBatch();
        assertThat(driver.calls()).endsWith("Statement.executeBatch");
    }

    @Test
    void clearBatchForgetsARefusal() throws Exception {
        Statement statement = connection.createStatement();
        assertThatThrownBy(() -> statement.addBatch("TRUNCATE t")).isInstanceOf(BlockedStatementException.class);
        statement.clearBatch();
        statement.addBatch("INSERT INTO t VALUES (1)");
        driver.forget();

        statement.executeLargeBatch();

        assertThat(driver.calls()).containsExactly("Statement.executeLargeBatch");
    }

    private Object wrapperFor(Class<?> type) throws Exception {
        if (type == Connection.class) {
            return connection;
        }
        if (type == Statement.class) {
            return connection.createStatement();
        }
        if (type == PreparedStatement.class) {
            return connection.prepareStatement("SELECT 1");
        }
        if (type == CallableStatement.class) {
            return connection.prepareCall("SELECT 1");
        }
        throw new IllegalArgumentException("No SQL-carrying methods expected on " + type);
    }

    private static List<Method> stringMethods(Class<?> type) {
        return Arrays.stream(type.getMethods())
                .filter(m -> !Modifier.isStatic(m.getModifiers()))
                .filter(m -> Arrays.asList(m.getParameterTypes()).contains(String.class))
                .sorted(Comparator.comparing(SqlCarryingMethodsTest::signature))
                .toList();
    }

    /** The SQL goes into the first String parameter; the other parameters get harmless values. */
    private static Object[] arguments(Method method) {
        Class<?>[] types = method.getParameterTypes();
        Object[] arguments = new Object[types.length];
        boolean sqlPlaced = false;
        for (int i = 0; i < types.length; i++) {
            Class<?> type = types[i];
            if (type == String.class) {
                arguments[i] = sqlPlaced ? "id" : REFUSED_SQL;
                sqlPlaced = true;
            } else if (type == int.class) {
                arguments[i] = 0;
            } else if (type == boolean.class) {
                arguments[i] = false;
            } else if (type == int[].class) {
                arguments[i] = new int[] {1};
            } else if (type == String[].class) {
                arguments[i] = new String[] {"id"};
            } else {
                throw new IllegalArgumentException("No test value for " + type + " in " + signature(method));
            }
        }
        return arguments;
    }

    private static void invoke(Method method, Object target, Object... arguments) throws Throwable {
        try {
            method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static String signature(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName() + "("
                + String.join(", ", Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).toList())
                + ")";
    }
}
