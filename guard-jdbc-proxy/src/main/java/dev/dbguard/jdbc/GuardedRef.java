package dev.dbguard.jdbc;

import java.sql.Ref;
import java.sql.SQLException;
import java.util.Map;

/** A reference to a structured value, whose referenced value comes back guarded when it leads back to the driver. */
final class GuardedRef implements Ref {

    private final GuardedConnection connection;
    private final Ref delegate;

    GuardedRef(GuardedConnection connection, Ref delegate) {
        this.connection = connection;
        this.delegate = delegate;
    }

    Ref delegate() {
        return delegate;
    }

    @Override
    public String getBaseTypeName() throws SQLException {
        return delegate.getBaseTypeName();
    }

    @Override
    public Object getObject(Map<String, Class<?>> map) throws SQLException {
        return DriverValues.guarded(connection, "Ref.getObject", delegate.getObject(map));
    }

    @Override
    public Object getObject() throws SQLException {
        return DriverValues.guarded(connection, "Ref.getObject", delegate.getObject());
    }

    @Override
    public void setObject(Object value) throws SQLException {
        delegate.setObject(DriverValues.raw(value));
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
