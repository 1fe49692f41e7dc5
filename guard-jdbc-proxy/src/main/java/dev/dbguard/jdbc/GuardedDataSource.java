package dev.dbguard.jdbc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.dbguard.core.StatementGuard;
import dev.dbguard.core.Target;
import dev.dbguard.core.posture.Posture;
import dev.dbguard.jdbc.posture.PostureCheck;
import dev.dbguard.jdbc.posture.UnsafePostureException;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ConnectionBuilder;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.ShardingKey;
import java.sql.ShardingKeyBuilder;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source whose connections judge every statement before it reaches the database. Made by
 * {@code dev.dbguard.DbGuard.wrap(dataSource)...build()}; integrations such as the Spring Boot starter use the
 * accessors to report what the guard protects.
 *
 * <p>The production URL patterns are applied to the JDBC URL of the first connection this data source hands out
 * (read from its {@link java.sql.DatabaseMetaData#getURL() metadata}); until then {@link #target()} reflects the
 * declared environment only. That first connection also has its account and transport checked once
 * ({@link PostureCheck}, {@code dbguard.posture.*}), before the application receives it. Each physical connection under the pool is a session of its own: its dialect (from its
 * URL or the server's product name) and the settings that change how its SQL is read are learnt once, and followed
 * as its statements change them.
 *
 * <p>{@link #unwrap(Class)} returns this data source for {@code DataSource} and the other types it implements, and
 * the wrapped pool for the pool's own types ({@code HikariDataSource} for its metrics). Connections taken from the
 * unwrapped pool are not guarded. {@link #close()} closes the wrapped pool.
 */
public final class GuardedDataSource implements DataSource, AutoCloseable {

    private final DataSource delegate;
    private final String name;
    private final StatementGuard guard;
    private final UnwrapAudit unwrapAudit;
    /** The target with the production URL patterns applied to the first connection's URL; null before it. */
    private volatile Target resolved;
    /** What the first connection's account and transport showed; null before it or when not checked. */
    private volatile Posture posture;
    /**
     * The session of each physical connection under the pool, so that its dialect and settings are read once per
     * physical connection, not once per loan. Keys are held weakly and compared by identity; the values never refer to
     * their connection, so a connection the pool closed is forgotten with its session.
     */
    private final Cache<Connection, ConnectionSession> sessions = Caffeine.newBuilder().weakKeys().build();

    /**
     * Guards {@code delegate}; most code calls {@code DbGuard.wrap(dataSource)} instead.
     *
     * @param delegate the data source (usually a pool) to guard; must not already be guarded
     * @param name     the name shown in refusals, audit events and metrics
     * @param guard    the engine, possibly shared with other data sources
     */
    public GuardedDataSource(DataSource delegate, String name, StatementGuard guard) {
        this(delegate, name, guard, UnwrapAudit.LOG);
    }

    GuardedDataSource(DataSource delegate, String name, StatementGuard guard, UnwrapAudit unwrapAudit) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.name = Objects.requireNonNull(name, "name");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.unwrapAudit = unwrapAudit;
        if (delegate instanceof GuardedDataSource) {
            throw new IllegalArgumentException(
                    "dbguard: data source '" + name + "' is already guarded; wrap the underlying pool only once");
        }
    }

    /** {@return the engine judging this data source's statements} Its statistics count them. */
    public StatementGuard statementGuard() {
        return guard;
    }

    /** {@return the name shown in refusals, audit events and metrics} */
    public String name() {
        return name;
    }

    /**
     * {@return the environment and mode in force} After the first connection, with the production URL patterns
     * applied to its URL; before that, as declared.
     */
    public Target target() {
        Target current = resolved;
        return current != null ? current : guard.target(name, null);
    }

    /**
     * {@return what the first connection showed about the database account and transport} That is, what it allows
     * that dbguard cannot stop. Empty before the first connection and when {@code dbguard.posture.enabled} is false.
     */
    public Optional<Posture> posture() {
        return Optional.ofNullable(posture);
    }

    private Connection guarded(Connection raw) throws SQLException {
        Target target = resolved;
        if (target == null) {
            target = firstConnection(raw);
        }
        Connection physical = physicalOf(raw);
        Target dataSourceTarget = target;
        ConnectionSession session = sessions.get(physical,
                connection -> ConnectionSession.open(dataSourceTarget, raw, urlOf(raw)));
        session.borrowed();
        return new GuardedConnection(raw, new Gate(guard, session, unwrapAudit, raw, physical));
    }

    /**
     * Resolves the target from the first connection's URL and checks its posture; a connection whose posture fails
     * the start ({@code dbguard.posture.fail-on}) is closed, and the next one is checked again.
     */
    private synchronized Target firstConnection(Connection raw) throws SQLException {
        if (resolved == null) {
            String url = urlOf(raw);
            Target target = guard.target(name, url);
            try {
                posture = PostureCheck.check(raw, url, target, guard.config());
            } catch (UnsafePostureException e) {
                posture = e.posture();
                raw.close();
                throw e;
            }
            resolved = target;
        }
        return resolved;
    }

    /**
     * The driver's connection under the pool's: pools lend out a new wrapper each time, while the database session
     * is the driver's connection's. A pool that does not unwrap to it makes each loan a session of its own, which
     * is correct, only slower (settings are read once per loan).
     */
    private static Connection physicalOf(Connection raw) {
        try {
            Connection physical = raw.unwrap(Connection.class);
            return physical != null ? physical : raw;
        } catch (SQLException | RuntimeException notAWrapper) {
            return raw;
        }
    }

    private static String urlOf(Connection connection) {
        try {
            return connection.getMetaData().getURL();
        } catch (SQLException | RuntimeException unknown) {
            // Some pools and drivers cannot tell; the declared environment then applies unchanged.
            return null;
        }
    }

    // ---- javax.sql.DataSource ----

    @Override
    public Connection getConnection() throws SQLException {
        return guarded(delegate.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return guarded(delegate.getConnection(username, password));
    }

    @Override
    public ConnectionBuilder createConnectionBuilder() throws SQLException {
        return new GuardedConnectionBuilder(delegate.createConnectionBuilder());
    }

    @Override
    public ShardingKeyBuilder createShardingKeyBuilder() throws SQLException {
        return delegate.createShardingKeyBuilder();
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    // ---- java.sql.Wrapper ----

    /**
     * Returns this data source for {@code DataSource} and the other types it implements, never silently the raw
     * pool; for the pool's own types, the pool, whose connections are not guarded.
     */
    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || delegate.isWrapperFor(iface);
    }

    // ---- java.lang.AutoCloseable ----

    /** Closes the wrapped data source if it can be closed (a pool); otherwise does nothing. */
    @Override
    public void close() throws SQLException {
        if (!(delegate instanceof AutoCloseable closeable)) {
            return;
        }
        try {
            closeable.close();
        } catch (SQLException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new SQLException("dbguard: closing data source '" + name + "' failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "dbguard(" + name + ") " + delegate;
    }

    /** Builds connections through the pool's own builder and guards each one. */
    private final class GuardedConnectionBuilder implements ConnectionBuilder {

        private final ConnectionBuilder builder;

        GuardedConnectionBuilder(ConnectionBuilder builder) {
            this.builder = builder;
        }

        @Override
        public ConnectionBuilder user(String username) {
            builder.user(username);
            return this;
        }

        @Override
        public ConnectionBuilder password(String password) {
            builder.password(password);
            return this;
        }

        @Override
        public ConnectionBuilder shardingKey(ShardingKey shardingKey) {
            builder.shardingKey(shardingKey);
            return this;
        }

        @Override
        public ConnectionBuilder superShardingKey(ShardingKey superShardingKey) {
            builder.superShardingKey(superShardingKey);
            return this;
        }

        @Override
        public Connection build() throws SQLException {
            return guarded(builder.build());
        }
    }
}
