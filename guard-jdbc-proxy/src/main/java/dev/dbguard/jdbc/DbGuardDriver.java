package dev.dbguard.jdbc;

import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.Mode;
import dev.dbguard.core.StatementGuard;
import dev.dbguard.core.Target;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The {@code jdbc:dbguard:} driver: guards any program that takes a JDBC URL (a pool's {@code jdbcUrl}, Flyway,
 * Liquibase, a SQL IDE) without changing its code. {@code jdbc:dbguard:postgresql://host/db} opens
 * {@code jdbc:postgresql://host/db} through the real driver, which must be on the class path, and judges every
 * statement sent through the connection. The real driver is found as tools with a drivers folder need: among the
 * drivers declared to dbguard's own class loader and to the thread's context class loader, then through
 * {@link DriverManager}.
 *
 * <p>Configuration, later sources winning: {@code dbguard.*} JVM system properties and the {@code DBGUARD_ENV}
 * environment variable; {@code dbguard.*} connection properties; {@code dbguard.*} URL parameters
 * ({@code ?dbguard.env=production} or {@code ;dbguard.env=production}). The {@code dbguard.*} entries are removed
 * before the URL and properties reach the real driver. The production URL patterns are applied to each connection's
 * URL, whose subprotocol also names the dialect statements are read in ({@code jdbc:dbguard:mariadb:...} reads
 * MariaDB's SQL).
 *
 * <p>A connection in {@code read-only} mode is made read-only on the server too, as soon as it is opened
 * (PostgreSQL, MySQL, MariaDB): the server then refuses the writes the guard cannot see, such as a {@code SELECT}
 * calling a function that writes.
 *
 * <p>Registered through {@code META-INF/services/java.sql.Driver} and when the class is loaded.
 */
public final class DbGuardDriver implements Driver {

    /** Distinct configurations kept; a program has a handful, the bound only stops a pathological one. */
    private static final int MAX_CONFIGURATIONS = 100;

    /** Where {@code dbguard.*} settings come from, later ones winning; also how refusals name the source. */
    private static final List<String> SOURCES_IN_ORDER =
            List.of("system property", "JDBC connection property", "JDBC URL parameter");

    /** One engine per distinct effective configuration, so its verdict cache and counters are shared. */
    private static final Map<Map<String, Map<String, String>>, DriverGuard> GUARDS = new ConcurrentHashMap<>();

    static {
        try {
            DriverManager.registerDriver(new DbGuardDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Creates the driver; {@link DriverManager} and pools that instantiate driver classes call this. */
    public DbGuardDriver() {
    }

    /**
     * The URL the real driver is given for a {@code jdbc:dbguard:} URL: the prefix and every {@code dbguard.*}
     * parameter removed ({@code jdbc:dbguard:postgresql://h/db?dbguard.env=prod} gives
     * {@code jdbc:postgresql://h/db}). Tools that choose their database support by URL (Flyway) ask this.
     *
     * @param url a {@code jdbc:dbguard:} URL
     * @return the real driver's URL
     * @throws IllegalArgumentException when {@code url} is not a {@code jdbc:dbguard:} URL naming a real database
     */
    public static String realUrl(String url) {
        return DriverUrl.parse(url).realUrl();
    }

    @Override
    public boolean acceptsURL(String url) {
        return DriverUrl.accepts(url);
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        DriverUrl parsed = parse(url);
        Properties realInfo = new Properties();
        Map<String, String> infoParameters = new TreeMap<>();
        if (info != null) {
            for (String key : info.stringPropertyNames()) {
                if (key.startsWith("dbguard.")) {
                    infoParameters.put(key, info.getProperty(key));
                } else {
                    realInfo.setProperty(key, info.getProperty(key));
                }
            }
            // Properties used as a plain map may hold non-String values; the real driver gets them as they are.
            info.forEach((key, value) -> {
                if (!(key instanceof String && value instanceof String)) {
                    realInfo.put(key, value);
                }
            });
        }
        DriverGuard guard = guardFor(Map.of(
                "system property", systemProperties(),
                "JDBC connection property", infoParameters,
                "JDBC URL parameter", parsed.parameters()));
        Target target = guard.target(parsed.realUrl());
        Connection raw = RealDrivers.forUrl(parsed.realUrl()).connect(parsed.realUrl(), realInfo);
        if (raw == null) {
            throw new SQLException("dbguard: the driver for " + DriverUrl.withoutParameters(parsed.realUrl())
                    + " did not accept the URL; check it without the jdbc:dbguard: prefix", "08001");
        }
        if (target.mode() == Mode.READ_ONLY) {
            makeReadOnlyOnTheServer(raw, target, parsed.realUrl());
        }
        // Each connection this driver opens is a database session of its own (a pool above it lends it out).
        return GuardedConnection.open(guard.engine(), target, UnwrapAudit.LOG, raw, parsed.realUrl());
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return new DriverPropertyInfo[0];
        }
        DriverUrl parsed = parse(url);
        DriverPropertyInfo environment = new DriverPropertyInfo("dbguard.env", parsed.parameters().get("dbguard.env"));
        environment.description = "The environment this connection belongs to (production, staging, development,"
                + " test); also read from the dbguard.env system property and the DBGUARD_ENV environment variable";
        DriverPropertyInfo[] real = RealDrivers.forUrl(parsed.realUrl()).getPropertyInfo(parsed.realUrl(), info);
        DriverPropertyInfo[] all = Arrays.copyOf(real, real.length + 1);
        all[real.length] = environment;
        return all;
    }

    @Override
    public int getMajorVersion() {
        return 0;
    }

    @Override
    public int getMinorVersion() {
        return 1;
    }

    /** False: this driver passes statements on; whether they are JDBC compliant depends on the real driver. */
    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException(
                "dbguard logs through SLF4J (loggers dbguard.*), not java.util.logging");
    }

    private static DriverUrl parse(String url) throws SQLException {
        try {
            return DriverUrl.parse(url);
        } catch (IllegalArgumentException e) {
            throw new SQLException(e.getMessage(), "08001", e);
        }
    }

    /** See {@link ServerReadOnly}; a connection the server would not make read-only is closed, not handed out. */
    private static void makeReadOnlyOnTheServer(Connection raw, Target target, String realUrl) throws SQLException {
        try {
            ServerReadOnly.apply(raw, ConnectionSession.dialectOf(raw, realUrl), target.dataSourceName());
        } catch (SQLException e) {
            try {
                raw.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private static Map<String, String> systemProperties() {
        Map<String, String> properties = new TreeMap<>();
        Properties system = System.getProperties();
        for (String key : system.stringPropertyNames()) {
            if (key.startsWith("dbguard.")) {
                properties.put(key, system.getProperty(key));
            }
        }
        return properties;
    }

    private static DriverGuard guardFor(Map<String, Map<String, String>> sources) throws SQLException {
        DriverGuard cached = GUARDS.get(sources);
        if (cached != null) {
            return cached;
        }
        DriverGuard created = new DriverGuard(engine(sources));
        if (GUARDS.size() >= MAX_CONFIGURATIONS) {
            return created;
        }
        DriverGuard raced = GUARDS.putIfAbsent(sources, created);
        return raced != null ? raced : created;
    }

    private static StatementGuard engine(Map<String, Map<String, String>> sources) throws SQLException {
        // A lock table of another name is allow-listed with dbguard.allow=unscoped-delete:<table>.
        GuardConfig.Builder builder = GuardConfig.builder().allowLiquibaseLockReset(null);
        try {
            // Later sources win: system properties, then connection properties, then URL parameters.
            for (String source : SOURCES_IN_ORDER) {
                builder.properties(sources.get(source), source);
            }
            return new StatementGuard(builder.build());
        } catch (IllegalArgumentException e) {
            throw new SQLException("dbguard: invalid configuration: " + e.getMessage(), e);
        }
    }

    /** One engine and the targets of the connection URLs it has seen, each judged against the URL patterns once. */
    private static final class DriverGuard {

        private final StatementGuard guard;
        private final Map<String, Target> targets = new ConcurrentHashMap<>();

        DriverGuard(StatementGuard guard) {
            this.guard = guard;
        }

        StatementGuard engine() {
            return guard;
        }

        /** The target for a connection URL; the URL without its parameters names the data source. */
        Target target(String realUrl) {
            return targets.computeIfAbsent(realUrl, url -> guard.target(DriverUrl.withoutParameters(url), url));
        }
    }
}
