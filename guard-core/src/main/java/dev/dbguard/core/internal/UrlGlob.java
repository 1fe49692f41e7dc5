package dev.dbguard.core.internal;

import java.util.regex.Pattern;

/** The {@code *}/{@code ?} globs of the URL pattern settings, as case-insensitive regular expressions. */
final class UrlGlob {

    private UrlGlob() {
    }

    /** {@code *} stands for any run of characters (dots and slashes included), {@code ?} for exactly one. */
    static Pattern toRegex(String glob) {
        StringBuilder regex = new StringBuilder(glob.length() + 8);
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }
}
