package dev.dbguard.core.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Rebuilds, as far as it can be known before run time, the SQL text that an expression handed to an executor
 * produces (PL/pgSQL {@code EXECUTE expr}, MariaDB {@code EXECUTE IMMEDIATE expr}, MySQL {@code PREPARE s FROM expr},
 * the SQL argument of {@code dblink_exec(...)}).
 *
 * <p>What is literal gives its text, however it is quoted: {@code '...'}, {@code E'...'}, {@code U&'...'},
 * {@code $tag$...$tag$}, MySQL {@code "..."} (without ANSI_QUOTES), {@code _utf8'...'}, {@code X'...'} and
 * {@code 0x...}; adjacent literals and the operands of {@code ||}, {@code concat(...)} and {@code concat_ws(...)} are
 * joined, {@code format('fmt', args)} substitutes its arguments ({@code %I} and {@code %L} quoted as PostgreSQL
 * quotes them), {@code quote_ident} / {@code quote_literal} quote, a scalar subquery {@code (SELECT expr FROM ...)}
 * gives the text of {@code expr}, and a PL/pgSQL variable gives the text of each value assigned to it. Anything else is
 * known only at run time and becomes a {@code ?} glued to its neighbours: {@code 'DROP TABLE audit_' || t} reads
 * {@code DROP TABLE audit_?}, a drop of a table whose name is not known.
 *
 * <p>An expression may have several texts (a variable assigned in two places): all of them are given, up to
 * {@link #MAX_ALTERNATIVES}, beyond which the varying part becomes {@code ?}. The work per expression is bounded by
 * a budget, so that variables referring to variables cannot make it grow beyond linear.
 */
final class DynamicSql {

    /** What stands in the rebuilt text for a part known only at run time. */
    static final String RUN_TIME = "?";
    /** How many different texts one expression may have before its varying parts are read as unknown. */
    static final int MAX_ALTERNATIVES = 8;
    /** How long a description of an expression may be, for people. */
    static final int MAX_SOURCE_LENGTH = 60;

    private static final int MAX_NESTING = 16;
    private static final int BUDGET = 4_096;
    private static final Text UNKNOWN = new Text(RUN_TIME, true);

    /**
     * One text an expression may produce.
     *
     * @param sql     the text, each part known only at run time written {@code ?}
     * @param runTime whether any part of it is known only at run time
     */
    record Text(String sql, boolean runTime) {
    }

    /** The values PL/pgSQL variables can hold, for {@code EXECUTE q}. */
    interface Variables {

        /** No variables: every identifier is known only at run time. */
        Variables NONE = name -> null;

        /**
         * The expressions that may be assigned to the variable named {@code name} (lower case unless it was quoted),
         * as {@code [from0, to0, from1, to1, ...]} token ranges of the same tokens, or null when {@code name} is no
         * variable whose values can be followed.
         */
        int[] valuesOf(String name);
    }

    private final Tokens t;
    private final Variables variables;
    private final Set<String> resolving = new HashSet<>(4);
    private int budget = BUDGET;

    private DynamicSql(Tokens t, Variables variables) {
        this.t = t;
        this.variables = variables;
    }

    /** The texts {@code tokens[from, to)} may produce, with no variables to follow. */
    static List<Text> texts(Tokens t, int from, int to) {
        return texts(t, from, to, Variables.NONE);
    }

    /** The texts {@code tokens[from, to)} may produce; never empty. */
    static List<Text> texts(Tokens t, int from, int to, Variables variables) {
        if (from >= to) {
            return List.of(UNKNOWN);
        }
        return new DynamicSql(t, variables).expression(from, to, 0);
    }

    /** The value of {@code tokens[from, to)} when it is one text known before run time, else null. */
    static String constant(Tokens t, int from, int to) {
        List<Text> texts = texts(t, from, to);
        return texts.size() == 1 && !texts.get(0).runTime() ? texts.get(0).sql() : null;
    }

    // ---------------------------------------------------------------------------------------------------------
    // evaluation

    private List<Text> expression(int from, int to, int nest) {
        if (from >= to || nest > MAX_NESTING || --budget < 0) {
            return List.of(UNKNOWN);
        }
        int depth = t.depth(from);
        List<Text> result = null;
        int operand = from;
        for (int k = from; k <= to; k++) {
            if (k == to || (t.depth(k) == depth && t.isOperator(k, "||"))) {
                List<Text> value = operand(operand, k, nest);
                result = result == null ? value : product(result, value);
                operand = k + 1;
            }
        }
        return result;
    }

    private List<Text> operand(int a, int b, int nest) {
        if (a >= b) {
            return List.of(UNKNOWN);
        }
        int cast = castAt(a, b);
        if (cast > a) {
            b = cast; // 'DROP TABLE u'::text
        }
        String literal = literals(a, b);
        if (literal != null) {
            return List.of(new Text(literal, false));
        }
        if (t.is(a, TokenType.LEFT_PAREN) && t.closingParen(a, b) == b - 1) {
            if (t.isWord(a + 1, "SELECT")) {
                return scalarSubquery(a + 2, b - 1, nest + 1);
            }
            return expression(a + 1, b - 1, nest + 1);
        }
        if ((t.is(a, TokenType.WORD) || t.is(a, TokenType.QUOTED_IDENTIFIER)) && t.is(a + 1, TokenType.LEFT_PAREN)
                && t.closingParen(a + 1, b) == b - 1) {
            return call(a, a + 2, b - 1, nest + 1);
        }
        if (b == a + 1 && (t.is(a, TokenType.WORD) || t.is(a, TokenType.QUOTED_IDENTIFIER))) {
            return variable(a, nest + 1);
        }
        return List.of(UNKNOWN);
    }

    /** The text of one literal or of adjacent literals ({@code 'a' 'b'}), or null when {@code [a, b)} is not that. */
    private String literals(int a, int b) {
        StringBuilder text = null;
        int k = a;
        while (k < b) {
            int next = k + 1;
            if (k == a && t.is(k, TokenType.WORD) && k + 1 < b && t.is(k + 1, TokenType.STRING)) {
                next = k + 2; // a type name (text 'x') or a MySQL character set introducer (_utf8mb4'x')
                k++;
            }
            String value = literal(k);
            if (value == null) {
                return null;
            }
            if (text == null) {
                text = new StringBuilder(value.length() + 8);
            }
            text.append(value);
            k = next;
            if (k < b && !(t.is(k, TokenType.STRING) || isDoubleQuotedString(k))) {
                return null;
            }
        }
        return text == null ? null : text.toString();
    }

    /** The value of literal token {@code k}, or null when it is no literal whose text is known. */
    private String literal(int k) {
        if (t.is(k, TokenType.STRING)) {
            if (t.isBitString(k)) {
                return t.rules.mysql() ? binaryString(k) : null;
            }
            return t.stringValue(k);
        }
        if (isDoubleQuotedString(k)) {
            return t.identifier(k);
        }
        if (t.is(k, TokenType.NUMBER)) {
            String number = t.text(k);
            if (number.length() > 2 && (number.startsWith("0x") || number.startsWith("0X"))) {
                return t.rules.mysql() ? hex(number.substring(2)) : null; // MySQL: a hex literal is a string
            }
            return number;
        }
        return null;
    }

    /** A {@code "..."} that a MySQL reading without ANSI_QUOTES takes as a string (when the lexer kept it an identifier). */
    private boolean isDoubleQuotedString(int k) {
        return t.is(k, TokenType.QUOTED_IDENTIFIER) && t.rules.doubleQuotedStrings()
                && t.source.charAt(t.start(k)) == '"';
    }

    /** MySQL {@code X'4452'} / {@code B'01000100'}: the bytes they spell, read as UTF-8. */
    private String binaryString(int k) {
        String digits = t.source.substring(t.start(k) + 2, Math.max(t.start(k) + 2, t.end(k) - 1));
        char kind = Character.toUpperCase(t.source.charAt(t.start(k)));
        if (kind == 'X') {
            return hex(digits);
        }
        if (digits.isEmpty() || digits.chars().anyMatch(c -> c != '0' && c != '1')) {
            return null;
        }
        int length = (digits.length() + 7) / 8;
        byte[] bytes = new byte[length];
        int bit = 0;
        for (int i = digits.length() - 1; i >= 0; i--, bit++) {
            if (digits.charAt(i) == '1') {
                bytes[length - 1 - bit / 8] |= (byte) (1 << (bit % 8));
            }
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String hex(String digits) {
        if (digits.length() % 2 != 0) {
            digits = "0" + digits;
        }
        byte[] bytes = new byte[digits.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            int high = Character.digit(digits.charAt(2 * i), 16);
            int low = Character.digit(digits.charAt(2 * i + 1), 16);
            if (high < 0 || low < 0) {
                return null;
            }
            bytes[i] = (byte) (high * 16 + low);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Where a trailing {@code ::type} cast starts in {@code [a, b)}, or -1. */
    private int castAt(int a, int b) {
        int depth = t.depth(a);
        for (int k = a + 1; k < b; k++) {
            if (t.depth(k) == depth && t.isOperator(k, "::")) {
                return k;
            }
        }
        return -1;
    }

    /** {@code (SELECT expr [FROM ...])}: the text of {@code expr}; more than one column or none is unknown. */
    private List<Text> scalarSubquery(int from, int to, int nest) {
        int k = from;
        if (t.isWord(k, "DISTINCT") || t.isWord(k, "ALL")) {
            k++;
        }
        int depth = t.depth(from);
        int end = to;
        for (int j = k; j < to; j++) {
            if (t.depth(j) != depth) {
                continue;
            }
            if (t.is(j, TokenType.COMMA)) {
                return List.of(UNKNOWN);
            }
            if (t.is(j, TokenType.WORD) && SELECT_LIST_ENDS.contains(t.upper(j))) {
                end = j;
                break;
            }
        }
        if (end - k >= 2 && t.isWord(end - 2, "AS") || end - k >= 2 && t.is(end - 1, TokenType.WORD)
                && t.is(end - 2, TokenType.STRING)) {
            end = t.isWord(end - 2, "AS") ? end - 2 : end - 1; // a column alias
        }
        return expression(k, end, nest);
    }

    private static final Set<String> SELECT_LIST_ENDS = Set.of("FROM", "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT",
            "OFFSET", "FETCH", "UNION", "INTERSECT", "EXCEPT", "WINDOW", "INTO", "FOR");

    /** A function call {@code name(args)} whose arguments are {@code [from, to)}. */
    private List<Text> call(int nameToken, int from, int to, int nest) {
        String name = t.is(nameToken, TokenType.WORD) ? t.upper(nameToken) : t.identifier(nameToken).toUpperCase(Locale.ROOT);
        boolean postgresql = !t.rules.mysql();
        int[] args = arguments(from, to);
        int count = args.length / 2;
        switch (name) {
            case "CONCAT": {
                List<Text> result = List.of(new Text("", false));
                for (int n = 0; n < count; n++) {
                    result = product(result, expression(args[2 * n], args[2 * n + 1], nest));
                }
                return result;
            }
            case "CONCAT_WS": {
                if (count < 1) {
                    return List.of(UNKNOWN);
                }
                String separator = constantOf(args[0], args[1], nest);
                if (separator == null) {
                    return List.of(UNKNOWN);
                }
                List<Text> result = List.of(new Text("", false));
                for (int n = 1; n < count; n++) {
                    if (n > 1) {
                        result = product(result, List.of(new Text(separator, false)));
                    }
                    result = product(result, expression(args[2 * n], args[2 * n + 1], nest));
                }
                return result;
            }
            case "FORMAT":
                if (postgresql && count >= 1) {
                    return format(args, nest);
                }
                return List.of(UNKNOWN);
            case "QUOTE_IDENT":
                return postgresql && count == 1 ? quoted(args, nest, true) : List.of(UNKNOWN);
            case "QUOTE_LITERAL", "QUOTE_NULLABLE":
                return postgresql && count == 1 ? quoted(args, nest, false) : List.of(UNKNOWN);
            case "CAST":
                if (count == 1) {
                    int as = -1;
                    for (int k = args[0]; k < args[1]; k++) {
                        if (t.depth(k) == t.depth(args[0]) && t.isWord(k, "AS")) {
                            as = k;
                        }
                    }
                    if (as > args[0]) {
                        return expression(args[0], as, nest);
                    }
                }
                return List.of(UNKNOWN);
            default:
                return List.of(UNKNOWN);
        }
    }

    /** The argument ranges of a call, {@code [from0, to0, ...]}; none for {@code f()}. */
    private int[] arguments(int from, int to) {
        if (from >= to) {
            return new int[0];
        }
        int depth = t.depth(from);
        List<Integer> bounds = new ArrayList<>(6);
        int start = from;
        for (int k = from; k <= to; k++) {
            if (k == to || (t.depth(k) == depth && t.is(k, TokenType.COMMA))) {
                bounds.add(start);
                bounds.add(k);
                start = k + 1;
            }
        }
        int[] result = new int[bounds.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = bounds.get(i);
        }
        return result;
    }

    private String constantOf(int from, int to, int nest) {
        List<Text> texts = expression(from, to, nest);
        return texts.size() == 1 && !texts.get(0).runTime() ? texts.get(0).sql() : null;
    }

    private List<Text> quoted(int[] args, int nest, boolean identifier) {
        List<Text> values = expression(args[0], args[1], nest);
        List<Text> result = new ArrayList<>(values.size());
        for (Text value : values) {
            result.add(value.runTime() ? UNKNOWN
                    : new Text(identifier ? quoteIdent(value.sql()) : quoteLiteral(value.sql()), false));
        }
        return result;
    }

    /** As PostgreSQL's {@code quote_ident}, but always quoting: a quoted name reads as the same name. */
    static String quoteIdent(String value) {
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    /** As PostgreSQL's {@code quote_literal}: {@code E'...'} with doubled backslashes when the value holds one. */
    static String quoteLiteral(String value) {
        String quoted = value.replace("'", "''");
        if (value.indexOf('\\') >= 0) {
            return "E'" + quoted.replace("\\", "\\\\") + "'";
        }
        return "'" + quoted + "'";
    }

    /**
     * PostgreSQL's {@code format(fmt, args...)}: {@code %[n$][-][width]type} with type {@code s} (as is), {@code I}
     * (quoted identifier) or {@code L} (quoted literal), {@code %%} for a percent sign.
     */
    private List<Text> format(int[] args, int nest) {
        List<Text> patterns = expression(args[0], args[1], nest);
        List<Text> result = new ArrayList<>(patterns.size());
        for (Text pattern : patterns) {
            if (pattern.runTime()) {
                result.add(UNKNOWN);
            } else {
                result.addAll(format(pattern.sql(), args, nest));
            }
            if (result.size() > MAX_ALTERNATIVES) {
                return List.of(UNKNOWN);
            }
        }
        return result;
    }

    private List<Text> format(String pattern, int[] args, int nest) {
        int count = args.length / 2 - 1;
        List<Text> result = List.of(new Text("", false));
        StringBuilder plain = new StringBuilder();
        int next = 0;
        int n = pattern.length();
        for (int i = 0; i < n; i++) {
            char c = pattern.charAt(i);
            if (c != '%') {
                plain.append(c);
                continue;
            }
            if (i + 1 < n && pattern.charAt(i + 1) == '%') {
                plain.append('%');
                i++;
                continue;
            }
            result = product(result, List.of(new Text(plain.toString(), false)));
            plain.setLength(0);
            int j = i + 1;
            int position = -1;
            int digitsEnd = digits(pattern, j);
            if (digitsEnd > j && digitsEnd < n && pattern.charAt(digitsEnd) == '$') {
                position = Integer.parseInt(pattern.substring(j, Math.min(digitsEnd, j + 6))) - 1;
                j = digitsEnd + 1;
            }
            boolean left = false;
            while (j < n && pattern.charAt(j) == '-') {
                left = true;
                j++;
            }
            int width = 0;
            boolean widthKnown = true;
            if (j < n && pattern.charAt(j) == '*') {
                j++;
                int starEnd = digits(pattern, j);
                int widthArg;
                if (starEnd > j && starEnd < n && pattern.charAt(starEnd) == '$') {
                    widthArg = Integer.parseInt(pattern.substring(j, Math.min(starEnd, j + 6))) - 1;
                    j = starEnd + 1;
                } else {
                    widthArg = next++;
                }
                String w = widthArg >= 0 && widthArg < count ? constantOf(args[2 * widthArg + 2], args[2 * widthArg + 3], nest) : null;
                try {
                    width = w == null ? 0 : Math.abs(Integer.parseInt(w.trim()));
                    left |= w != null && w.trim().startsWith("-");
                } catch (NumberFormatException e) {
                    w = null;
                }
                widthKnown = w != null && width <= 256;
            } else {
                int widthEnd = digits(pattern, j);
                if (widthEnd > j) {
                    width = widthEnd - j > 3 ? 1000 : Integer.parseInt(pattern.substring(j, widthEnd));
                    widthKnown = width <= 256;
                    j = widthEnd;
                }
            }
            char type = j < n ? pattern.charAt(j) : '\0';
            int argument = position >= 0 ? position : next;
            next = argument + 1;
            i = Math.min(j, n - 1);
            List<Text> value;
            if (!widthKnown || argument < 0 || argument >= count || (type != 's' && type != 'I' && type != 'L')) {
                value = List.of(UNKNOWN);
            } else {
                List<Text> raw = expression(args[2 * argument + 2], args[2 * argument + 3], nest);
                value = new ArrayList<>(raw.size());
                for (Text text : raw) {
                    String converted = text.sql();
                    if (type != 's' && text.runTime()) {
                        value.add(UNKNOWN);
                        continue;
                    }
                    if (type == 'I') {
                        converted = quoteIdent(converted);
                    } else if (type == 'L') {
                        converted = quoteLiteral(converted);
                    }
                    value.add(new Text(pad(converted, width, left), text.runTime()));
                }
            }
            result = product(result, value);
        }
        return product(result, List.of(new Text(plain.toString(), false)));
    }

    private static int digits(String s, int from) {
        int j = from;
        while (j < s.length() && s.charAt(j) >= '0' && s.charAt(j) <= '9') {
            j++;
        }
        return j;
    }

    private static String pad(String value, int width, boolean left) {
        if (value.length() >= width) {
            return value;
        }
        String spaces = " ".repeat(width - value.length());
        return left ? value + spaces : spaces + value;
    }

    /**
     * A PL/pgSQL variable: the texts of the values assigned to it, or unknown. An assignment that appends to the
     * variable ({@code q := q || expr}, often in a loop) keeps the command its other values start with, and adds
     * text known only at run time after it: each other value followed by {@code ?}.
     */
    private List<Text> variable(int k, int nest) {
        String name = t.is(k, TokenType.WORD) ? t.text(k).toLowerCase(Locale.ROOT) : t.identifier(k);
        int[] values = variables.valuesOf(name);
        if (values == null || values.length == 0 || !resolving.add(name)) {
            return List.of(UNKNOWN);
        }
        try {
            List<Text> result = new ArrayList<>(values.length / 2);
            boolean appended = false;
            for (int v = 0; v < values.length; v += 2) {
                if (appendsTo(name, values[v], values[v + 1])) {
                    appended = true;
                    continue;
                }
                for (Text text : expression(values[v], values[v + 1], nest)) {
                    if (!result.contains(text)) {
                        result.add(text);
                    }
                }
                if (result.size() > MAX_ALTERNATIVES) {
                    return List.of(UNKNOWN);
                }
            }
            if (result.isEmpty()) {
                return List.of(UNKNOWN); // only ever appended to: NULL, or set in a way not followed
            }
            if (appended) {
                for (Text text : List.copyOf(result)) {
                    Text extended = new Text(text.sql() + RUN_TIME, true);
                    if (!result.contains(extended)) {
                        result.add(extended);
                    }
                }
                if (result.size() > MAX_ALTERNATIVES) {
                    return List.of(UNKNOWN);
                }
            }
            return result;
        } finally {
            resolving.remove(name);
        }
    }

    /** Whether {@code [from, to)} is {@code name || ...}. */
    private boolean appendsTo(String name, int from, int to) {
        if (from + 1 >= to || !t.isOperator(from + 1, "||")) {
            return false;
        }
        String first = t.is(from, TokenType.WORD) ? t.text(from).toLowerCase(Locale.ROOT)
                : t.is(from, TokenType.QUOTED_IDENTIFIER) ? t.identifier(from) : null;
        return name.equals(first);
    }

    /** Every text of {@code left} followed by every text of {@code right}; the right side is unknown when too many. */
    private static List<Text> product(List<Text> left, List<Text> right) {
        if (left.size() * right.size() > MAX_ALTERNATIVES) {
            right = List.of(UNKNOWN);
        }
        List<Text> result = new ArrayList<>(left.size() * right.size());
        for (Text l : left) {
            for (Text r : right) {
                Text joined = new Text(l.sql() + r.sql(), l.runTime() || r.runTime());
                if (!result.contains(joined)) {
                    result.add(joined);
                }
            }
        }
        return result;
    }

    // ---------------------------------------------------------------------------------------------------------
    // description

    /**
     * A short description of what {@code tokens[from, to)} builds its text from, for people and for the allow-list
     * ({@code q}, {@code format(...)}, {@code @sql}, {@code 'TRUNCATE ' || tbl}): literals are shown as
     * {@code '...'} so that no value reaches a log, and it is at most {@link #MAX_SOURCE_LENGTH} characters.
     */
    static String describe(Tokens t, int from, int to) {
        if (from >= to) {
            return "(nothing)";
        }
        StringBuilder text = new StringBuilder();
        int depth = t.depth(from);
        int operand = from;
        for (int k = from; k <= to && text.length() <= MAX_SOURCE_LENGTH; k++) {
            if (k == to || (t.depth(k) == depth && t.isOperator(k, "||"))) {
                if (text.length() > 0) {
                    text.append(" || ");
                }
                describeOperand(t, operand, k, text);
                operand = k + 1;
            }
        }
        if (text.length() > MAX_SOURCE_LENGTH) {
            text.setLength(MAX_SOURCE_LENGTH - 3);
            text.append("...");
        }
        return text.toString();
    }

    private static void describeOperand(Tokens t, int a, int b, StringBuilder text) {
        if (a >= b) {
            return;
        }
        if (t.is(a, TokenType.STRING) || t.is(a, TokenType.NUMBER)) {
            text.append("'...'");
            return;
        }
        if (b == a + 1 && t.is(a, TokenType.PARAMETER) && t.text(a).equals("?")) {
            text.append("(parameter)"); // a JDBC bind value; "?" would read as a name known only at run time
            return;
        }
        if (t.is(a, TokenType.LEFT_PAREN)) {
            text.append(t.isWord(a + 1, "SELECT") ? "(SELECT ...)" : "(...)");
            return;
        }
        for (int k = a; k < b; k++) {
            if (t.is(k, TokenType.LEFT_PAREN)) {
                text.append("(...)");
                k = t.closingParen(k, b);
                continue;
            }
            if (t.is(k, TokenType.STRING)) {
                text.append("'...'");
                continue;
            }
            if (k > a && t.start(k) > t.end(k - 1)) {
                text.append(' ');
            }
            text.append(t.text(k));
        }
    }
}
