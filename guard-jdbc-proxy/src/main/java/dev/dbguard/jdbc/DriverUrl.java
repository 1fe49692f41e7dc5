package dev.dbguard.jdbc;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code jdbc:dbguard:<subprotocol>:...} URL taken apart: the real driver's URL, with every {@code dbguard.*}
 * parameter removed, and those parameters. Both parameter styles are understood: {@code ?a=1&dbguard.env=prod}
 * (values URL-decoded) and {@code ;a=1;dbguard.env=prod} (values as written).
 *
 * @param realUrl    the URL handed to the real driver
 * @param parameters the {@code dbguard.*} parameters, keys lower-cased, in URL order
 */
record DriverUrl(String realUrl, Map<String, String> parameters) {

    static final String PREFIX = "jdbc:dbguard:";
    private static final String PARAMETER_PREFIX = "dbguard.";

    static boolean accepts(String url) {
        return url != null && url.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    /**
     * @throws IllegalArgumentException when {@code url} is not a {@code jdbc:dbguard:} URL or names no real driver
     */
    static DriverUrl parse(String url) {
        if (!accepts(url)) {
            throw new IllegalArgumentException("Not a dbguard URL (must start with " + PREFIX + "): " + url);
        }
        String real = "jdbc:" + url.substring(PREFIX.length());
        if (real.length() == "jdbc:".length() || accepts(real)) {
            throw new IllegalArgumentException("dbguard: the URL must name the real database after " + PREFIX
                    + ", e.g. jdbc:dbguard:postgresql://host/db (got " + withoutParameters(url) + ")");
        }
        if (!real.toLowerCase(Locale.ROOT).contains(PARAMETER_PREFIX)) {
            return new DriverUrl(real, Map.of());
        }
        int start = parametersStart(real);
        StringBuilder kept = new StringBuilder(real.length()).append(real, 0, start);
        Map<String, String> parameters = new LinkedHashMap<>();
        boolean queryStarted = false;
        int position = start;
        while (position < real.length()) {
            char separator = real.charAt(position);
            int end = firstSeparator(real, position + 1);
            String parameter = real.substring(position + 1, end);
            boolean query = separator != ';';
            if (parameter.regionMatches(true, 0, PARAMETER_PREFIX, 0, PARAMETER_PREFIX.length())) {
                int equals = parameter.indexOf('=');
                String key = (equals < 0 ? parameter : parameter.substring(0, equals)).trim().toLowerCase(Locale.ROOT);
                String value = equals < 0 ? "" : parameter.substring(equals + 1);
                parameters.put(key, query ? URLDecoder.decode(value, StandardCharsets.UTF_8) : value);
            } else if (query) {
                kept.append(queryStarted ? '&' : '?').append(parameter);
                queryStarted = true;
            } else {
                kept.append(';').append(parameter);
            }
            position = end;
        }
        return new DriverUrl(kept.toString(), Collections.unmodifiableMap(parameters));
    }

    /**
     * The URL up to its parameters, without user info: a name safe to show in logs and audit events, since
     * parameters and user info may carry passwords. Null stays null.
     */
    static String withoutParameters(String url) {
        if (url == null) {
            return null;
        }
        String base = url.substring(0, parametersStart(url));
        int at = base.indexOf('@');
        if (at < 0) {
            return base;
        }
        // user:password@ sits right after "//" (jdbc:mysql://u:p@host) or after the last colon (Oracle's u/p@host).
        int authority = base.indexOf("//");
        int userStart = authority >= 0 && authority < at ? authority + 2 : base.lastIndexOf(':', at) + 1;
        return userStart < at ? base.substring(0, userStart) + base.substring(at + 1) : base;
    }

    private static int parametersStart(String url) {
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '?' || c == ';') {
                return i;
            }
        }
        return url.length();
    }

    private static int firstSeparator(String url, int from) {
        for (int i = from; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '?' || c == '&' || c == ';') {
                return i;
            }
        }
        return url.length();
    }
}
