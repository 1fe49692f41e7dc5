package dev.dbguard.core.internal;

import dev.dbguard.core.env.Tier;
import dev.dbguard.core.env.Environment;
import dev.dbguard.core.env.ResolvedEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * JDBC URL patterns of databases that live only in memory ({@code dbguard.ephemeral-url-patterns}): the counterpart
 * of {@link ProductionUrlPatterns}. A database that disappears with the process cannot hold production data, so a
 * connection whose URL matches runs in the {@link Environment#DEVELOPMENT development} environment whatever the
 * application declares. That keeps the fail-safe (no declaration means production) from refusing an application's
 * own H2 {@code schema.sql} and its test suite's in-memory databases, including the embedded database Spring's
 * {@code @AutoConfigureTestDatabase} puts in place of the configured one.
 *
 * <p>Each pattern is a glob matched case-insensitively against the whole JDBC URL ({@code *} any run of characters,
 * {@code ?} one), after a {@code jdbc:dbguard:} prefix is turned into {@code jdbc:}; it must start with
 * {@code jdbc:}. The defaults ({@link #DEFAULTS}) cover H2 {@code mem:}, HSQLDB {@code mem:}, Derby {@code memory:}
 * and SQLite's in-memory forms; on-disk and server databases of the same products ({@code jdbc:h2:file:},
 * {@code jdbc:h2:tcp://}) are not ephemeral.
 *
 * <p>Precedence: a {@link ProductionUrlPatterns production URL pattern} that matches wins (the guard fails safe), and
 * a declared {@code development} or {@code test} environment is kept as declared (its own mode applies). Only a
 * declared production-like or staging environment is turned into development, logged once per URL at INFO with
 * the reason.
 *
 * <p>Immutable and thread-safe.
 */
public final class EphemeralUrlPatterns {

    /** The default patterns: in-memory H2, HSQLDB, Derby and SQLite databases. */
    public static final List<String> DEFAULTS = List.of(
            "jdbc:h2:mem:*",
            "jdbc:hsqldb:mem:*",
            "jdbc:derby:memory:*",
            "jdbc:sqlite::memory:*",
            "jdbc:sqlite:file::memory:*",
            "jdbc:sqlite:file:*mode=memory*");

    private static final Logger LOG = LoggerFactory.getLogger(EnvironmentResolver.LOGGER);
    private static final OnceLog JVM_WIDE_NOTICES = new OnceLog(LOG, 1_000);

    private final List<String> patterns;
    private final List<Pattern> regexes;
    private final OnceLog notices;

    private EphemeralUrlPatterns(List<String> patterns, List<Pattern> regexes, OnceLog notices) {
        this.patterns = patterns;
        this.regexes = regexes;
        this.notices = notices;
    }

    /** The {@link #DEFAULTS}. */
    public static EphemeralUrlPatterns defaults() {
        return of(DEFAULTS);
    }

    /**
     * Patterns from configuration, in the order given; an empty list switches the exception off.
     *
     * @throws IllegalArgumentException when a pattern is null, blank, contains whitespace or does not start with
     *                                  {@code jdbc:}
     */
    public static EphemeralUrlPatterns of(List<String> patterns) {
        return of(patterns, JVM_WIDE_NOTICES);
    }

    static EphemeralUrlPatterns of(List<String> patterns, OnceLog notices) {
        Objects.requireNonNull(patterns, "patterns");
        List<String> texts = new ArrayList<>(patterns.size());
        List<Pattern> regexes = new ArrayList<>(patterns.size());
        for (int i = 0; i < patterns.size(); i++) {
            String text = check(patterns.get(i), i + 1);
            texts.add(text);
            regexes.add(UrlGlob.toRegex(text));
        }
        return new EphemeralUrlPatterns(List.copyOf(texts), List.copyOf(regexes), notices);
    }

    private static String check(String pattern, int position) {
        String where = "dbguard.ephemeral-url-patterns entry #" + position;
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException(where + " is blank; remove it, or write a JDBC URL glob such as"
                    + " jdbc:h2:mem:*");
        }
        String text = pattern.trim();
        if (text.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(where + " '" + text + "' contains whitespace; write one pattern per"
                    + " entry, separated by commas");
        }
        if (!text.regionMatches(true, 0, "jdbc:", 0, 5)) {
            throw new IllegalArgumentException(where + " '" + text + "' is matched against the whole JDBC URL;"
                    + " start it with jdbc:, e.g. jdbc:h2:mem:*");
        }
        return text;
    }

    /** The patterns as configured (trimmed). */
    public List<String> patterns() {
        return patterns;
    }

    /** The first pattern {@code jdbcUrl} matches, or null (also for a null URL). */
    public String firstMatch(String jdbcUrl) {
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            return null;
        }
        String url = jdbcUrl.trim();
        String driverUrl = JdbcUrlHosts.withoutDbguardPrefix(url);
        for (int i = 0; i < regexes.size(); i++) {
            if (regexes.get(i).matcher(driverUrl).matches() || regexes.get(i).matcher(url).matches()) {
                return patterns.get(i);
            }
        }
        return null;
    }

    /**
     * The environment for a connection to {@code jdbcUrl}: development when the URL matches a pattern and
     * {@code declared} is production-like or staging, with a source naming the pattern and the declaration;
     * otherwise {@code declared}. The change is logged once per URL and declaration at INFO.
     *
     * <p>Production URL patterns are not consulted here: the caller applies them first and skips this when one
     * matches.
     */
    public ResolvedEnvironment effective(ResolvedEnvironment declared, String jdbcUrl) {
        Objects.requireNonNull(declared, "declared");
        Tier tier = declared.environment().tier();
        if (tier == Tier.DEVELOPMENT || tier == Tier.TEST) {
            return declared;
        }
        String pattern = firstMatch(jdbcUrl);
        if (pattern == null) {
            return declared;
        }
        String safeUrl = JdbcUrlHosts.redact(jdbcUrl.trim());
        String name = declared.environment().name();
        notices.info(name + " from " + declared.source() + " | " + jdbcUrl,
                "dbguard: " + safeUrl + " is an in-memory database (ephemeral URL pattern '" + pattern + "'),"
                        + " which cannot hold production data, so it runs in development mode although the"
                        + " environment is " + (declared.failSafe() ? "not declared (fail-safe production)"
                        : "declared " + name + " (from " + declared.source() + ")")
                        + "; to guard it anyway, remove the pattern from dbguard.ephemeral-url-patterns.");
        return ResolvedEnvironment.of(Environment.DEVELOPMENT, "ephemeral URL pattern '" + pattern + "' matched "
                + safeUrl + ", an in-memory database (declared: " + name + " from " + declared.source() + ")");
    }

    @Override
    public String toString() {
        return patterns.toString();
    }
}
