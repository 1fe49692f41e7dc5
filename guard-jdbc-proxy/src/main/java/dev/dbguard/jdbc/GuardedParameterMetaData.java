package dev.dbguard.jdbc;

import java.sql.ParameterMetaData;
import java.sql.SQLException;

/**
 * Parameter metadata whose {@link #unwrap(Class)} to a vendor type is audited like every other unwrap; its own
 * methods only describe parameters.
 */
final class GuardedParameterMetaData implements ParameterMetaData {

    private final GuardedConnection connection;
    private final ParameterMetaData delegate;

    GuardedParameterMetaData(GuardedConnection connection, ParameterMetaData delegate) {
        this.connection = connection;
        this.delegate = delegate;
    }

    static ParameterMetaData of(GuardedConnection connection, ParameterMetaData delegate) {
        return delegate == null ? null : new GuardedParameterMetaData(connection, delegate);
    }

    // ---- java.sql.ParameterMetaData: everything passes through ----

    @Override
    public int getParameterCount() throws SQLException {
        return delegate.getParameterCount();
    }

    @Override
    public int isNullable(int param) throws SQLException {
        return delegate.isNullable(param);
    }

    @Override
    public boolean isSigned(int param) throws SQLException {
        return delegate.isSigned(param);
    }

    @Override
    public int getPrecision(int param) throws SQLException {
        return delegate.getPrecision(param);
    }

    @Override
    public int getScale(int param) throws SQLException {
        return delegate.getScale(param);
    }

    @Override
    public int getParameterType(int param) throws SQLException {
        return delegate.getParameterType(param);
    }

    @Override
    public String getParameterTypeName(int param) throws SQLException {
        return delegate.getParameterTypeName(param);
    }

    @Override
    public String getParameterClassName(int param) throws SQLException {
        return delegate.getParameterClassName(param);
    }

    @Override
    public int getParameterMode(int param) throws SQLException {
        return delegate.getParameterMode(param);
    }

    // ---- java.sql.Wrapper ----

    /** This wrapper for the types it implements; for any other type, the driver's object, audited like an unwrap. */
    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        T unwrapped = delegate.unwrap(iface);
        connection.gate().unwrapped("parameter metadata", iface);
        return unwrapped;
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || delegate.isWrapperFor(iface);
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
