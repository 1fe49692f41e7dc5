package dev.dbguard.core;

import java.util.regex.Pattern;

/** Turns the {@code *}/{@code ?} glob patterns of the configuration into case-insensitive regular expressions. */
final class Globs {

    private Globs() {
    }

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
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }
}
