package dev.dbguard.jdbc;

import java.lang.reflect.Method;
import java.sql.Connection;

/**
 * PgJDBC's copy of what the PostgreSQL server last reported for a parameter. The server reports some parameters,
 * {@code standard_conforming_strings} among them, to the client whenever their value changes (by {@code SET}, by
 * {@code set_config(...)} in a function, by a rollback that undoes a {@code SET}), and PgJDBC keeps the last report:
 * reading it costs no round trip. Read by reflection so that dbguard does not depend on PgJDBC.
 */
final class PgJdbcParameters {

    private static final String PG_CONNECTION = "org.postgresql.PGConnection";

    /** {@code PGConnection.getParameterStatus(String)} for connection classes that implement it; null for others. */
    private static final ClassValue<Method> PARAMETER_STATUS = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            Class<?> pgConnection = implemented(type);
            if (pgConnection == null) {
                return null;
            }
            try {
                return pgConnection.getMethod("getParameterStatus", String.class);
            } catch (NoSuchMethodException olderDriver) {
                return null;
            }
        }
    };

    private PgJdbcParameters() {
    }

    /**
     * The server's last report of {@code standard_conforming_strings} ({@code on} or {@code off}), or null when the
     * connection is not PgJDBC's, the driver is too old to keep reports, or the server sent none.
     */
    static String standardConformingStrings(Connection physical) {
        if (physical == null) {
            return null;
        }
        Method parameterStatus = PARAMETER_STATUS.get(physical.getClass());
        if (parameterStatus == null) {
            return null;
        }
        try {
            Object value = parameterStatus.invoke(physical, "standard_conforming_strings");
            return value instanceof String text ? text : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static Class<?> implemented(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> implemented : c.getInterfaces()) {
                Class<?> found = named(implemented);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static Class<?> named(Class<?> type) {
        if (type.getName().equals(PG_CONNECTION)) {
            return type;
        }
        for (Class<?> parent : type.getInterfaces()) {
            Class<?> found = named(parent);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
