package dev.dbguard.samples.tasks;

import org.postgresql.ds.PGSimpleDataSource;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A PostgreSQL server the sample runs against: the embedded one, or the user's own.
 *
 * @param jdbcUrl     {@code jdbc:postgresql://host:port/database?...}; may carry {@code user} and {@code password}
 * @param user        the user, or null when the URL names it
 * @param password    the password, or null when the URL holds it or none is needed
 * @param description what it is, for people: {@code embedded PostgreSQL on localhost:5433}
 */
public record PostgresDatabase(String jdbcUrl, String user, String password, String description) {

    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,47}");
    private static final Pattern SECRET = Pattern.compile("(?i)(password=)[^&]*");
    private static final Pattern USER_INFO_SECRET = Pattern.compile("(://[^:/@]*:)[^@/]*@");

    /**
     * The database at {@code url}: a JDBC URL ({@code jdbc:postgresql://...}) or the URI form hosting platforms put
     * into {@code DATABASE_URL} ({@code postgres://user:secret@host:5432/database}).
     *
     * @throws IllegalArgumentException when {@code url} is neither
     */
    public static PostgresDatabase fromUrl(String url, String source) {
        String trimmed = url.trim();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql://")) {
            return new PostgresDatabase(trimmed, null, null, "your PostgreSQL at " + hostAndDatabase(trimmed)
                    + " (from " + source + ")");
        }
        if (lower.startsWith("postgres://") || lower.startsWith("postgresql://")) {
            String jdbc;
            try {
                jdbc = jdbcFromUri(trimmed);
            } catch (IllegalArgumentException malformed) {
                // Not the parser's message: it would quote the URL with its password.
                throw notPostgres(source, trimmed);
            }
            return new PostgresDatabase(jdbc, null, null, "your PostgreSQL at " + hostAndDatabase(jdbc)
                    + " (from " + source + ")");
        }
        throw notPostgres(source, trimmed);
    }

    private static IllegalArgumentException notPostgres(String source, String url) {
        return new IllegalArgumentException(source + " is not a PostgreSQL URL: '" + redact(url) + "'; use"
                + " jdbc:postgresql://host:5432/database?user=me&password=..."
                + " or postgres://me:...@host:5432/database");
    }

    /** The URL whose connections work in {@code schema} (PostgreSQL's {@code currentSchema}). */
    public String jdbcUrl(String schema) {
        return jdbcUrl + (jdbcUrl.indexOf('?') >= 0 ? "&" : "?") + "currentSchema=" + checkedSchema(schema);
    }

    /** An unguarded data source for {@code schema}: the sample's own setup and inspection, never the application. */
    public DataSource dataSource(String schema) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(jdbcUrl(schema));
        if (user != null) {
            dataSource.setUser(user);
        }
        if (password != null) {
            dataSource.setPassword(password);
        }
        return dataSource;
    }

    /** The (first) host of the URL, e.g. {@code localhost}. */
    public String host() {
        String authority = authority(jdbcUrl);
        String first = authority.split(",")[0];
        if (first.startsWith("[")) {
            return first.substring(1, first.indexOf(']'));
        }
        int colon = first.indexOf(':');
        return colon < 0 ? first : first.substring(0, colon);
    }

    /** The URL with any password replaced by {@code ***}, fit to print. */
    public String redactedUrl() {
        return redact(jdbcUrl);
    }

    /**
     * Checks that {@code schema} is a plain lower-case identifier, so that it can be written into SQL as is.
     *
     * @throws IllegalArgumentException when it is not
     */
    public static String checkedSchema(String schema) {
        if (schema == null || !SCHEMA_NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException("'" + schema + "' is not a usable schema name: use lower-case"
                    + " letters, digits and underscores, at most 48 characters, e.g. dbguard_drill");
        }
        return schema;
    }

    private static String jdbcFromUri(String uri) {
        URI parsed = URI.create(uri);
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(parsed.getRawAuthority()
                .substring(parsed.getRawAuthority().lastIndexOf('@') + 1));
        jdbc.append(parsed.getRawPath() == null || parsed.getRawPath().isEmpty() ? "/" : parsed.getRawPath());
        StringBuilder query = new StringBuilder(parsed.getRawQuery() == null ? "" : parsed.getRawQuery());
        String userInfo = parsed.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            String user = URLDecoder.decode(colon < 0 ? userInfo : userInfo.substring(0, colon), StandardCharsets.UTF_8);
            appendParameter(query, "user", user);
            if (colon >= 0) {
                appendParameter(query, "password",
                        URLDecoder.decode(userInfo.substring(colon + 1), StandardCharsets.UTF_8));
            }
        }
        return query.isEmpty() ? jdbc.toString() : jdbc.append('?').append(query).toString();
    }

    private static void appendParameter(StringBuilder query, String name, String value) {
        if (!query.isEmpty()) {
            query.append('&');
        }
        query.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    private static String authority(String jdbcUrl) {
        int start = jdbcUrl.indexOf("//") + 2;
        int end = start;
        while (end < jdbcUrl.length() && jdbcUrl.charAt(end) != '/' && jdbcUrl.charAt(end) != '?') {
            end++;
        }
        return jdbcUrl.substring(start, end);
    }

    private static String hostAndDatabase(String jdbcUrl) {
        int start = jdbcUrl.indexOf("//") + 2;
        int query = jdbcUrl.indexOf('?', start);
        return jdbcUrl.substring(start, query < 0 ? jdbcUrl.length() : query);
    }

    private static String redact(String url) {
        return USER_INFO_SECRET.matcher(SECRET.matcher(url).replaceAll("$1***")).replaceAll("$1***@");
    }

    @Override
    public String toString() {
        return description + " " + redactedUrl();
    }
}
