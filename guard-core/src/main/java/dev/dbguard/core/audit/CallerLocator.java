package dev.dbguard.core.audit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the application code that sent a statement: the first frame on the current thread's stack that belongs to
 * none of dbguard, the JDK, JDBC drivers, connection pools, Spring, Hibernate, MyBatis, jOOQ, JDBI, Flyway, Liquibase,
 * common JDBC instrumentation, or generated proxies, written as {@code com.acme.TaskAdmin.purge(TaskAdmin.java:42)}.
 *
 * <p>dbguard's samples ({@code dev.dbguard.samples.}) and dbguard's own test classes (names ending in {@code Test},
 * {@code Tests} or {@code IT}) count as application code. Test-runner frames (JUnit, Surefire, Gradle, IDE
 * runners) are reported only when nothing else is found, and {@value #UNKNOWN} when not even those are.
 *
 * <p>Walks the stack lazily and stops at the first match; meant for refused and audited statements, not every
 * statement. Thread-safe.
 */
public final class CallerLocator {

    /** What {@link #find()} returns when no frame qualifies. */
    public static final String UNKNOWN = "unknown";

    /** Prefixes of class names that are never the application. */
    private static final List<String> INFRASTRUCTURE = List.of(
            // dbguard itself (samples are application code, see isApplication)
            "dev.dbguard.",
            // the JDK, including reflection and java.lang.reflect.Proxy classes (jdk.proxyN.$ProxyM)
            "java.", "javax.", "jakarta.", "jdk.", "sun.", "com.sun.",
            // JDBC drivers
            "org.postgresql.", "org.mariadb.", "com.mysql.", "oracle.jdbc.", "com.microsoft.sqlserver.", "org.h2.",
            "org.hsqldb.", "org.apache.derby.", "org.sqlite.",
            // connection pools
            "com.zaxxer.hikari.", "org.apache.commons.dbcp2.", "org.apache.tomcat.jdbc.", "com.mchange.",
            "com.alibaba.druid.",
            // frameworks and data-access libraries
            "org.springframework.", "org.hibernate.", "org.flywaydb.", "liquibase.", "org.jooq.",
            "org.apache.ibatis.", "org.mybatis.", "org.jdbi.",
            // JDBC instrumentation that wraps the same calls
            "net.ttddyy.", "com.p6spy.", "io.opentelemetry.", "io.micrometer.");

    /** Prefixes of test-runner classes: a last resort, better than {@value #UNKNOWN}. */
    private static final List<String> TEST_RUNNERS = List.of(
            "org.junit.", "junit.", "org.testng.", "org.apache.maven.surefire.", "org.gradle.", "com.intellij.rt.",
            "org.eclipse.jdt.internal.junit");

    private static final StackWalker WALKER = StackWalker.getInstance();
    private static final CallerLocator DEFAULT = new CallerLocator(List.of());

    private final List<String> infrastructure;

    /**
     * A locator that also skips classes whose names start with one of {@code extraSkippedPrefixes}, e.g. your own
     * data-access layer ({@code com.acme.db.}), so the frame reported is the code that called it.
     *
     * @throws IllegalArgumentException if a prefix is blank
     */
    public CallerLocator(Collection<String> extraSkippedPrefixes) {
        List<String> all = new ArrayList<>(INFRASTRUCTURE);
        for (String prefix : extraSkippedPrefixes) {
            if (prefix == null || prefix.isBlank()) {
                throw new IllegalArgumentException("dbguard caller prefix must not be blank: " + extraSkippedPrefixes);
            }
            all.add(prefix.strip());
        }
        this.infrastructure = List.copyOf(all);
    }

    /** The application's calling frame on the current thread, with the built-in prefixes only; never null. */
    public static String find() {
        return DEFAULT.locate();
    }

    /** The application's calling frame on the current thread; never null. */
    public String locate() {
        return WALKER.walk(this::firstApplicationFrame);
    }

    private String firstApplicationFrame(Stream<StackWalker.StackFrame> frames) {
        StackWalker.StackFrame firstTestRunner = null;
        for (StackWalker.StackFrame frame : (Iterable<StackWalker.StackFrame>) frames::iterator) {
            String className = frame.getClassName();
            if (isTestRunner(className)) {
                if (firstTestRunner == null) {
                    firstTestRunner = frame;
                }
            } else if (isApplication(className)) {
                return describe(frame);
            }
        }
        return Optional.ofNullable(firstTestRunner).map(CallerLocator::describe).orElse(UNKNOWN);
    }

    /** Whether a frame of {@code className} can be reported as the application's (test runners aside). */
    boolean isApplication(String className) {
        if (className.startsWith("dev.dbguard.samples.") || isDbguardTest(className)) {
            return true;
        }
        if (className.contains("$$") || className.contains("$Proxy")) {
            return false; // CGLIB, ByteBuddy, Hibernate and JDK proxies; the real method is deeper in the stack
        }
        for (String prefix : infrastructure) {
            if (className.startsWith(prefix)) {
                return false;
            }
        }
        return !isTestRunner(className);
    }

    static boolean isTestRunner(String className) {
        for (String prefix : TEST_RUNNERS) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** dbguard's own tests drive statements the way an application would; naming them makes test failures clear. */
    private static boolean isDbguardTest(String className) {
        if (!className.startsWith("dev.dbguard.")) {
            return false;
        }
        int nested = className.indexOf('$');
        String topLevel = nested < 0 ? className : className.substring(0, nested);
        return topLevel.endsWith("Test") || topLevel.endsWith("Tests") || topLevel.endsWith("IT");
    }

    private static String describe(StackWalker.StackFrame frame) {
        StringBuilder out = new StringBuilder(96)
                .append(frame.getClassName()).append('.').append(frame.getMethodName()).append('(');
        if (frame.isNativeMethod()) {
            out.append("Native Method");
        } else if (frame.getFileName() == null) {
            out.append("Unknown Source");
        } else {
            out.append(frame.getFileName());
            if (frame.getLineNumber() >= 0) {
                out.append(':').append(frame.getLineNumber());
            }
        }
        return out.append(')').toString();
    }
}
