package dev.dbguard.jdbc;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in driver for unit tests of the wrappers alone: records every call that reaches it and answers with
 * harmless defaults (statements, result sets and metadata are recording objects too). Integration tests use real
 * databases instead.
 */
final class RecordingJdbc {

    private static final Set<Class<?>> RECORDED_TYPES = Set.of(
            Connection.class, Statement.class, PreparedStatement.class, CallableStatement.class, ResultSet.class,
            DatabaseMetaData.class);

    private final List<String> calls = new CopyOnWriteArrayList<>();

    Connection connection() {
        return recording(Connection.class);
    }

    /** The calls that reached the stand-in driver, as {@code Type.method}, oldest first. */
    List<String> calls() {
        return calls;
    }

    void forget() {
        calls.clear();
    }

    private <T> T recording(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> answer(type, proxy, method)));
    }

    private Object answer(Class<?> type, Object proxy, Method method) {
        switch (method.getName()) {
            case "toString":
                return "recording " + type.getSimpleName();
            case "hashCode":
                return System.identityHashCode(proxy);
            case "equals":
                return false;
            default:
                calls.add(type.getSimpleName() + "." + method.getName());
        }
        Class<?> returned = method.getReturnType();
        if (RECORDED_TYPES.contains(returned)) {
            return recording(returned);
        }
        if (returned.isPrimitive() && returned != void.class) {
            return Array.get(Array.newInstance(returned, 1), 0);
        }
        if (returned.isArray()) {
            return Array.newInstance(returned.getComponentType(), 0);
        }
        return null;
    }
}
