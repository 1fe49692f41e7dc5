package dev.dbguard.core;

import java.util.regex.Pattern;

/**
 * Turns the {@code *}/{@code ?} glob patterns of the configuration into case-insensitive regular expressions.
 *
 * <p>Neither wildcard crosses a {@code .}: object names are dotted paths ({@code schema.table}), and a pattern meant
 * for one part must not reach into the next. {@code tmp_*} would otherwise match {@code tmp_s.keep}, the table
 * {@code keep} of a schema that happens to start with {@code tmp_}; a pattern that means qualified names says so
 * ({@code *.tmp_*}, {@code public.tmp_*}).
 */
final class Globs {

    private Globs() {
    }

    static Pattern toRegex(String glob) {
        StringBuilder regex = new StringBuilder(glob.length() + 8);
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> regex.append("[^.]*");
                case '?' -> regex.append("[^.]");
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }
}
