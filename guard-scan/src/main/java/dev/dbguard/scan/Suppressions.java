package dev.dbguard.scan;

import dev.dbguard.core.rules.RuleCatalog;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Inline suppressions: a comment line {@code -- dbguard-ignore <rule> -- <reason>} directly above a statement (in the
 * block of comment lines right before it) suppresses that one rule for that one statement. It must name a rule of
 * the catalog and give a reason, so the exception is reviewed with the migration; one that does not is itself
 * reported, and suppresses nothing.
 */
final class Suppressions {

    /** The rule id of a malformed suppression. */
    static final String RULE = "dbguard-ignore";

    private static final Pattern DIRECTIVE = Pattern.compile(
            "^\\s*--\\s*dbguard-ignore\\b\\s*([A-Za-z0-9_-]*)\\s*(?:--\\s*(.*?))?\\s*$");

    private Suppressions() {
    }

    /** A directive read from one line. */
    record Directive(String rule, String reason) {
        boolean valid() {
            return !rule.isEmpty() && reason != null && !reason.isBlank() && RuleCatalog.byId(rule).isPresent();
        }

        String problem() {
            if (rule.isEmpty()) {
                return "dbguard-ignore names no rule: write -- dbguard-ignore <rule> -- <reason> (rules: "
                        + ruleIds() + ")";
            }
            if (RuleCatalog.byId(rule).isEmpty()) {
                return "dbguard-ignore names unknown rule '" + rule + "' (rules: " + ruleIds() + ")";
            }
            return "dbguard-ignore " + rule + " gives no reason: write -- dbguard-ignore " + rule
                    + " -- <why this is deliberate>; it suppresses nothing without one";
        }
    }

    /** The directive on {@code line}, or null when it holds none. */
    static Directive parse(String line) {
        if (!line.contains("dbguard-ignore")) {
            return null;
        }
        Matcher m = DIRECTIVE.matcher(line);
        return m.matches() ? new Directive(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2)) : null;
    }

    /** The valid directives in the comment lines directly above 1-based {@code line}. */
    static List<Directive> above(SourceText source, int line) {
        List<Directive> directives = new ArrayList<>(1);
        for (int l = line - 1; l >= 1; l--) {
            String text = source.lineText(l).strip();
            if (!text.startsWith("--")) {
                break;
            }
            Directive directive = parse(text);
            if (directive != null && directive.valid()) {
                directives.add(directive);
            }
        }
        return directives;
    }

    private static String ruleIds() {
        return String.join(", ", RuleCatalog.all().stream().map(r -> r.id()).toList());
    }
}
