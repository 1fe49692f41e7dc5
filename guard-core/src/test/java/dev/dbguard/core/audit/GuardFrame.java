package dev.dbguard.core.audit;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.reflect.InvocationHandler;

/**
 * Stands in for the guard's own frames on a real call stack: a dbguard class (not a test class), so
 * {@link CallerLocator} must look past it.
 */
public final class GuardFrame {

    private GuardFrame() {
    }

    public static String enforce() {
        return CallerLocator.find();
    }

    public static String enforceSql(String sql) {
        return CallerLocator.find();
    }

    public static String enforce(CallerLocator locator) {
        return locator.locate();
    }

    /** Like a JDBC proxy's handler: whatever method is called on the proxy, locates the caller. */
    public static InvocationHandler handler() {
        return (proxy, method, args) -> CallerLocator.find();
    }

    /** A JUnit extension, so JUnit calls dbguard code with no application frame in between. */
    static final class BeforeEachProbe implements BeforeEachCallback {
        volatile String found;

        @Override
        public void beforeEach(ExtensionContext context) {
            found = CallerLocator.find();
        }
    }
}
