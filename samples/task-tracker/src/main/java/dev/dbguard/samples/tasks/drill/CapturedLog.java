package dev.dbguard.samples.tasks.drill;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the lines dbguard logs ({@code dbguard.audit} and {@code dev.dbguard.*}) so the drill can print them under
 * the attempt that caused them, exactly as they would appear in an application's log.
 */
final class CapturedLog extends AppenderBase<ILoggingEvent> {

    /**
     * The loggers a user of dbguard watches: the audit lines, the posture line (what the account allows beyond
     * dbguard), and dbguard's own startup and error lines.
     */
    static final List<String> LOGGERS = List.of("dbguard.audit", "dbguard.posture", "dbguard.environment", "dev.dbguard");

    private final boolean alsoToConsole;
    private final List<String> lines = new ArrayList<>();

    /** @param alsoToConsole whether the lines still reach the application's console too (--verbose) */
    CapturedLog(boolean alsoToConsole) {
        this.alsoToConsole = alsoToConsole;
    }

    /** Starts capturing; call after Spring Boot has configured logging, which replaces earlier appenders. */
    void attach() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        setContext(context);
        setName("dbguard-drill");
        start();
        for (String name : LOGGERS) {
            Logger logger = context.getLogger(name);
            logger.setLevel(Level.INFO);
            logger.setAdditive(alsoToConsole);
            logger.addAppender(this);
        }
    }

    /** Stops capturing. */
    void detach() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        for (String name : LOGGERS) {
            context.getLogger(name).detachAppender(this);
        }
        stop();
    }

    @Override
    protected synchronized void append(ILoggingEvent event) {
        lines.add(String.format("%-5s %s  %s", event.getLevel(), event.getLoggerName(), event.getFormattedMessage()));
    }

    /** The lines logged since the last call, oldest first. */
    synchronized List<String> drain() {
        List<String> drained = List.copyOf(lines);
        lines.clear();
        return drained;
    }

    /**
     * Silences everything but dbguard's lines outside Spring Boot's control: before the first application starts
     * and between applications (logback's default would print the database libraries' debug output).
     */
    static void quiet(boolean verbose) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(verbose ? Level.INFO : Level.OFF);
        }
    }
}
