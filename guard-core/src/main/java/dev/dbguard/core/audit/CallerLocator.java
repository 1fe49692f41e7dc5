package dev.dbguard.core.audit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
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
 * <p>A framework that sends SQL on the application's behalf is named when its frames come before any application
 * frame ({@link Sender.Kind}): {@code spring.sql.init script classpath:schema.sql (statement 3)},
 * {@code Hibernate schema management (spring.jpa.hibernate.ddl-auto=create-drop)},
 * {@code Flyway migration V3__drop_task_notes.sql}. The detail comes from the thread's {@link Sender}, which an
 * integration opens around the work; without one the framework's generic name is given. The application's
 * {@code main} further down the stack does not count: it did not send the statement, the framework did.
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
            "net.ttddyy.", "com.p6spy.", "io.opentelemetry.", "io.micrometer.",
            // network layers: guard-pg-proxy's event loop is no caller (the client is named in the data source)
            "io.netty.");

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
     * @param extraSkippedPrefixes class-name prefixes skipped on top of the built-in framework ones; may be empty
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

    /**
     * {@return the application's calling frame on the current thread, with the built-in prefixes only} For example
     * {@code com.acme.TaskAdmin.purge(TaskAdmin.java:42)}, a sending framework, or {@value #UNKNOWN}; never null.
     */
    public static String find() {
        return DEFAULT.locate();
    }

    /**
     * Who sent {@code statementText} on the current thread, with the built-in prefixes only: the application's
     * calling frame, or the framework that sent it; never null.
     *
     * @param statementText the statement, for senders whose description depends on it (a script's statement
     *                      number); may be null
     * @return the caller
     */
    public static Caller find(String statementText) {
        return DEFAULT.caller(statementText);
    }

    /**
     * {@return the application's calling frame (or the sending framework) on the current thread, with this locator's
     * prefixes} Never null.
     */
    public String locate() {
        return caller(null).description();
    }

    /**
     * As {@link #find(String)}, with this locator's prefixes.
     *
     * @param statementText the statement, for senders whose description depends on it; may be null
     * @return the caller
     */
    public Caller caller(String statementText) {
        return WALKER.walk(frames -> firstCaller(frames, statementText));
    }

    private Caller firstCaller(Stream<StackWalker.StackFrame> frames, String statementText) {
        StackWalker.StackFrame firstTestRunner = null;
        Sender.Kind script = null;
        for (StackWalker.StackFrame frame : (Iterable<StackWalker.StackFrame>) frames::iterator) {
            String className = frame.getClassName();
            if (isTestRunner(className)) {
                if (firstTestRunner == null) {
                    firstTestRunner = frame;
                }
            } else if (isApplication(className)) {
                if (script != null) {
                    return new Caller(senderName(script, statementText) + ", called from " + describe(frame), script);
                }
                return new Caller(describe(frame), null);
            } else {
                Sender.Kind kind = Sender.Kind.ofFrame(className);
                if (kind != null && kind.decisive()) {
                    return new Caller(senderName(kind, statementText), kind);
                }
                if (kind != null && script == null) {
                    script = kind;
                }
            }
        }
        if (script != null) {
            return new Caller(senderName(script, statementText), script);
        }
        return new Caller(Optional.ofNullable(firstTestRunner).map(CallerLocator::describe).orElse(UNKNOWN), null);
    }

    /** The thread's sender's description when it is of this kind, else the kind's generic name. */
    private static String senderName(Sender.Kind kind, String statementText) {
        Sender sender = Sender.current();
        return sender != null && sender.kind() == kind ? sender.describe(statementText) : kind.genericName();
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

    /**
     * Who sent a statement.
     *
     * @param description the application frame ({@code com.acme.Admin.purge(Admin.java:42)}), the sender
     *                    ({@code Flyway migration V3__drop_task_notes.sql}), a test runner's frame, or
     *                    {@value #UNKNOWN}
     * @param senderKind  the framework that sent it, or null when application code (or nothing known) did
     */
    public record Caller(String description, Sender.Kind senderKind) {

        /**
         * Checks that there is a description.
         *
         * @param description who sent the statement, for people
         * @param senderKind  the framework that sent it, or null
         * @throws NullPointerException when {@code description} is null
         */
        public Caller {
            Objects.requireNonNull(description, "description");
        }
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
