package dev.dbguard.core.internal;

import org.slf4j.Logger;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logs a message the first time its key is seen, so that a misconfiguration is reported once instead of on every
 * connection. Bounded: after {@code capacity} distinct keys every further message is logged each time, because
 * losing an error is worse than repeating it.
 */
final class OnceLog {

    private final Logger logger;
    private final int capacity;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    OnceLog(Logger logger, int capacity) {
        this.logger = logger;
        this.capacity = capacity;
    }

    /** Logs {@code message} at WARN unless {@code key} was logged before; true when it logged. */
    boolean warn(String key, String message) {
        if (firstTime(key)) {
            logger.warn(message);
            return true;
        }
        return false;
    }

    /** Logs {@code message} at INFO unless {@code key} was logged before; true when it logged. */
    boolean info(String key, String message) {
        if (firstTime(key)) {
            logger.info(message);
            return true;
        }
        return false;
    }

    /** Logs {@code message} at ERROR unless {@code key} was logged before; true when it logged. */
    boolean error(String key, String message) {
        if (firstTime(key)) {
            logger.error(message);
            return true;
        }
        return false;
    }

    private boolean firstTime(String key) {
        if (seen.contains(key)) {
            return false;
        }
        return seen.size() >= capacity || seen.add(key);
    }
}
