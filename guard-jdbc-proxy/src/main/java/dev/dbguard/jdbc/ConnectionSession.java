package dev.dbguard.jdbc;

import dev.dbguard.core.Classification;
import dev.dbguard.core.Decision;
import dev.dbguard.core.Dialect;
import dev.dbguard.core.Mode;
import dev.dbguard.core.SessionState;
import dev.dbguard.core.Target;
import dev.dbguard.core.Verdict;
import dev.dbguard.core.sql.SessionChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What the guard follows about one database session, that is one physical connection: the dialect its SQL is read
 * in (its {@link #target()}) and its {@link SessionState}, the settings that change how text is read and the
 * temporary tables it created.
 *
 * <p>The dialect is decided once, when the session is opened, from the JDBC URL and the server's product name. The
 * settings are read from the server before the first statement is judged, not at connect: a pool hands out
 * connections in auto-commit-off mode and the application then sets the isolation level, which a query run by the
 * guard at connect would make fail. PostgreSQL reports {@code standard_conforming_strings} to the client whenever it
 * changes, so with PgJDBC the guard reads the driver's copy of that report before every statement, which costs no
 * round trip and also follows changes the guard cannot see ({@code set_config(...)}, a {@code SET} undone by a
 * rollback). MySQL and MariaDB report no such thing: {@code sql_mode} is read once with a query, and again after any
 * statement whose text names it, so that a value computed at run time ({@code SET sql_mode = CONCAT(...)},
 * {@code SET sql_mode = @saved}) is known exactly. A change made behind the guard's back on MySQL (through an
 * unwrapped connection) is not seen until the next statement that names {@code sql_mode}.
 *
 * <p>Temporary tables are remembered only while the connection is lent out once ({@link #borrowed()}), because a
 * pool may reset sessions between loans and a table the guard still believed temporary would then be a permanent
 * one of the same name. A rolled-back transaction forgets them too: the {@code CREATE TEMP TABLE} it held is undone.
 * Forgetting is the safe direction: a later {@code DROP TABLE} of such a table is refused, never wrongly allowed.
 *
 * <p>A session is used by one thread at a time, like its connection.
 */
final class ConnectionSession {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionSession.class);
    private static final String STANDARD_CONFORMING_STRINGS = "standard_conforming_strings";
    private static final String SQL_MODE = "sql_mode";

    /** Applied when the session may have lost its temporary tables (a new loan, a rollback). */
    private static final Verdict TEMPORARY_TABLES_FORGOTTEN = new Verdict(Decision.ALLOW, Classification.SAFE,
            List.of(), null, List.of(new SessionChange(SessionChange.Kind.TEMPORARY_TABLES_DISCARDED, null, null)));

    private final Target target;
    private final SessionState state;
    /**
     * The setting whose name in a statement's text makes the guard read the settings again; null when none is, or
     * when the driver reports the setting itself.
     */
    private volatile String watchedSetting;
    /** False when the settings must be read from the server before the next statement is judged. */
    private volatile boolean settingsCurrent;
    /** The last {@code standard_conforming_strings} PgJDBC reported and the session was told; null to resync. */
    private volatile String reportedConformingStrings;

    private ConnectionSession(Target target) {
        this.target = target;
        this.state = new SessionState(target.dialect());
        this.settingsCurrent = target.dialect() == Dialect.UNKNOWN || target.mode() == Mode.OFF;
        this.watchedSetting = settingsCurrent ? null
                : target.dialect() == Dialect.POSTGRESQL ? STANDARD_CONFORMING_STRINGS : SQL_MODE;
    }

    /**
     * Opens the session of a connection: the data source's target, read in the connection's dialect.
     *
     * @param dataSourceTarget the target of the data source or URL, whatever dialect it names
     * @param raw              the connection as the pool or driver handed it out; only its metadata is read
     * @param url              the JDBC URL it was opened with, or null when not known
     */
    static ConnectionSession open(Target dataSourceTarget, Connection raw, String url) {
        return new ConnectionSession(dataSourceTarget.withDialect(dialectOf(raw, url)));
    }

    /**
     * The dialect of a connection: its URL names it ({@code jdbc:postgresql:}, {@code jdbc:mariadb:}, ...), else the
     * server's product name does. MySQL's and MariaDB's drivers each connect to both servers, and the two read
     * executable comments differently ({@code /*M! ... *}{@code /} runs on MariaDB only), so for them the server's
     * product decides. Unknown, which reads text both ways, when neither tells.
     */
    static Dialect dialectOf(Connection raw, String url) {
        Dialect fromUrl = Dialect.fromJdbcUrl(url);
        if (fromUrl == Dialect.POSTGRESQL) {
            return fromUrl;
        }
        Dialect fromServer = Dialect.UNKNOWN;
        try {
            DatabaseMetaData metaData = raw.getMetaData();
            if (metaData != null) {
                if (fromUrl == Dialect.UNKNOWN) {
                    fromUrl = Dialect.fromJdbcUrl(metaData.getURL());
                }
                fromServer = Dialect.fromProductName(metaData.getDatabaseProductName(),
                        metaData.getDatabaseProductVersion());
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("dbguard: could not read the database product of {} ({}); its dialect is read from the URL",
                    DriverUrl.withoutParameters(url), e.toString());
        }
        if (fromUrl == Dialect.UNKNOWN || fromServer.isMySqlFamily() && fromUrl.isMySqlFamily()) {
            return fromServer;
        }
        return fromUrl;
    }

    /** The data source's target in this connection's dialect. */
    Target target() {
        return target;
    }

    /** What the guard knows of the session; pass it to the engine with every statement. */
    SessionState state() {
        return state;
    }

    /**
     * Brings the settings up to date before a statement is judged.
     *
     * @param raw      the connection as lent out, used for a query when the settings must be read
     * @param physical the driver's own connection under any pool, whose PgJDBC report is read
     */
    void beforeStatement(Connection raw, Connection physical) {
        if (target.dialect() == Dialect.POSTGRESQL) {
            String reported = PgJdbcParameters.standardConformingStrings(physical);
            if (reported != null) {
                watchedSetting = null;
                if (!reported.equals(reportedConformingStrings)) {
                    reportedConformingStrings = reported;
                    state.serverSetting(STANDARD_CONFORMING_STRINGS, reported);
                }
                return;
            }
        }
        if (!settingsCurrent) {
            settingsCurrent = true;
            readSettings(raw);
        }
    }

    /**
     * A statement ran, or failed part way: if its text names the setting that changes how text is read, the
     * settings are read again before the next statement. This does not wait for the engine to recognise the change
     * ({@code SET sql_mode = @saved}, {@code SET STATEMENT ... FOR}, a form it does not know): the server's answer is
     * exact whatever the statement was. The text is searched from its underscores, so the cost is small.
     */
    void executed(String sql) {
        if (watches(sql)) {
            settingsStale();
        }
    }

    /** Whether {@code sql} names the setting that changes how text is read, which is then read again once it ran. */
    boolean watches(String sql) {
        String setting = watchedSetting;
        return setting != null && sql != null && names(sql, setting);
    }

    /** Records what a statement that ran changed in the session. */
    void ran(Verdict verdict) {
        state.record(verdict);
        if (changesSettings(verdict)) {
            settingsStale();
        }
    }

    /**
     * Records what a statement that failed may have changed anyway: a string of several statements can fail after
     * its first ones ran. Only what makes the guard stricter is applied (tables dropped, temporary tables
     * discarded); settings are read again from the server.
     */
    void failed(Verdict verdict) {
        List<SessionChange> removals = new ArrayList<>(0);
        for (SessionChange change : verdict.sessionChanges()) {
            if (change.kind() == SessionChange.Kind.TABLE_DROPPED
                    || change.kind() == SessionChange.Kind.TEMPORARY_TABLES_DISCARDED) {
                removals.add(change);
            }
        }
        if (!removals.isEmpty()) {
            state.record(new Verdict(Decision.ALLOW, Classification.SAFE, List.of(), null, removals));
        }
        if (changesSettings(verdict)) {
            settingsStale();
        }
    }

    /** The transaction was rolled back: temporary tables it created are gone, settings it changed may be undone. */
    void rolledBack() {
        state.record(TEMPORARY_TABLES_FORGOTTEN);
        settingsStale();
    }

    /** The connection is lent out anew (or a pool announced a new request): temporary tables are forgotten. */
    void borrowed() {
        state.record(TEMPORARY_TABLES_FORGOTTEN);
    }

    private void settingsStale() {
        if (target.dialect() != Dialect.UNKNOWN && target.mode() != Mode.OFF) {
            reportedConformingStrings = null;
            settingsCurrent = false;
        }
    }

    /** Whether {@code sql} contains {@code setting} (a lower-case name with an underscore), ignoring case. */
    static boolean names(String sql, String setting) {
        int underscore = setting.indexOf('_');
        char before = setting.charAt(underscore - 1);
        int last = sql.length() - (setting.length() - underscore);
        for (int i = sql.indexOf('_', underscore); i >= 0 && i <= last; i = sql.indexOf('_', i + 1)) {
            // Most underscores are in other names (user_id): the letter before rejects them cheaply.
            if ((sql.charAt(i - 1) | 0x20) == before
                    && sql.regionMatches(true, i - underscore, setting, 0, setting.length())) {
                return true;
            }
        }
        return false;
    }

    private static boolean changesSettings(Verdict verdict) {
        for (SessionChange change : verdict.sessionChanges()) {
            if (change.kind() == SessionChange.Kind.SETTING) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads the settings that change how text is read. Never fails the statement about to be judged: when the
     * server does not answer, the dialect's defaults stay in force.
     */
    private void readSettings(Connection raw) {
        boolean postgresql = target.dialect() == Dialect.POSTGRESQL;
        String query = postgresql ? "SHOW standard_conforming_strings" : "SELECT @@SESSION.sql_mode";
        try (Statement statement = raw.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            if (rows.next()) {
                state.serverSetting(postgresql ? STANDARD_CONFORMING_STRINGS : SQL_MODE, rows.getString(1));
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("dbguard: '{}' failed on a connection of data source '{}' ({}); its text is read with the"
                    + " {} defaults", query, target.dataSourceName(), e.toString(), target.dialect());
        }
    }
}
