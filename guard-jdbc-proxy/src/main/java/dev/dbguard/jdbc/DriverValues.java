package dev.dbguard.jdbc;

import java.sql.Array;
import java.sql.Connection;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Struct;

/**
 * Values the driver hands back (a column, an out parameter, an array element, a struct attribute) that lead back to
 * the driver, and the way they go back in.
 *
 * <p>Out: a {@link ResultSet} (a PostgreSQL {@code refcursor} read with {@code getObject}) comes back guarded, and so
 * do an {@link Array}, a {@link Struct} and a {@link Ref}, whose own methods hand out result sets and further values;
 * arrays of values are looked through. A driver's {@link Connection} or {@link Statement} as a value cannot be wrapped
 * (it is not known what it belongs to): it is returned as it is and audited, like an unwrap.
 *
 * <p>In: a guarded value given back to the driver ({@code setArray}, {@code setObject}, {@code updateRef}) is replaced
 * by the driver's own, which drivers expect (PgJDBC binds its own arrays in binary).
 */
final class DriverValues {

    /** Nesting of arrays of values looked through; a database's arrays have at most a few dimensions. */
    static final int MAX_NESTING = 16;

    private DriverValues() {
    }

    /** {@code value} with whatever leads back to the driver guarded or audited. */
    static Object guarded(GuardedConnection connection, String source, Object value) throws SQLException {
        return guarded(connection, source, value, 0);
    }

    /**
     * As {@link #guarded(GuardedConnection, String, Object)} for a value asked for as {@code type}: a guarded value
     * that is not of that type (a vendor class) is returned raw and audited, as an unwrap would be.
     */
    static <T> T guarded(GuardedConnection connection, String source, T value, Class<T> type) throws SQLException {
        Object guarded = guarded(connection, source, value);
        if (guarded == value || type == null || type.isInstance(guarded)) {
            return type == null ? value : type.cast(guarded);
        }
        connection.gate().unwrapped(source + " value", type);
        return value;
    }

    static Array guardedArray(GuardedConnection connection, Array array) {
        return array == null || array instanceof GuardedArray ? array : new GuardedArray(connection, array);
    }

    static Ref guardedRef(GuardedConnection connection, Ref ref) {
        return ref == null || ref instanceof GuardedRef ? ref : new GuardedRef(connection, ref);
    }

    static Struct guardedStruct(GuardedConnection connection, Struct struct) {
        return struct == null || struct instanceof GuardedStruct ? struct : new GuardedStruct(connection, struct);
    }

    /** The driver's own value for a guarded one; anything else as it is. */
    static Object raw(Object value) {
        if (value instanceof GuardedArray array) {
            return array.delegate();
        }
        if (value instanceof GuardedStruct struct) {
            return struct.delegate();
        }
        if (value instanceof GuardedRef ref) {
            return ref.delegate();
        }
        if (value instanceof GuardedResultSet resultSet) {
            return resultSet.delegate();
        }
        return value;
    }

    static Array raw(Array array) {
        return array instanceof GuardedArray guarded ? guarded.delegate() : array;
    }

    static Ref raw(Ref ref) {
        return ref instanceof GuardedRef guarded ? guarded.delegate() : ref;
    }

    private static Object guarded(GuardedConnection connection, String source, Object value, int depth)
            throws SQLException {
        if (value == null || isGuarded(value)) {
            return value;
        }
        if (value instanceof ResultSet resultSet) {
            return new GuardedResultSet(connection, null, resultSet);
        }
        if (value instanceof Array array) {
            return new GuardedArray(connection, array);
        }
        if (value instanceof Struct struct) {
            return new GuardedStruct(connection, struct);
        }
        if (value instanceof Ref ref) {
            return new GuardedRef(connection, ref);
        }
        if (value instanceof Connection || value instanceof Statement) {
            connection.gate().rawValue(source, value);
            return value;
        }
        if (value instanceof Object[] elements) {
            return guardedElements(connection, source, elements, depth);
        }
        return value;
    }

    /** The elements guarded in place; in a copy when the array's element type cannot hold a guarded value. */
    private static Object[] guardedElements(GuardedConnection connection, String source, Object[] elements,
                                            int depth) throws SQLException {
        if (depth >= MAX_NESTING) {
            throw new SQLException("dbguard: " + source + " returned arrays nested more than " + MAX_NESTING
                    + " deep, which the guard does not look through", "54000");
        }
        Object[] result = elements;
        for (int i = 0; i < elements.length; i++) {
            Object element = elements[i];
            Object guarded = guarded(connection, source, element, depth + 1);
            if (guarded == element) {
                continue;
            }
            if (result == elements && !elements.getClass().getComponentType().isInstance(guarded)) {
                result = new Object[elements.length];
                System.arraycopy(elements, 0, result, 0, elements.length);
            }
            result[i] = guarded;
        }
        return result;
    }

    private static boolean isGuarded(Object value) {
        return value instanceof GuardedResultSet || value instanceof GuardedArray || value instanceof GuardedStruct
                || value instanceof GuardedRef || value instanceof GuardedStatement
                || value instanceof GuardedConnection;
    }
}
