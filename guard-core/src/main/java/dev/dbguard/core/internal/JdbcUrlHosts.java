package dev.dbguard.core.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the host names out of a JDBC URL, best effort and without a driver: PostgreSQL and MySQL/MariaDB host lists
 * ({@code //h1:5432,h2:5433/db}), MySQL/MariaDB {@code address=(host=..)} and {@code (host=..,port=..)} forms,
 * SQL Server ({@code //host\instance:1433;serverName=..}), Oracle thin ({@code @//host:1521/svc},
 * {@code @host:1521:sid}, {@code @(DESCRIPTION=..(HOST=..)..)}), and {@code host=}/{@code PGHOST=}/
 * {@code serverName=} parameters. A host it cannot find is simply missing from the list; callers treat "no host" as
 * "no match", and whole-URL patterns remain for the forms it does not know.
 */
final class JdbcUrlHosts {

    private static final String DBGUARD_PREFIX = "jdbc:dbguard:";
    /** {@code host=value} inside parentheses or parameters; the value stops at a delimiter of any of the forms. */
    private static final Pattern HOST_KEY = Pattern.compile("(?i)(?:^|[(,;&?\\s])host\\s*=\\s*([^)(,;&/?\\s]+)");
    private static final Pattern LOCAL_BY_DEFAULT = Pattern.compile("jdbc:(postgresql|mysql|mariadb):");
    private static final Set<String> HOST_PARAMETERS = Set.of("host", "pghost", "servername", "server");
    private static final Pattern SECRET_PARAMETER = Pattern.compile("(?i)((?:password|pwd)=)[^&;)]*");
    private static final Pattern SECRET_USER_INFO = Pattern.compile("(//[^/@:?;]+):[^/@?;]*@");

    private JdbcUrlHosts() {
    }

    /** The URL with a leading {@code jdbc:dbguard:} turned into {@code jdbc:}, so patterns see the real driver's URL. */
    static String withoutDbguardPrefix(String url) {
        String trimmed = url.trim();
        if (trimmed.regionMatches(true, 0, DBGUARD_PREFIX, 0, DBGUARD_PREFIX.length())) {
            return "jdbc:" + trimmed.substring(DBGUARD_PREFIX.length());
        }
        return trimmed;
    }

    /** The URL with passwords replaced by {@code ***}, fit for a log line. */
    static String redact(String url) {
        String redacted = SECRET_PARAMETER.matcher(url).replaceAll("$1***");
        return SECRET_USER_INFO.matcher(redacted).replaceAll("$1:***@");
    }

    /** The distinct host names in {@code url}, lower case, in the order they appear; empty when none is found. */
    static List<String> hosts(String url) {
        String normalized = withoutDbguardPrefix(url);
        Set<String> hosts = new LinkedHashSet<>();
        String lower = normalized.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:oracle:")) {
            oracleHosts(normalized, hosts);
        } else {
            authorityHosts(normalized, hosts);
        }
        parameterHosts(normalized, hosts);
        if (hosts.isEmpty() && LOCAL_BY_DEFAULT.matcher(lower).lookingAt()) {
            hosts.add("localhost"); // jdbc:postgresql:db and jdbc:postgresql:///db mean the local server
        }
        return List.copyOf(hosts);
    }

    // jdbc:oracle:thin:@//host:1521/svc, @host:1521:sid, user/pass@host..., @tcps://host..., @(DESCRIPTION=...)
    private static void oracleHosts(String url, Set<String> hosts) {
        int at = url.indexOf('@');
        if (at < 0) {
            return;
        }
        String rest = url.substring(at + 1).trim();
        if (rest.startsWith("(")) {
            keyedHosts(rest, hosts);
            return;
        }
        int scheme = rest.indexOf("://");
        if (scheme >= 0) {
            rest = rest.substring(scheme + 3);
        } else if (rest.startsWith("//")) {
            rest = rest.substring(2);
        }
        for (String address : rest.split(",")) {
            addHost(cut(address, "/?:"), hosts);
        }
    }

    // scheme://[user[:password]@]host[:port][,host[:port]...][/database][?params] and the keyed MySQL forms
    private static void authorityHosts(String url, Set<String> hosts) {
        int slashes = url.indexOf("//");
        if (slashes < 0) {
            return;
        }
        String authority = authority(url.substring(slashes + 2));
        int at = authority.lastIndexOf('@');
        if (at >= 0 && authority.indexOf('(') < 0) {
            authority = authority.substring(at + 1);
        }
        for (String part : splitOutsideParentheses(authority)) {
            String address = part.trim();
            if (address.startsWith("[") && address.indexOf(']') > 0 && address.indexOf('(') < 0) {
                addHost(address.substring(1, address.indexOf(']')), hosts); // IPv6 literal
            } else if (address.indexOf('(') >= 0 || address.toLowerCase(Locale.ROOT).contains("host=")) {
                keyedHosts(address, hosts);
            } else {
                addHost(cut(address, ":\\"), hosts);
            }
        }
    }

    /** The authority part: up to the first '/', '?' or ';' that is not inside parentheses. */
    private static String authority(String afterSlashes) {
        int depth = 0;
        for (int i = 0; i < afterSlashes.length(); i++) {
            char c = afterSlashes.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if (depth == 0 && (c == '/' || c == '?' || c == ';' || c == '#')) {
                return afterSlashes.substring(0, i);
            }
        }
        return afterSlashes;
    }

    private static List<String> splitOutsideParentheses(String authority) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < authority.length(); i++) {
            char c = authority.charAt(i);
            if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth = Math.max(0, depth - 1);
            } else if (c == ',' && depth == 0) {
                parts.add(authority.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(authority.substring(start));
        return parts;
    }

    private static void keyedHosts(String text, Set<String> hosts) {
        Matcher matcher = HOST_KEY.matcher(text);
        while (matcher.find()) {
            addHost(matcher.group(1), hosts);
        }
    }

    // ?host=a,b&PGHOST=c (query) and ;serverName=d (SQL Server properties)
    private static void parameterHosts(String url, Set<String> hosts) {
        int start = firstOf(url, "?;");
        if (start < 0) {
            return;
        }
        for (String parameter : url.substring(start + 1).split("[&;?]")) {
            int equals = parameter.indexOf('=');
            if (equals > 0 && HOST_PARAMETERS.contains(parameter.substring(0, equals).trim().toLowerCase(Locale.ROOT))) {
                for (String value : parameter.substring(equals + 1).split(",")) {
                    addHost(cut(value, ":\\"), hosts);
                }
            }
        }
    }

    private static int firstOf(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** {@code text} up to the first of {@code stops}. */
    private static String cut(String text, String stops) {
        int end = firstOf(text, stops);
        return end < 0 ? text : text.substring(0, end);
    }

    private static void addHost(String host, Set<String> hosts) {
        String trimmed = host.trim();
        if (!trimmed.isEmpty()) {
            hosts.add(trimmed.toLowerCase(Locale.ROOT));
        }
    }
}
