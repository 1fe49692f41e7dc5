package dev.dbguard.core;

import dev.dbguard.core.internal.LexicalRules;
import dev.dbguard.core.sql.SessionChange;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the guard remembers about one database session (one JDBC connection, one proxied client connection): the
 * settings that change how its SQL text is read, and the temporary tables it created, which it may drop and truncate
 * freely since no other session can see them.
 *
 * <p>Create one per session, tell it the server's settings as read at connect ({@link #serverSetting}), pass it to
 * {@link StatementGuard#enforce(String, Target, SessionState)} for every statement, and call {@link #record(Verdict)}
 * once a statement has run successfully. A session is used by one thread at a time, like the connection it belongs
 * to; its methods are nevertheless safe to call from several.
 */
public final class SessionState {

    private static final String UNKNOWN_VALUE = "\0unknown";

    private final Dialect dialect;
    private final Set<String> temporaryTables = Collections.newSetFromMap(new ConcurrentHashMap<>());
    private final Map<String, String> settings = new ConcurrentHashMap<>();
    /** Each setting's first known value: what {@code RESET} and {@code SET ... DEFAULT} return to. */
    private final Map<String, String> sessionDefaults = new ConcurrentHashMap<>();
    private volatile LexicalRules[] readings;

    /**
     * A session of a server of this dialect, with the server's default settings until told otherwise.
     *
     * @param dialect the server's dialect; {@link Dialect#UNKNOWN} reads every statement both ways
     */
    public SessionState(Dialect dialect) {
        this.dialect = dialect;
        this.readings = readingsFor(dialect, settings);
    }

    /** {@return the dialect this session's text is read in} */
    public Dialect dialect() {
        return dialect;
    }

    /**
     * Tells the session a server setting's current value, as read at connect ({@code SHOW standard_conforming_strings},
     * {@code SELECT @@SESSION.sql_mode}) or reported by the server ({@code ParameterStatus}). Only the settings that
     * change how text is read are kept: PostgreSQL's {@code standard_conforming_strings}, MySQL's {@code sql_mode};
     * others are ignored. A null value means "changed to something not known": the text is then read every way the
     * setting allows.
     *
     * @param name  the setting's name, any case; null is ignored
     * @param value its value as the server reports it, or null when it is not known
     */
    public void serverSetting(String name, String value) {
        set(name, value, true);
    }

    private void set(String name, String value, boolean reportedByServer) {
        if (name == null) {
            return;
        }
        String key = name.trim().toLowerCase(Locale.ROOT);
        if (!key.equals("standard_conforming_strings") && !key.equals("sql_mode")) {
            return;
        }
        synchronized (this) {
            String stored = value == null ? UNKNOWN_VALUE : value.trim();
            if (reportedByServer) {
                sessionDefaults.putIfAbsent(key, stored);
            }
            settings.put(key, stored);
            readings = readingsFor(dialect, settings);
        }
    }

    /**
     * Records what a statement that ran successfully changed in the session: settings it set, temporary tables it
     * created or dropped. Call it after the statement ran, not before: a statement that failed changed nothing.
     *
     * @param verdict the verdict {@link StatementGuard#enforce(String, Target, SessionState)} gave the statement
     */
    public void record(Verdict verdict) {
        for (SessionChange change : verdict.sessionChanges()) {
            apply(change);
        }
    }

    void apply(SessionChange change) {
        switch (change.kind()) {
            case SETTING -> {
                boolean reset = change.value() != null && change.value().equalsIgnoreCase("DEFAULT");
                String key = change.name() == null ? "" : change.name().trim().toLowerCase(Locale.ROOT);
                // RESET returns to the value the session started with (off on some legacy servers), not the dialect's
                String restored = sessionDefaults.getOrDefault(key, "");
                set(change.name(), reset ? (restored.equals(UNKNOWN_VALUE) ? null : restored) : change.value(),
                        false);
            }
            case TEMPORARY_TABLE_CREATED -> temporaryTables.add(TemporaryTables.key(change.name()));
            case TABLE_DROPPED -> temporaryTables.remove(TemporaryTables.key(change.name()));
            case TEMPORARY_TABLES_DISCARDED -> temporaryTables.clear();
        }
    }

    /**
     * Whether this session created a temporary table of this name and has not dropped it.
     *
     * @param name the table name as written; compared ignoring case; null gives false
     * @return true for a temporary table of this session
     */
    public boolean isTemporaryTable(String name) {
        return name != null && temporaryTables.contains(TemporaryTables.key(name));
    }

    /** {@return the temporary tables this session created and has not dropped, sorted; an unmodifiable copy} */
    public Set<String> temporaryTables() {
        return Collections.unmodifiableSet(new TreeSet<>(temporaryTables));
    }

    /**
     * How this session's text is read now: one reading when the settings are known, several when they are not
     * (the dialect is unknown, or a setting was changed to a value computed at run time), in which case a statement
     * is refused if any reading finds something.
     */
    LexicalRules[] readings() {
        return readings;
    }

    /** The readings for a dialect with its server defaults, for statements sent without a session. */
    static LexicalRules[] defaultReadings(Dialect dialect) {
        return readingsFor(dialect, Map.of());
    }

    private static LexicalRules[] readingsFor(Dialect dialect, Map<String, String> settings) {
        return switch (dialect) {
            case POSTGRESQL -> LexicalRules.postgresqlReadings(known(settings.get("standard_conforming_strings")));
            case MYSQL, MARIADB -> LexicalRules.mysqlReadings(dialect == Dialect.MARIADB, known(settings.get("sql_mode")));
            case UNKNOWN -> new LexicalRules[] {LexicalRules.POSTGRESQL, LexicalRules.MARIADB};
        };
    }

    /** The stored value, "" for the server default, null for a value that cannot be known. */
    private static String known(String stored) {
        if (stored == null) {
            return "";
        }
        return stored.equals(UNKNOWN_VALUE) ? null : stored;
    }
}
