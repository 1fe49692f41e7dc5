package dev.dbguard.jdbc;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A stand-in driver that answers every call with the driver's own objects, the worst a real driver can do: every
 * {@code java.sql} interface it returns is one of its own, every {@code Object} it returns is (by default) one of
 * its result sets, every {@code Object[]} holds its result sets and arrays, and {@code unwrap} hands out whatever
 * is asked for. Its objects are {@link Proxy proxies}, so a test can tell a raw object from a guarded one. It also
 * keeps the values given to it ({@code setArray}, {@code setObject}, ...), so a test can check they are its own.
 */
final class RawJdbc {

    private final List<Object> valuesReceived = new CopyOnWriteArrayList<>();
    private volatile Function<RawJdbc, Object> objectValue = raw -> raw.raw(ResultSet.class);

    Connection connection() {
        return raw(Connection.class);
    }

    /** What the driver returns from a method declared to return {@code Object} (or a type variable). */
    void objectValue(Function<RawJdbc, Object> value) {
        this.objectValue = value;
    }

    /** The values given to the driver's set, update and create methods, oldest first. */
    List<Object> valuesReceived() {
        return valuesReceived;
    }

    /** One of the driver's own objects implementing {@code types}. */
    <T> T raw(Class<T> type, Class<?>... more) {
        Class<?>[] types = new Class<?>[more.length + 1];
        types[0] = type;
        System.arraycopy(more, 0, types, 1, more.length);
        return type.cast(Proxy.newProxyInstance(RawJdbc.class.getClassLoader(), types,
                (proxy, method, args) -> answer(types[0], proxy, method, args)));
    }

    static boolean isRaw(Object value) {
        return value != null && Proxy.isProxyClass(value.getClass());
    }

    private Object answer(Class<?> type, Object proxy, Method method, Object[] args) {
        switch (method.getName()) {
            case "toString":
                return "raw " + type.getSimpleName();
            case "hashCode":
                return System.identityHashCode(proxy);
            case "equals":
                return proxy == args[0];
            case "isWrapperFor":
                return true;
            case "unwrap":
                Class<?> asked = (Class<?>) args[0];
                if (!asked.isInterface()) {
                    return null;
                }
                // Like PgJDBC's connection, which is both its vendor interface and a java.sql.Connection.
                return asked.isAssignableFrom(Connection.class) || Connection.class.isAssignableFrom(asked)
                        ? raw(asked) : raw(asked, Connection.class);
            default:
                break;
        }
        if (args != null && (method.getName().startsWith("set") || method.getName().startsWith("update")
                || method.getName().startsWith("create"))) {
            for (Object argument : args) {
                if (argument != null && !(argument instanceof Number) && !(argument instanceof String)) {
                    valuesReceived.add(argument);
                }
            }
        }
        Class<?> returned = method.getReturnType();
        if (returned.isInterface() && returned.getPackageName().equals("java.sql")) {
            return raw(returned);
        }
        if (returned == Object.class) {
            return objectValue.apply(this);
        }
        if (returned == Object[].class) {
            return new Object[] {raw(ResultSet.class), raw(java.sql.Array.class)};
        }
        if (returned == String.class) {
            return "x";
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
