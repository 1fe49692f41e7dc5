package dev.dbguard.jdbc;

import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.StatementGuard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks every {@code java.sql} interface reachable from {@link Connection} through method return types, and proves
 * that no path leads from a guarded object back to the driver's own {@code Connection}, {@code Statement} or
 * {@code ResultSet} without the guard knowing: over a stand-in driver that answers every call with its own objects
 * ({@link RawJdbc}), each method whose return type is, or can lead to, one of those must return a guarded object
 * (arrays of values: guarded elements), or report the raw object to the unwrap audit. A method or interface that a
 * new JDK adds is walked too, and fails here until the wrappers handle it.
 */
class RawDriverPathsTest {

    /** What a guarded object must not hand out raw. */
    private static final List<Class<?>> DRIVER_OBJECTS = List.of(Connection.class, Statement.class, ResultSet.class);

    /** The interfaces reachable from Connection through return types, as of Java 17 to 25. */
    private static final Set<Class<?>> EXPECTED_REACHABLE = Set.of(Connection.class, Statement.class,
            PreparedStatement.class, CallableStatement.class, ResultSet.class, DatabaseMetaData.class,
            ResultSetMetaData.class, ParameterMetaData.class, Array.class, Struct.class, Ref.class, Blob.class,
            Clob.class, NClob.class, SQLXML.class, RowId.class, Savepoint.class);

    /** Values that expose no connection, statement or result set: the driver's own object is handed out as it is. */
    private static final Set<Class<?>> EXPECTED_DEAD_ENDS = Set.of(Blob.class, Clob.class, NClob.class,
            SQLXML.class, RowId.class, Savepoint.class);

    /** A vendor interface, as {@code PGConnection} or {@code PGStatement} are: unwrapping to it is audited. */
    public interface VendorApi {
    }

    private final StatementGuard guard = new StatementGuard(GuardConfig.builder().environment("production").build());
    private final List<String> audited = new CopyOnWriteArrayList<>();
    private final RawJdbc driver = new RawJdbc();
    private final GuardedConnection connection = GuardedConnection.open(guard, guard.target("raw", null),
            new UnwrapAudit(audited::add), driver.connection(), null);

    // ---- the walk ----

    @Test
    void theInterfacesReachableFromConnectionAreTheKnownOnes() {
        assertThat(reachableFromConnection())
                .as("java.sql interfaces reachable from Connection; a new one needs a guarded wrapper or a reason"
                        + " why it leads nowhere")
                .containsExactlyInAnyOrderElementsOf(EXPECTED_REACHABLE);
    }

    @Test
    void onlyValuesWithoutAWayBackAreLeftUnwrapped() {
        Set<Class<?>> deadEnds = new LinkedHashSet<>(reachableFromConnection());
        deadEnds.removeAll(leadingTypes());

        assertThat(deadEnds).containsExactlyInAnyOrderElementsOf(EXPECTED_DEAD_ENDS);
    }

    @Test
    void everyInterfaceThatLeadsBackHasAGuardedWrapper() throws SQLException {
        for (Class<?> type : leadingTypes()) {
            Object wrapper = wrapperOf(type);
            assertThat(wrapper).as("guarded " + type.getSimpleName()).isInstanceOf(type);
            assertThat(RawJdbc.isRaw(wrapper)).as(type.getSimpleName() + " handed out raw").isFalse();
        }
    }

    static Stream<Arguments> methodsLeadingBack() {
        return leadingTypes().stream()
                .flatMap(type -> leadingMethods(type).stream()
                        .map(method -> Arguments.of(type.getSimpleName() + "." + signature(method), type, method)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methodsLeadingBack")
    void everyMethodLeadingBackReturnsAGuardedObjectOrIsAudited(String name, Class<?> type, Method method)
            throws Throwable {
        Object result = invoke(method, wrapperOf(type), arguments(method));

        assertThat(result).as("result of " + name).isNotNull();
        assertGuardedOrAudited(name, result);
    }

    static Stream<Arguments> objectValuesFromTheDriver() {
        Map<String, Function<RawJdbc, Object>> values = new LinkedHashMap<>();
        values.put("a result set (refcursor)", raw -> raw.raw(ResultSet.class));
        values.put("an array", raw -> raw.raw(Array.class));
        values.put("a struct", raw -> raw.raw(Struct.class));
        values.put("a ref", raw -> raw.raw(Ref.class));
        values.put("a statement", raw -> raw.raw(Statement.class));
        values.put("a prepared statement", raw -> raw.raw(PreparedStatement.class));
        values.put("a connection", raw -> raw.raw(Connection.class));
        values.put("an Object[] of values", raw -> new Object[] {raw.raw(ResultSet.class), "text", 1,
                raw.raw(Array.class)});
        values.put("an Object[][] of values", raw -> new Object[][] {{raw.raw(ResultSet.class)}, {raw.raw(Ref.class)}});
        values.put("a ResultSet[]", raw -> new ResultSet[] {raw.raw(ResultSet.class)});
        return values.entrySet().stream().flatMap(value -> leadingTypes().stream()
                .flatMap(type -> leadingMethods(type).stream()
                        .filter(method -> method.getReturnType() == Object.class
                                && !method.getName().equals("unwrap"))
                        .map(method -> Arguments.of(type.getSimpleName() + "." + signature(method) + " returning "
                                + value.getKey(), type, method, value.getValue()))));
    }

    /** Getters declared to return {@code Object}: whatever the driver puts there comes back guarded or audited. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("objectValuesFromTheDriver")
    void everyObjectGetterGuardsOrAuditsWhatTheDriverReturns(String name, Class<?> type, Method method,
                                                             Function<RawJdbc, Object> value) throws Throwable {
        Object wrapper = wrapperOf(type);
        driver.objectValue(value);

        Object result = invoke(method, wrapper, arguments(method));

        assertGuardedOrAudited(name, result);
    }

    @Test
    void unwrappingToAnInterfaceTheWrapperImplementsReturnsTheWrapperUnaudited() throws SQLException {
        for (Class<?> type : leadingTypes()) {
            Object wrapper = wrapperOf(type);
            if (wrapper instanceof java.sql.Wrapper jdbcWrapper) {
                assertThat(jdbcWrapper.unwrap(type)).as(type.getSimpleName()).isSameAs(wrapper);
                assertThat(jdbcWrapper.unwrap(java.sql.Wrapper.class)).isSameAs(wrapper);
            }
        }
        assertThat(audited).isEmpty();
    }

    @Test
    void guardedValuesGoBackToTheDriverAsItsOwn() throws SQLException {
        ResultSet rows = connection.createStatement().executeQuery("SELECT a FROM t");
        Array array = rows.getArray(1);
        Ref ref = rows.getRef(1);
        Struct struct = connection.createStruct("t", new Object[] {array});
        PreparedStatement insert = connection.prepareStatement("INSERT INTO t VALUES (?)");
        CallableStatement call = connection.prepareCall("{call p(?)}");
        driver.valuesReceived().clear();

        insert.setArray(1, array);
        insert.setObject(1, array);
        insert.setRef(1, ref);
        insert.setObject(1, struct, java.sql.Types.STRUCT);
        call.setObject("p", array);
        rows.updateArray(1, array);
        rows.updateObject(1, ref);
        rows.updateRef(1, ref);
        connection.createArrayOf("int", new Object[] {array});

        assertThat(driver.valuesReceived()).isNotEmpty().allSatisfy(value -> {
            Object element = value instanceof Object[] elements ? elements[0] : value;
            assertThat(RawJdbc.isRaw(element)).as("the driver got " + element).isTrue();
        });
        assertThat(driver.valuesReceived()).hasSize(9);
    }

    // ---- checks ----

    private void assertGuardedOrAudited(String name, Object result) {
        if (leaksRaw(result, 0)) {
            assertThat(audited).as(name + " handed out the driver's " + result + " without auditing it")
                    .isNotEmpty();
        } else {
            assertThat(audited).as(name + " returned a guarded object").isEmpty();
        }
    }

    /** Whether {@code value} is, or an array of values holds, a driver object leading back to the driver. */
    private static boolean leaksRaw(Object value, int depth) {
        if (value instanceof Object[] elements && depth < DriverValues.MAX_NESTING) {
            for (Object element : elements) {
                if (leaksRaw(element, depth + 1)) {
                    return true;
                }
            }
            return false;
        }
        return RawJdbc.isRaw(value) && EXPECTED_DEAD_ENDS.stream().noneMatch(deadEnd -> deadEnd.isInstance(value));
    }

    // ---- the guarded object of each interface, reached from the connection ----

    private Object wrapperOf(Class<?> type) throws SQLException {
        if (type == Connection.class) {
            return connection;
        }
        if (type == Statement.class) {
            return connection.createStatement();
        }
        if (type == PreparedStatement.class) {
            return connection.prepareStatement("SELECT ?");
        }
        if (type == CallableStatement.class) {
            return connection.prepareCall("{call p(?)}");
        }
        if (type == ResultSet.class) {
            return connection.createStatement().executeQuery("SELECT 1");
        }
        if (type == DatabaseMetaData.class) {
            return connection.getMetaData();
        }
        if (type == ResultSetMetaData.class) {
            return connection.createStatement().executeQuery("SELECT 1").getMetaData();
        }
        if (type == ParameterMetaData.class) {
            return connection.prepareStatement("SELECT ?").getParameterMetaData();
        }
        if (type == Array.class) {
            return connection.createStatement().executeQuery("SELECT a FROM t").getArray(1);
        }
        if (type == Struct.class) {
            return connection.createStruct("t", new Object[0]);
        }
        if (type == Ref.class) {
            return connection.createStatement().executeQuery("SELECT r FROM t").getRef(1);
        }
        throw new AssertionError(type.getName() + " leads back to the driver, and this test does not know how to"
                + " reach its guarded wrapper: wrap it, and add it here");
    }

    // ---- reflection ----

    static Set<Class<?>> reachableFromConnection() {
        Set<Class<?>> reached = new LinkedHashSet<>();
        Deque<Class<?>> pending = new ArrayDeque<>(List.of(Connection.class));
        while (!pending.isEmpty()) {
            Class<?> type = pending.poll();
            if (!reached.add(type)) {
                continue;
            }
            for (Method method : publicMethods(type)) {
                Class<?> returned = elementType(method.getReturnType());
                if (returned.isInterface() && returned.getPackageName().equals("java.sql") && !reached.contains(returned)) {
                    pending.add(returned);
                }
            }
        }
        return reached;
    }

    /** The reachable interfaces with a method that returns, or leads to, a driver connection, statement or result set. */
    static Set<Class<?>> leadingTypes() {
        Set<Class<?>> reachable = reachableFromConnection();
        Set<Class<?>> leading = new LinkedHashSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Class<?> type : reachable) {
                if (!leading.contains(type)
                        && publicMethods(type).stream().anyMatch(m -> leadsBack(m.getReturnType(), leading))) {
                    leading.add(type);
                    grew = true;
                }
            }
        }
        return leading;
    }

    static List<Method> leadingMethods(Class<?> type) {
        Set<Class<?>> leading = leadingTypes();
        return publicMethods(type).stream().filter(m -> leadsBack(m.getReturnType(), leading)).toList();
    }

    /**
     * Whether a value of this declared type can be, or lead to, a driver object: one of them or a subtype, a type
     * that could hold one ({@code Object}, {@code Wrapper}, {@code AutoCloseable}, a type variable), an array of
     * those, or an interface that leads back itself.
     */
    private static boolean leadsBack(Class<?> declared, Set<Class<?>> leading) {
        Class<?> type = elementType(declared);
        for (Class<?> driverObject : DRIVER_OBJECTS) {
            if (type.isAssignableFrom(driverObject) || driverObject.isAssignableFrom(type)) {
                return true;
            }
        }
        return leading.contains(type);
    }

    private static Class<?> elementType(Class<?> type) {
        Class<?> element = type;
        while (element.isArray()) {
            element = element.getComponentType();
        }
        return element;
    }

    private static List<Method> publicMethods(Class<?> type) {
        return Arrays.stream(type.getMethods())
                .filter(m -> !Modifier.isStatic(m.getModifiers()))
                .sorted(Comparator.comparing(RawDriverPathsTest::signature))
                .toList();
    }

    /** Harmless arguments: SQL that nothing refuses, column 1, vendor types for unwrap. */
    private static Object[] arguments(Method method) {
        Class<?>[] types = method.getParameterTypes();
        Object[] arguments = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            Class<?> type = types[i];
            if (type == int.class) {
                arguments[i] = 1;
            } else if (type == long.class) {
                arguments[i] = 1L;
            } else if (type == boolean.class) {
                arguments[i] = false;
            } else if (type == String.class) {
                arguments[i] = "SELECT 1";
            } else if (type == Class.class) {
                arguments[i] = method.getName().equals("unwrap") ? VendorApi.class : Object.class;
            } else if (type == Map.class) {
                arguments[i] = Map.of();
            } else if (type == int[].class) {
                arguments[i] = new int[] {1};
            } else if (type == String[].class) {
                arguments[i] = new String[] {"id"};
            } else if (type == Object[].class) {
                arguments[i] = new Object[0];
            } else if (type.isPrimitive()) {
                throw new IllegalArgumentException("No test value for " + type + " in " + signature(method));
            }
        }
        return arguments;
    }

    private static Object invoke(Method method, Object target, Object... arguments) throws Throwable {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static String signature(Method method) {
        return method.getName() + "(" + String.join(", ",
                Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).toList()) + ")";
    }
}
