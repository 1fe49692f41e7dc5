package dev.dbguard.jdbc;

import dev.dbguard.core.Target;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Warns, once per call site, that application code unwrapped a guarded object (a connection, statement, result set,
 * metadata) to a vendor type, or was handed a driver's own connection or statement as a value: whatever it sends
 * through that object is not checked. The unwrap itself is legitimate (PostgreSQL's {@code CopyManager} needs it),
 * so it is reported, not refused.
 */
final class UnwrapAudit {

    /** Call sites remembered at most; a program has far fewer, so the bound only guards against generated code. */
    static final int MAX_CALL_SITES = 1_000;

    private static final Logger AUDIT_LOG = LoggerFactory.getLogger("dbguard.audit");

    /** The process-wide instance that writes to the {@code dbguard.audit} logger at WARN. */
    static final UnwrapAudit LOG = new UnwrapAudit(AUDIT_LOG::warn);

    private static final StackWalker STACK = StackWalker.getInstance();

    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final Consumer<String> warn;

    UnwrapAudit(Consumer<String> warn) {
        this.warn = warn;
    }

    /**
     * Reports an unwrap to a vendor type.
     *
     * @param object what was unwrapped: {@code connection}, {@code statement}, {@code result set}, ...
     */
    void unwrapped(Target target, String object, Class<?> vendorType) {
        String callSite = callSite();
        if (firstReport(callSite)) {
            warn.accept("dbguard: " + object + " of data source " + describe(target) + " was unwrapped to "
                    + vendorType.getName() + " at " + callSite
                    + ": statements sent through the unwrapped object bypass the guard; use it only for vendor"
                    + " features such as CopyManager");
        }
    }

    /**
     * Reports that the driver handed back one of its own connections or statements as a value, which the guard
     * cannot wrap because it cannot know what it belongs to.
     *
     * @param source where the value was read, e.g. {@code ResultSet.getObject}
     */
    void rawValue(Target target, String source, Object value) {
        String callSite = callSite();
        if (firstReport(callSite)) {
            warn.accept("dbguard: " + source + " on data source " + describe(target) + " returned the driver's own "
                    + value.getClass().getName() + " at " + callSite
                    + ": statements sent through it bypass the guard");
        }
    }

    private boolean firstReport(String callSite) {
        return reported.size() < MAX_CALL_SITES && reported.add(callSite);
    }

    private static String describe(Target target) {
        return "'" + target.dataSourceName() + "' (" + target.environment().environment().name() + ", mode "
                + target.mode().id() + ")";
    }

    /**
     * The first frame of the code that asked for the unwrap: outside this audit, outside the JDK, and outside the
     * {@code unwrap} methods of dbguard, pools and other wrappers that merely pass the request on.
     */
    static String callSite() {
        Optional<StackWalker.StackFrame> frame = STACK.walk(frames -> frames
                .filter(f -> !isPassThrough(f))
                .findFirst());
        return frame.map(f -> f.toStackTraceElement().toString()).orElse("unknown");
    }

    private static boolean isPassThrough(StackWalker.StackFrame frame) {
        String type = frame.getClassName();
        return type.equals(UnwrapAudit.class.getName())
                || type.equals(Gate.class.getName())
                || type.equals(DriverValues.class.getName())
                || type.startsWith(UnwrapAudit.class.getPackageName() + ".Guarded")
                || type.startsWith("java.")
                || type.startsWith("jdk.")
                || type.startsWith("sun.")
                || type.startsWith("com.sun.proxy.")
                || type.contains("$Proxy")
                || frame.getMethodName().equals("unwrap")
                || frame.getMethodName().equals("invoke");
    }
}
