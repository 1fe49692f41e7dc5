package dev.dbguard.core.internal;

import dev.dbguard.core.env.Environment;
import dev.dbguard.core.env.ResolvedEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Host and URL patterns that mark a connection as production whatever environment the application declares
 * ({@code dbguard.production-url-patterns}). They catch the classic accident: a developer's machine, declared
 * {@code development}, pointed at the production database.
 *
 * <p>A pattern is a glob, matched case-insensitively: {@code *} stands for any run of characters (dots included),
 * {@code ?} for exactly one. A pattern that starts with {@code jdbc:} or contains {@code ://} is matched against the
 * whole JDBC URL, e.g. {@code jdbc:postgresql://10.1.*}; any other pattern is matched against each host named in the
 * URL, e.g. {@code *.rds.amazonaws.com}, {@code db.*.supabase.co}, {@code prod-db-?.internal}. Hosts are read from
 * PostgreSQL, MySQL/MariaDB, SQL Server and Oracle thin URLs, including host lists and {@code host=} parameters; a
 * {@code jdbc:dbguard:} prefix is ignored.
 *
 * <p>Immutable and thread-safe.
 */
public final class ProductionUrlPatterns {

    private static final Logger LOG = LoggerFactory.getLogger(EnvironmentResolver.LOGGER);
    private static final OnceLog JVM_WIDE_ERRORS = new OnceLog(LOG, 1_000);
    private static final ProductionUrlPatterns NONE = new ProductionUrlPatterns(List.of(), JVM_WIDE_ERRORS);
    private static final Pattern HOST_WITH_PORT = Pattern.compile("[^:]+:\\d+");

    private final List<Glob> globs;
    private final OnceLog errors;

    private ProductionUrlPatterns(List<Glob> globs, OnceLog errors) {
        this.globs = globs;
        this.errors = errors;
    }

    /** No patterns: every URL keeps its declared environment. */
    public static ProductionUrlPatterns none() {
        return NONE;
    }

    /**
     * Patterns from configuration, in the order given.
     *
     * @throws IllegalArgumentException when a pattern is null, blank, contains whitespace, or is a host pattern
     *                                  with a port or a path (hosts are matched without either)
     */
    public static ProductionUrlPatterns of(List<String> patterns) {
        return of(patterns, JVM_WIDE_ERRORS);
    }

    static ProductionUrlPatterns of(List<String> patterns, OnceLog errors) {
        Objects.requireNonNull(patterns, "patterns");
        List<Glob> globs = new ArrayList<>(patterns.size());
        for (int i = 0; i < patterns.size(); i++) {
            globs.add(Glob.parse(patterns.get(i), i + 1));
        }
        return new ProductionUrlPatterns(List.copyOf(globs), errors);
    }

    /** The patterns as configured (trimmed). */
    public List<String> patterns() {
        return globs.stream().map(Glob::text).toList();
    }

    /** Whether {@code jdbcUrl} (or one of its hosts) matches a pattern; false for null. */
    public boolean matches(String jdbcUrl) {
        return firstMatch(jdbcUrl).isPresent();
    }

    /**
     * The environment to protect a connection to {@code jdbcUrl} with: {@code declared}, unless the URL matches a
     * pattern while {@code declared} is not production-like; then production, with a source naming the pattern,
     * the host and the declared environment. That mismatch is also logged at ERROR, once per declared environment
     * and URL.
     *
     * @param jdbcUrl the URL the data source connects to, or null when unknown (then {@code declared} is returned)
     */
    public ResolvedEnvironment effective(ResolvedEnvironment declared, String jdbcUrl) {
        Objects.requireNonNull(declared, "declared");
        if (declared.environment().isProductionLike()) {
            return declared;
        }
        Optional<Match> found = firstMatch(jdbcUrl);
        if (found.isEmpty()) {
            return declared;
        }
        Match match = found.get();
        Environment env = declared.environment();
        String safeUrl = JdbcUrlHosts.redact(jdbcUrl.trim());
        String matched = match.host() == null ? "URL '" + safeUrl + "'" : "host '" + match.host() + "'";
        errors.error(env.name() + " from " + declared.source() + " | " + jdbcUrl,
                "dbguard: " + safeUrl + " matches production URL pattern '" + match.pattern() + "' but the"
                        + " environment is declared " + env.name() + " (from " + declared.source() + "), so it is"
                        + " treated as production and destructive SQL is refused; if this database really is "
                        + env.name() + ", remove or narrow the pattern in dbguard.production-url-patterns, otherwise"
                        + " fix the environment setting or the URL.");
        return ResolvedEnvironment.of(Environment.PRODUCTION, "production URL pattern '" + match.pattern()
                + "' matched " + matched + " (declared: " + env.name() + " from " + declared.source() + ")");
    }

    private Optional<Match> firstMatch(String jdbcUrl) {
        if (jdbcUrl == null || jdbcUrl.isBlank() || globs.isEmpty()) {
            return Optional.empty();
        }
        String url = jdbcUrl.trim();
        String driverUrl = JdbcUrlHosts.withoutDbguardPrefix(url);
        List<String> hosts = JdbcUrlHosts.hosts(url);
        for (Glob glob : globs) {
            if (glob.wholeUrl()) {
                if (glob.matches(driverUrl) || glob.matches(url)) {
                    return Optional.of(new Match(glob.text(), null));
                }
            } else {
                for (String host : hosts) {
                    if (glob.matches(host)) {
                        return Optional.of(new Match(glob.text(), host));
                    }
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return patterns().toString();
    }

    /** A pattern that matched, and the host it matched (null for a whole-URL pattern). */
    private record Match(String pattern, String host) {
    }

    private record Glob(String text, Pattern regex, boolean wholeUrl) {

        static Glob parse(String pattern, int position) {
            String where = "dbguard.production-url-patterns entry #" + position;
            if (pattern == null || pattern.isBlank()) {
                throw new IllegalArgumentException(where + " is blank; remove it, or write a host glob such as"
                        + " *.rds.amazonaws.com or a URL glob such as jdbc:postgresql://10.1.*");
            }
            String text = pattern.trim();
            if (text.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException(where + " '" + text + "' contains whitespace; write one pattern"
                        + " per entry, separated by commas");
            }
            String lower = text.toLowerCase(Locale.ROOT);
            boolean wholeUrl = lower.startsWith("jdbc:") || lower.contains("://");
            if (!wholeUrl && text.indexOf('/') >= 0) {
                throw new IllegalArgumentException(where + " '" + text + "' has a path but is matched against host"
                        + " names; write just the host (db.example.com) or a whole-URL glob starting with jdbc:");
            }
            if (!wholeUrl && HOST_WITH_PORT.matcher(text).matches()) {
                throw new IllegalArgumentException(where + " '" + text + "' has a port but is matched against host"
                        + " names; drop the port (" + text.substring(0, text.lastIndexOf(':')) + ")");
            }
            return new Glob(text, UrlGlob.toRegex(text), wholeUrl);
        }

        boolean matches(String candidate) {
            return regex.matcher(candidate).matches();
        }
    }
}
