package dev.dbguard.jdbc;

import java.lang.reflect.Method;
import java.sql.Connection;

/**
 * PgJDBC's copy of what the PostgreSQL server last reported for {@code standard_conforming_strings}. The server
 * reports that parameter to the client whenever its value changes (by {@code SET}, by {@code set_config(...)} in a
 * function, by a rollback that undoes a {@code SET}), and PgJDBC keeps the last report, which its own SQL parser
 * needs: reading it costs no round trip. Read by reflection so that dbguard does not depend on PgJDBC.
 */
final class PgJdbcParameters {

    /** PgJDBC's connection interface holding the reported value as a boolean, kept since PgJDBC 8. */
    private static final String BASE_CONNECTION = "org.postgresql.core.BaseConnection";
    /** PgJDBC's public interface holding every reported parameter, a fallback for a driver without the former. */
    private static final String PG_CONNECTION = "org.postgresql.PGConnection";

    /** How to read the report from connections of each class; {@link #NONE} for classes that are not PgJDBC's. */
    private static final ClassValue<Reader> READERS = new ClassValue<>() {
        @Override
        protected Reader computeValue(Class<?> type) {
            Method conforming = method(implemented(type, BASE_CONNECTION), "getStandardConformingStrings");
            if (conforming != null && conforming.getReturnType() == boolean.class) {
                return new Reader(conforming, false);
            }
            Method status = method(implemented(type, PG_CONNECTION), "getParameterStatus", String.class);
            return status != null ? new Reader(status, true) : NONE;
        }
    };

    private static final Reader NONE = new Reader(null, false);

    private PgJdbcParameters() {
    }

    /**
     * The server's last report of {@code standard_conforming_strings} ({@code on} or {@code off}), or null when the
     * connection is not PgJDBC's or the driver does not keep reports.
     */
    static String standardConformingStrings(Connection physical) {
        if (physical == null) {
            return null;
        }
        Reader reader = READERS.get(physical.getClass());
        if (reader.method == null) {
            return null;
        }
        try {
            if (reader.byName) {
                Object value = reader.method.invoke(physical, "standard_conforming_strings");
                return value instanceof String text ? text : null;
            }
            return (Boolean) reader.method.invoke(physical) ? "on" : "off";
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private record Reader(Method method, boolean byName) {
    }

    private static Method method(Class<?> type, String name, Class<?>... parameters) {
        if (type == null) {
            return null;
        }
        try {
            return type.getMethod(name, parameters);
        } catch (NoSuchMethodException olderDriver) {
            return null;
        }
    }

    /** The interface named {@code name} among those {@code type} implements, directly or not; null if none. */
    private static Class<?> implemented(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> implemented : c.getInterfaces()) {
                Class<?> found = named(implemented, name);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static Class<?> named(Class<?> type, String name) {
        if (type.getName().equals(name)) {
            return type;
        }
        for (Class<?> parent : type.getInterfaces()) {
            Class<?> found = named(parent, name);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
