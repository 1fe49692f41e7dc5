package dev.dbguard.jdbc;

import java.sql.SQLException;
import java.sql.Struct;
import java.util.Map;

/** A structured value whose attributes that lead back to the driver (result sets, arrays, structs) come back guarded. */
final class GuardedStruct implements Struct {

    private final GuardedConnection connection;
    private final Struct delegate;

    GuardedStruct(GuardedConnection connection, Struct delegate) {
        this.connection = connection;
        this.delegate = delegate;
    }

    Struct delegate() {
        return delegate;
    }

    @Override
    public String getSQLTypeName() throws SQLException {
        return delegate.getSQLTypeName();
    }

    @Override
    public Object[] getAttributes() throws SQLException {
        return (Object[]) DriverValues.guarded(connection, "Struct.getAttributes", delegate.getAttributes());
    }

    @Override
    public Object[] getAttributes(Map<String, Class<?>> map) throws SQLException {
        return (Object[]) DriverValues.guarded(connection, "Struct.getAttributes", delegate.getAttributes(map));
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
