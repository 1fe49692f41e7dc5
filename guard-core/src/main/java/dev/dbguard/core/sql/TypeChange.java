package dev.dbguard.core.sql;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a change of a column's type loses values, judged from the statement alone: both analysis paths hand it the
 * new type and the {@code USING} expression as written, so that they cannot disagree.
 *
 * <p>The statement does not say what the column's type was, and the guard does not ask the database, so a change is
 * lossy only when the text itself shows that values are lost <em>silently</em>:
 * <ul>
 *   <li>{@code USING} an expression that references no column (a constant, {@code NULL}, {@code now()}): every row gets
 *       the same value;</li>
 *   <li>{@code USING} an explicit cast to a bounded character type ({@code c::varchar(20)},
 *       {@code CAST(c AS char(3))}): an explicit cast truncates longer values without an error;</li>
 *   <li>the new type is {@code date}: a timestamp's time of day is dropped without an error, on PostgreSQL, MySQL and
 *       MariaDB alike.</li>
 * </ul>
 * Other narrowing ({@code varchar(50)} to {@code varchar(20)}, {@code text} to {@code varchar(n)}, {@code bigint} to
 * {@code int}, a smaller numeric precision) is not told apart from widening, since the old type is not in the text;
 * those changes fail on the server when a value does not fit ("value too long", "out of range", and MySQL's strict
 * mode), so nothing is lost silently: they stay warnings.
 */
public final class TypeChange {

    private static final Pattern STRING = Pattern.compile("'(?:[^']|'')*'");
    /** A cast suffix: {@code ::type}, with a multi-word type and its modifiers. */
    private static final Pattern CAST_SUFFIX = Pattern.compile(
            "::\\s*[a-z_][a-z0-9_]*(?:\\s+(?:varying|precision|with|without|time|zone))*(?:\\s*\\([^)]*\\))?(?:\\s*\\[\\s*])*");
    /** The target of {@code CAST(x AS type)}. */
    private static final Pattern CAST_TARGET = Pattern.compile(
            "\\bas\\s+[a-z_][a-z0-9_]*(?:\\s+(?:varying|precision|with|without|time|zone))*(?:\\s*\\([^)]*\\))?");
    private static final Pattern BOUNDED_TEXT_CAST = Pattern.compile(
            "(?:::|\\bas)\\s*(?:varchar|char|nchar|nvarchar|bpchar|character(?:\\s+varying)?)\\s*\\(\\s*\\d+\\s*\\)");
    private static final Pattern WORD = Pattern.compile("\"[^\"]*\"|`[^`]*`|(?<![0-9.])[a-z_][a-z0-9_$]*");
    /** Words that are values, not columns. */
    private static final Set<String> CONSTANT_WORDS = Set.of("null", "true", "false", "cast", "current_date",
            "current_time", "current_timestamp", "localtime", "localtimestamp", "interval", "unknown");

    private TypeChange() {
    }

    /**
     * A type or expression as both analysis paths report it: one space between words, none inside parentheses
     * ({@code varchar (10)} and {@code varchar( 10 )} are {@code varchar(10)}), none around {@code ::}.
     *
     * @param text a type or expression as written in the statement; not null
     * @return the normalised spelling, case kept
     */
    public static String normalize(String text) {
        return text.strip().replaceAll("\\s+", " ").replaceAll(" ?\\( ?", "(").replaceAll(" ?\\)", ")")
                .replaceAll(" ?, ?", ", ").replaceAll(" ?:: ?", "::");
    }

    /**
     * Why a change of a column's type loses values silently, judged from the text alone (see the class comment).
     *
     * @param newType the new type as written; null is read as empty
     * @param using   the {@code USING} expression, or null when there is none
     * @return a reason for people, or null when the text shows no silent loss
     */
    public static String loss(String newType, String using) {
        String type = newType == null ? "" : newType.trim().toLowerCase(Locale.ROOT);
        if (using != null && !using.isBlank()) {
            String expression = using.toLowerCase(Locale.ROOT);
            if (referencesNoColumn(expression)) {
                return "USING " + using.trim() + " references no column: every row gets the same value";
            }
            if (BOUNDED_TEXT_CAST.matcher(STRING.matcher(expression).replaceAll("''")).find()) {
                return "USING casts to a bounded character type, which truncates longer values silently";
            }
        }
        if (type.equals("date") || type.startsWith("date ")) {
            return "the new type date drops the time of day of a timestamp silently";
        }
        return null;
    }

    private static boolean referencesNoColumn(String expression) {
        String rest = STRING.matcher(expression).replaceAll(" ");
        rest = CAST_SUFFIX.matcher(rest).replaceAll(" ");
        rest = CAST_TARGET.matcher(rest).replaceAll(" ");
        Matcher word = WORD.matcher(rest);
        while (word.find()) {
            String w = word.group();
            if (w.startsWith("\"") || w.startsWith("`")) {
                return false;
            }
            boolean call = rest.substring(word.end()).stripLeading().startsWith("(");
            if (!call && !CONSTANT_WORDS.contains(w)) {
                return false;
            }
        }
        return true;
    }
}
