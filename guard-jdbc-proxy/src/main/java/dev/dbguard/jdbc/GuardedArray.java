package dev.dbguard.jdbc;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * An SQL array whose result sets lead back to the guarded connection. PgJDBC builds {@link #getResultSet()} with a
 * statement of its own, so the driver's array would hand out, through {@code getResultSet().getStatement()}, a
 * statement that runs SQL unjudged. Elements that are values of their own (arrays of arrays, structs) come back
 * guarded too.
 */
final class GuardedArray implements Array {

    private final GuardedConnection connection;
    private final Array delegate;

    GuardedArray(GuardedConnection connection, Array delegate) {
        this.connection = connection;
        this.delegate = delegate;
    }

    Array delegate() {
        return delegate;
    }

    private ResultSet results(ResultSet resultSet) {
        return resultSet == null ? null : new GuardedResultSet(connection, null, resultSet);
    }

    private Object elements(Object elements) throws SQLException {
        return DriverValues.guarded(connection, "Array.getArray", elements);
    }

    // ---- java.sql.Array: the elements as a result set ----

    @Override
    public ResultSet getResultSet() throws SQLException {
        return results(delegate.getResultSet());
    }

    @Override
    public ResultSet getResultSet(Map<String, Class<?>> map) throws SQLException {
        return results(delegate.getResultSet(map));
    }

    @Override
    public ResultSet getResultSet(long index, int count) throws SQLException {
        return results(delegate.getResultSet(index, count));
    }

    @Override
    public ResultSet getResultSet(long index, int count, Map<String, Class<?>> map) throws SQLException {
        return results(delegate.getResultSet(index, count, map));
    }

    // ---- java.sql.Array: the elements as a Java array ----

    @Override
    public Object getArray() throws SQLException {
        return elements(delegate.getArray());
    }

    @Override
    public Object getArray(Map<String, Class<?>> map) throws SQLException {
        return elements(delegate.getArray(map));
    }

    @Override
    public Object getArray(long index, int count) throws SQLException {
        return elements(delegate.getArray(index, count));
    }

    @Override
    public Object getArray(long index, int count, Map<String, Class<?>> map) throws SQLException {
        return elements(delegate.getArray(index, count, map));
    }

    // ---- java.sql.Array: everything else passes through ----

    @Override
    public String getBaseTypeName() throws SQLException {
        return delegate.getBaseTypeName();
    }

    @Override
    public int getBaseType() throws SQLException {
        return delegate.getBaseType();
    }

    @Override
    public void free() throws SQLException {
        delegate.free();
    }

    /** The driver's text of the array: PgJDBC's is the array literal, which some code binds. */
    @Override
    public String toString() {
        return delegate.toString();
    }
}
