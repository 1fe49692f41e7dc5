package dev.dbguard.jdbc.posture;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.Target;
import dev.dbguard.core.internal.posture.PostureFacts;
import dev.dbguard.core.internal.posture.PostureJudge;
import dev.dbguard.core.internal.posture.ServerAddress;
import dev.dbguard.core.posture.Posture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The start-up check of a guarded data source's account and transport: on its first connection, one small batch of
 * catalog queries (at most {@value #TIMEOUT_SECONDS} s each) and one log line, {@code dbguard.posture} logger, WARN
 * in production and staging when something is exposed and INFO otherwise.
 *
 * <p>It runs on the connection the application is about to receive, before the application has used it, so that it
 * needs no connection of its own from the pool; with auto-commit off its transaction is rolled back, leaving the
 * connection as the pool handed it out. A query that fails or times out is logged at DEBUG and never fails the
 * connection. Only {@code dbguard.posture.fail-on} makes it fail, with an {@link UnsafePostureException}.
 */
public final class PostureCheck {

    /** Each catalog query's limit: the check never holds a connection longer than this per query. */
    static final int TIMEOUT_SECONDS = PostureJudge.TIMEOUT_SECONDS;

    private static final Logger LOG = LoggerFactory.getLogger("dbguard.posture");

    /** Driver connections are checked once per target (one per distinct URL and configuration). */
    private static final Cache<Target, Posture> CHECKED_TARGETS = Caffeine.newBuilder().weakKeys().build();

    private PostureCheck() {
    }

    /**
     * Checks the first connection of a data source, logs the posture line and enforces
     * {@code dbguard.posture.fail-on}.
     *
     * @param raw    the connection as the pool or driver handed it out, not yet used by the application
     * @param url    its JDBC URL (for the host and the client's TLS settings), or null when not known
     * @param target the data source's target (name, environment, mode)
     * @param config the configuration holding the posture keys
     * @return what was found; null when {@code dbguard.posture.enabled} or {@code dbguard.enabled} is false, or
     *         the product is neither PostgreSQL nor MariaDB/MySQL
     * @throws UnsafePostureException in production or staging, for a finding listed in
     *                                {@code dbguard.posture.fail-on}
     */
    public static Posture check(Connection raw, String url, Target target, GuardConfig config) {
        if (!config.enabled() || !config.postureEnabled()) {
            return null;
        }
        FactsReader reader = FactsReader.of(raw, url);
        if (reader == null) {
            LOG.debug("dbguard posture '{}': not checked, the database is neither PostgreSQL nor MariaDB/MySQL",
                    target.dataSourceName());
            return null;
        }
        Posture posture = read(raw, url, target, reader, TIMEOUT_SECONDS);
        PostureJudge.log(posture, target, config);
        List<String> failing = PostureJudge.failing(posture, target, config);
        if (!failing.isEmpty()) {
            throw new UnsafePostureException(posture, failing);
        }
        return posture;
    }

    /**
     * {@link #check} once per target, for connections that no data source lends out (the {@code jdbc:dbguard:}
     * driver's); a target whose check failed the start is checked again next time.
     *
     * @param raw    the connection as the driver opened it, not yet used by the application
     * @param url    its JDBC URL, or null when not known
     * @param target the connection's target
     * @param config the configuration holding the posture keys
     * @throws UnsafePostureException in production or staging, for a finding listed in
     *                                {@code dbguard.posture.fail-on}
     */
    public static void checkOnce(
Connection raw, String url, Target target, GuardConfig config) {
        if (!config.enabled() || !config.postureEnabled() || CHECKED_TARGETS.getIfPresent(target) != null) {
            return;
        }
        synchronized (CHECKED_TARGETS) {
            if (CHECKED_TARGETS.getIfPresent(target) == null) {
                Posture posture = check(raw, url, target, config);
                CHECKED_TARGETS.put(target, posture != null ? posture
                        : PostureJudge.unchecked(target.dataSourceName(), target, "not supported"));
            }
        }
    }

    /** Reads and judges the posture without logging or enforcing; a failed read gives an unchecked posture. */
    static Posture read(Connection raw, String url, Target target, FactsReader reader, int timeoutSeconds) {
        Boolean autoCommit = null;
        try {
            autoCommit = raw.getAutoCommit();
            PostureFacts facts = reader.read(raw, timeoutSeconds);
            ServerAddress address = ServerAddress.of(url);
            return PostureJudge.judge(target.dataSourceName(), target, facts, address);
        } catch (SQLException | RuntimeException e) {
            return PostureJudge.unchecked(target.dataSourceName(), target, "the catalog query failed: " + e
                    + "; the connection is used as it is");
        } finally {
            if (Boolean.FALSE.equals(autoCommit)) {
                rollBack(raw, target);
            }
        }
    }

    private static void rollBack(Connection raw, Target target) {
        try {
            // The check's own reads opened this transaction; the application has not used the connection yet.
            raw.rollback();
        } catch (SQLException | RuntimeException e) {
            LOG.debug("dbguard posture '{}': rolling back the check's transaction failed ({})",
                    target.dataSourceName(), e.toString());
        }
    }
}
