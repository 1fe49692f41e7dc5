package dev.dbguard.core.audit;

import dev.dbguard.core.audit.CallerLocator;
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

    /** Who sent {@value #STATEMENT}, as the engine asks when it refuses it. */
    public static CallerLocator.Caller callerOfStatement() {
        return CallerLocator.find(STATEMENT);
    }

    /** As {@link #callerOfStatement()}, asked from inside a frame of Spring's ScriptUtils. */
    public static CallerLocator.Caller callerOfScriptStatement() {
        return org.springframework.jdbc.datasource.init.testframes.ScriptUtilsFrame.call(GuardFrame::callerOfStatement);
    }

    /** The statement {@link #callerOfStatement()} asks about. */
    public static final String STATEMENT = "DROP TABLE legacy_orders";

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
