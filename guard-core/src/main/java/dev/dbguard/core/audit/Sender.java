package dev.dbguard.core.audit;

import java.util.Objects;
import java.util.function.Function;

/**
 * A framework component that sends SQL on the application's behalf: Spring's SQL initialization scripts,
 * Hibernate's schema management, Flyway, Liquibase. When no frame of the application is on the stack, refusals and
 * audit events name the sender instead of {@code caller=unknown}.
 *
 * <p>The stack alone tells which framework is at work ({@link Kind}), but not which script, migration or changeset:
 * an integration (the Spring starter) says that by {@linkplain #open(Sender) opening} a sender on the thread around
 * the work, e.g. in a Flyway callback before each migration. A sender is used only while a frame of its kind's
 * framework is on the stack, so one left open by a failed start cannot name unrelated statements.
 *
 * <pre>{@code
 * try (Sender.Scope scope = Sender.open(Sender.of(Sender.Kind.FLYWAY, "Flyway migration V3__drop_notes.sql"))) {
 *     ... // statements judged here are sent by "Flyway migration V3__drop_notes.sql"
 * }
 * }</pre>
 */
public final class Sender {

    /** Which framework sends; each is recognised by the packages of its frames. */
    public enum Kind {
        /** Spring Boot's {@code spring.sql.init} schema and data scripts. */
        SQL_INIT("spring.sql.init script", true, "org.springframework.boot.sql.init.",
                "org.springframework.boot.jdbc.init."),
        /** A Spring test's {@code @Sql} scripts. */
        TEST_SQL_SCRIPT("@Sql script of a Spring test", true, "org.springframework.test.context.jdbc."),
        /**
         * A SQL script run through Spring's {@code ScriptUtils} or {@code ResourceDatabasePopulator} by other code;
         * the application frame that ran it, when there is one, is named too.
         */
        SQL_SCRIPT("SQL script run by Spring's ScriptUtils", false, "org.springframework.jdbc.datasource.init."),
        /** Hibernate's schema management ({@code hbm2ddl}, Spring's {@code spring.jpa.hibernate.ddl-auto}). */
        HIBERNATE_SCHEMA("Hibernate schema management", true, "org.hibernate.tool.schema."),
        /** Flyway migrations, callbacks and {@code clean}. */
        FLYWAY("Flyway", true, "org.flywaydb."),
        /** Liquibase changesets. */
        LIQUIBASE("Liquibase", true, "liquibase."),
        /**
         * A client of guard-pg-proxy (psql, node-postgres, any PostgreSQL client): the proxy opens a sender naming
         * the client's address, user, database, {@code application_name} and route around each judgement.
         */
        PROXY_CLIENT("a client of dbguard-pg-proxy", true, "dev.dbguard.pgproxy.");

        private final String genericName;
        private final boolean decisive;
        private final String[] packages;

        Kind(String genericName, boolean decisive, String... packages) {
            this.genericName = genericName;
            this.decisive = decisive;
            this.packages = packages;
        }

        /** {@return how the sender is named when no integration said more, e.g. {@code Hibernate schema management}} */
        public String genericName() {
            return genericName;
        }

        /**
         * Whether a frame of this kind names the sender even when an application frame lies further down the
         * stack (the application's {@code main}, say). False for plain script runners, which application code
         * calls directly.
         */
        boolean decisive() {
            return decisive;
        }

        /** The kind whose framework {@code className} belongs to, or null. */
        static Kind ofFrame(String className) {
            for (Kind kind : values()) {
                for (String prefix : kind.packages) {
                    if (className.startsWith(prefix)) {
                        return kind;
                    }
                }
            }
            return null;
        }
    }

    private static final ThreadLocal<Sender> CURRENT = new ThreadLocal<>();

    private final Kind kind;
    private final Function<String, String> describer;

    private Sender(Kind kind, Function<String, String> describer) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.describer = Objects.requireNonNull(describer, "describer");
    }

    /**
     * A sender with a fixed description.
     *
     * @param kind        the framework sending; its frames must be on the stack for the sender to be named
     * @param description how the sender is named, e.g. {@code Flyway migration V3__drop_task_notes.sql}; not null
     * @return the sender, to {@link #open(Sender) open} on the thread
     */
    public static Sender of(Kind kind, String description) {
        Objects.requireNonNull(description, "description");
        return new Sender(kind, statement -> description);
    }

    /**
     * A sender whose description depends on the statement, e.g. the script and statement number of
     * {@code spring.sql.init}; {@code describer} gets the statement's text and may return null when it cannot
     * tell (the {@linkplain Kind#genericName() generic name} is used then). It must not throw.
     *
     * @param kind      the framework sending
     * @param describer from the statement's text (possibly null) to its sender's description, or null
     * @return the sender, to {@link #open(Sender) open} on the thread
     */
    public static Sender describedBy(Kind kind, Function<String, String> describer) {
        return new Sender(kind, describer);
    }

    /** {@return which framework this sender is} */
    public Kind kind() {
        return kind;
    }

    /**
     * Names this sender for one statement.
     *
     * @param statementText the statement's text, or null
     * @return the description, or the kind's generic name when the describer gives none or throws; never null
     */
    public String describe(String statementText) {
        String description;
        try {
            description = describer.apply(statementText);
        } catch (RuntimeException e) {
            description = null; // naming the sender must never stop the judgement
        }
        return description == null || description.isBlank() ? kind.genericName() : description;
    }

    /**
     * Makes {@code sender} the current thread's sender until the scope is closed; the sender it replaced (if any)
     * is current again then.
     *
     * @param sender the sender; not null
     * @return the scope to close, in a try-with-resources block on the same thread
     */
    public static Scope open(Sender sender) {
        Objects.requireNonNull(sender, "sender");
        Scope scope = new Scope(CURRENT.get());
        CURRENT.set(sender);
        return scope;
    }

    /** {@return the current thread's sender, or null when none is open} */
    public static Sender current() {
        return CURRENT.get();
    }

    /** Ends a sender's time on its thread. */
    public static final class Scope implements AutoCloseable {

        private final Sender previous;
        private boolean closed;

        private Scope(Sender previous) {
            this.previous = previous;
        }

        /** Restores the sender this one replaced; idempotent. Close it on the thread that opened it. */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    @Override
    public String toString() {
        return kind + " sender";
    }
}
