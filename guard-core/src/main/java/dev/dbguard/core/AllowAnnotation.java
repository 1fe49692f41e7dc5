package dev.dbguard.core;

import dev.dbguard.core.rules.Rule;
import dev.dbguard.core.rules.RuleCatalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deliberate way through that travels with a migration: a comment line
 * {@code -- dbguard:allow <rule>[,<rule>...] reason="<why>"} among the comments right before a statement lets that
 * statement through for the named rules only, as an audited override. The scan reads it on the lines above the
 * statement; the runtime in the statement's leading comments, which is where a migration tool sends those lines.
 *
 * <p>This is the one reader of the annotation, for both. An annotation that names no rule, an unknown rule, or gives
 * no reason is itself an error ({@link #problem()}): it allows nothing, and the statement it precedes is refused.
 *
 * @param rules   the rule ids named, lower case, in the order written
 * @param reason  the reason given, or null when none is
 * @param problem what is wrong with the annotation, for people (one line), or null when it is well-formed
 */
public record AllowAnnotation(List<String> rules, String reason, String problem) {

    /** The word that starts an annotation inside a {@code --} comment. */
    public static final String MARKER = "dbguard:allow";
    /** The rule id under which a malformed annotation is reported and refused. */
    public static final String RULE = "dbguard-allow";

    private static final Pattern LINE = Pattern.compile("^\\s*--\\s*dbguard:allow(?![A-Za-z0-9_-])(.*)$",
            Pattern.DOTALL);
    private static final Pattern REASON = Pattern.compile("\\breason\\s*=", Pattern.CASE_INSENSITIVE);
    private static final Pattern QUOTED = Pattern.compile("\\s*\"([^\"]*)\"\\s*");
    private static final String SYNTAX = "-- dbguard:allow <rule>[,<rule>...] reason=\"<why this is deliberate>\"";

    /**
     * Copies {@code rules}.
     *
     * @param rules   the rule ids named, lower case; not null
     * @param reason  the reason given, or null
     * @param problem what is wrong with the annotation, or null when it is well-formed
     */
    public AllowAnnotation {
        rules = List.copyOf(rules);
    }

    /** {@return whether the annotation is well-formed: it names known rules and gives a reason} */
    public boolean valid() {
        return problem == null;
    }

    /**
     * Whether this annotation lets a rule through.
     *
     * @param ruleId a rule id, lower case
     * @return true when the annotation is well-formed and names {@code ruleId}
     */
    boolean allows(String ruleId) {
        return problem == null && rules.contains(ruleId);
    }

    /**
     * The annotation on one line of text, or null when the line is not an annotation comment (a line whose first
     * non-blank characters are {@code --} followed by {@code dbguard:allow}); a trailing comment after SQL on the same
     * line is not one.
     *
     * @param line one line of text, without its line break
     * @return the annotation, possibly malformed ({@link #problem()} set), or null
     */
    public static AllowAnnotation parse(String line) {
        if (line.indexOf(MARKER) < 0) {
            return null;
        }
        Matcher m = LINE.matcher(line);
        return m.matches() ? read(m.group(1)) : null;
    }

    /**
     * The annotations on the lines of {@code text[from, to)} that begin a line of {@code text} (at its start or after a
     * line break), malformed ones included: for the leading comments of a statement, {@code from} is where the
     * previous statement ended and {@code to} where this one begins.
     *
     * @param text the whole text
     * @param from the first index read, inclusive
     * @param to   the index where reading stops, exclusive
     * @return the annotations in text order; empty when there are none
     */
    static List<AllowAnnotation> onLines(String text, int from, int to) {
        if (text.indexOf(MARKER, from) < 0) {
            return List.of();
        }
        List<AllowAnnotation> found = new ArrayList<>(1);
        int start = from;
        while (start < to) {
            int end = start;
            while (end < to && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            boolean beginsLine = start == 0 || text.charAt(start - 1) == '\n' || text.charAt(start - 1) == '\r';
            if (beginsLine) {
                AllowAnnotation annotation = parse(text.substring(start, end));
                if (annotation != null) {
                    found.add(annotation);
                }
            }
            start = end + 1;
        }
        return found;
    }

    private static AllowAnnotation read(String rest) {
        Matcher reasonAt = REASON.matcher(rest);
        boolean hasReason = reasonAt.find();
        String rulePart = hasReason ? rest.substring(0, reasonAt.start()) : rest;
        List<String> rules = new ArrayList<>(2);
        for (String id : rulePart.trim().split("[,\\s]+")) {
            if (!id.isEmpty()) {
                rules.add(id.toLowerCase(Locale.ROOT));
            }
        }
        String reason = null;
        String reasonProblem = null;
        if (!hasReason) {
            reasonProblem = "gives no reason";
        } else {
            Matcher quoted = QUOTED.matcher(rest.substring(reasonAt.end()));
            if (!quoted.matches()) {
                reasonProblem = "has a reason that is not one double-quoted text";
            } else if (quoted.group(1).isBlank()) {
                reasonProblem = "gives an empty reason";
            } else {
                reason = quoted.group(1).strip();
            }
        }
        return new AllowAnnotation(rules, reason, problemOf(rules, reasonProblem));
    }

    private static String problemOf(List<String> rules, String reasonProblem) {
        if (rules.isEmpty()) {
            return "the dbguard:allow annotation names no rule: write " + SYNTAX + " (rules: " + ruleIds() + ")";
        }
        List<String> unknown = rules.stream().filter(id -> RuleCatalog.byId(id).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            return "the dbguard:allow annotation names unknown rule" + (unknown.size() == 1 ? " '" : "s '")
                    + String.join("', '", unknown) + "' (rules: " + ruleIds() + "); it allows nothing";
        }
        if (reasonProblem != null) {
            return "the dbguard:allow annotation for " + String.join(",", rules) + " " + reasonProblem + ": write "
                    + SYNTAX + "; it allows nothing without one";
        }
        return null;
    }

    private static String ruleIds() {
        return String.join(", ", RuleCatalog.all().stream().map(Rule::id).toList());
    }
}
