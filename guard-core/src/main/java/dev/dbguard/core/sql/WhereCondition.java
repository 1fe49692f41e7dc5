package dev.dbguard.core.sql;

import java.util.Locale;

/**
 * Decides whether a WHERE condition is always true, so that a DELETE or UPDATE carrying it touches every row.
 *
 * <p>The condition is read with PostgreSQL's precedence (OR &lt; AND &lt; NOT &lt; IS &lt; comparison &lt;
 * BETWEEN/IN/LIKE &lt; other operators &lt; + - &lt; * / %) into three-valued logic over constants: literals,
 * {@code TRUE}/{@code FALSE}/{@code NULL}, casts, arithmetic, comparisons, {@code IS [NOT] NULL/TRUE/FALSE/DISTINCT
 * FROM}, {@code BETWEEN}, {@code IN (...)}, trivial {@code LIKE}, {@code EXISTS (SELECT <no FROM>)}. A column
 * reference, bind parameter, function call or subquery is unknown, so it only yields "always true" through an
 * {@code OR} with an always-true branch. A condition that references a column is scoped, even {@code id = id}
 * (the parser path judges it the same way, and dbguard does not reason about column values). MySQL's {@code &&},
 * {@code !}, {@code XOR} and {@code <=>} are understood; {@code ||} is read both as PostgreSQL's concatenation
 * and as MySQL's OR, and the condition counts as always true when either reading is.
 *
 * <p>Anything it cannot read makes the answer "not always true": the guard does not invent refusals.
 */
final class WhereCondition {

    /** How deep parentheses and prefix operators may nest before the rest is taken as unknown. */
    private static final int MAX_DEPTH = 48;

    private static final int UNKNOWN = 0;
    private static final int NULL = 1;
    private static final int BOOLEAN = 2;
    private static final int NUMBER = 3;
    private static final int TEXT = 4;
    private static final int COLUMN = 5;

    private enum Truth { TRUE, FALSE, NULL, UNKNOWN }

    private record Value(int kind, double number, String text) {
    }

    private static final Value UNKNOWN_VALUE = new Value(UNKNOWN, 0, null);
    private static final Value NULL_VALUE = new Value(NULL, 0, null);
    private static final Value TRUE_VALUE = new Value(BOOLEAN, 1, null);
    private static final Value FALSE_VALUE = new Value(BOOLEAN, 0, null);
    private static final Value ZERO = new Value(NUMBER, 0, null);
    private static final Value ONE = new Value(NUMBER, 1, null);

    private final Tokens t;
    private final int end;
    /** Read {@code ||} as MySQL's OR rather than PostgreSQL's concatenation. */
    private final boolean pipesAreOr;
    private int pos;
    private int depth;
    private boolean failed;

    private WhereCondition(Tokens tokens, int from, int to, boolean pipesAreOr) {
        this.t = tokens;
        this.pos = from;
        this.end = to;
        this.pipesAreOr = pipesAreOr;
    }

    private WhereCondition inner(int from, int to) {
        WhereCondition inner = new WhereCondition(t, from, to, pipesAreOr);
        inner.depth = depth + 1;
        return inner;
    }

    /**
     * Whether the condition made of {@code tokens[from, to)} is true for every row. A condition holding {@code ||}
     * is read both as PostgreSQL (concatenation) and as MySQL (OR) does: {@code id = 5 || 1 = 1} deletes every row
     * in MySQL.
     *
     * <p>A condition nested deeper than this reader follows ({@value #MAX_DEPTH} levels of parentheses) counts as
     * always true: nothing legitimate nests that deep, and reading the unread rest as "scoped" would let
     * {@code WHERE ((((...(1 = 1)...))))} delete every row. The parser gets its chance first; the refusal can be
     * allowed like any other.
     */
    static boolean alwaysTrue(Tokens tokens, int from, int to) {
        if (nestsTooDeep(tokens, from, to)) {
            return true;
        }
        if (alwaysTrue(tokens, from, to, false)) {
            return true;
        }
        for (int k = from; k < to; k++) {
            if (tokens.isOperator(k, "||")) {
                return alwaysTrue(tokens, from, to, true);
            }
        }
        return false;
    }

    private static boolean nestsTooDeep(Tokens tokens, int from, int to) {
        if (from >= to) {
            return false;
        }
        int base = tokens.depth(from);
        for (int k = from; k < to; k++) {
            if (tokens.depth(k) - base > MAX_DEPTH) {
                return true;
            }
        }
        return false;
    }

    private static boolean alwaysTrue(Tokens tokens, int from, int to, boolean pipesAreOr) {
        if (from >= to) {
            return false;
        }
        Truth whole = read(tokens, from, to, pipesAreOr);
        if (whole != null) {
            return whole == Truth.TRUE;
        }
        // Not readable as a whole: an always-true branch of a top-level OR still makes all of it true.
        int depth = tokens.depth(from);
        int branch = from;
        boolean split = false;
        for (int k = from; k <= to; k++) {
            if (k == to || (tokens.depth(k) == depth && (tokens.isWord(k, "OR")
                    || (pipesAreOr && tokens.isOperator(k, "||"))))) {
                if (split || k < to) {
                    split = true;
                    if (read(tokens, branch, k, pipesAreOr) == Truth.TRUE) {
                        return true;
                    }
                }
                branch = k + 1;
            }
        }
        return false;
    }

    /** The truth of {@code tokens[from, to)}, or null when it cannot be read completely. */
    private static Truth read(Tokens tokens, int from, int to, boolean pipesAreOr) {
        if (from >= to) {
            return null;
        }
        WhereCondition condition = new WhereCondition(tokens, from, to, pipesAreOr);
        Value value = condition.or();
        return condition.failed || condition.pos < to ? null : truth(value);
    }

    // ---------------------------------------------------------------------------------------------------------
    // token tests

    private boolean word(String keyword) {
        return pos < end && t.isWord(pos, keyword);
    }

    private boolean wordAt(int k, String keyword) {
        return k < end && t.isWord(k, keyword);
    }

    private boolean op(String operator) {
        return pos < end && t.isOperator(pos, operator);
    }

    private boolean is(TokenType type) {
        return pos < end && t.is(pos, type);
    }

    private Value fail() {
        failed = true;
        pos = end;
        return UNKNOWN_VALUE;
    }

    // ---------------------------------------------------------------------------------------------------------
    // grammar

    private Value or() {
        Value value = and();
        while (true) {
            if (word("OR") || (pipesAreOr && op("||"))) {
                pos++;
                value = or(value, and());
            } else if (word("XOR")) {
                pos++;
                value = xor(value, and());
            } else {
                return value;
            }
        }
    }

    private Value and() {
        Value value = not();
        while (word("AND") || op("&&")) {
            pos++;
            value = and(value, not());
        }
        return value;
    }

    private Value not() {
        if (word("NOT") || op("!")) {
            pos++;
            if (++depth > MAX_DEPTH) {
                return fail();
            }
            Value value = negate(not());
            depth--;
            return value;
        }
        return is();
    }

    private Value is() {
        Value value = comparison();
        while (pos < end) {
            if (word("IS")) {
                pos++;
                boolean negated = false;
                if (word("NOT")) {
                    negated = true;
                    pos++;
                }
                Value result;
                if (word("NULL") || word("UNKNOWN")) {
                    pos++;
                    result = isNull(value);
                } else if (word("TRUE") || word("FALSE")) {
                    boolean expected = word("TRUE");
                    pos++;
                    result = isBoolean(value, expected);
                } else if (word("DISTINCT") && wordAt(pos + 1, "FROM")) {
                    pos += 2;
                    result = distinct(value, comparison());
                } else {
                    return fail(); // IS JSON, IS NORMALIZED, IS DOCUMENT, ...
                }
                value = negated ? negate(result) : result;
            } else if (word("ISNULL")) {
                pos++;
                value = isNull(value);
            } else if (word("NOTNULL")) {
                pos++;
                value = negate(isNull(value));
            } else {
                return value;
            }
        }
        return value;
    }

    private Value comparison() {
        Value value = predicate();
        while (is(TokenType.OPERATOR)) {
            String operator = comparisonOperator(pos);
            if (operator == null) {
                break;
            }
            pos++;
            if (word("ANY") || word("SOME") || word("ALL")) {
                predicate();
                value = UNKNOWN_VALUE;
            } else {
                value = compare(operator, value, predicate());
            }
        }
        return value;
    }

    private static final String[] COMPARISONS = {"=", "==", "<>", "!=", "<", ">", "<=", ">=", "<=>"};

    /** The comparison operator token {@code k} is, or null; allocation-free since it runs on every operator. */
    private String comparisonOperator(int k) {
        if (t.length(k) > 3) {
            return null;
        }
        for (String comparison : COMPARISONS) {
            if (t.isOperator(k, comparison)) {
                return comparison;
            }
        }
        return null;
    }

    private Value predicate() {
        Value value = other();
        int start = pos;
        boolean negated = false;
        if (word("NOT") && (wordAt(pos + 1, "BETWEEN") || wordAt(pos + 1, "IN") || wordAt(pos + 1, "LIKE")
                || wordAt(pos + 1, "ILIKE") || wordAt(pos + 1, "SIMILAR") || wordAt(pos + 1, "REGEXP")
                || wordAt(pos + 1, "RLIKE"))) {
            negated = true;
            pos++;
        }
        Value result;
        if (word("BETWEEN")) {
            pos++;
            if (word("SYMMETRIC") || word("ASYMMETRIC")) {
                pos++;
            }
            Value low = other();
            if (!word("AND")) {
                return fail();
            }
            pos++;
            Value high = other();
            result = and(compare(">=", value, low), compare("<=", value, high));
        } else if (word("IN")) {
            pos++;
            result = in(value);
        } else if (word("LIKE") || word("ILIKE")) {
            boolean ignoreCase = word("ILIKE");
            pos++;
            Value pattern = other();
            if (word("ESCAPE")) {
                pos++;
                other();
                result = UNKNOWN_VALUE;
            } else {
                result = like(value, pattern, ignoreCase);
            }
        } else if (word("SIMILAR") && wordAt(pos + 1, "TO")) {
            pos += 2;
            other();
            if (word("ESCAPE")) {
                pos++;
                other();
            }
            result = UNKNOWN_VALUE;
        } else if (word("REGEXP") || word("RLIKE")) {
            pos++;
            other();
            result = UNKNOWN_VALUE;
        } else {
            pos = start;
            return value;
        }
        return negated ? negate(result) : result;
    }

    /** Operators other than comparisons and arithmetic: {@code ||} concatenates, the rest are unknown. */
    private Value other() {
        Value value = additive();
        while (is(TokenType.OPERATOR) && comparisonOperator(pos) == null && !op("&&") && !op("::")
                && !(pipesAreOr && op("||"))) {
            boolean concatenation = op("||");
            pos++;
            Value right = additive();
            value = concatenation ? concat(value, right) : UNKNOWN_VALUE;
        }
        return value;
    }

    private Value additive() {
        Value value = multiplicative();
        while (op("+") || op("-")) {
            char operator = t.source.charAt(t.start(pos));
            pos++;
            value = arithmetic(operator, value, multiplicative());
        }
        return value;
    }

    private Value multiplicative() {
        Value value = unary();
        while (op("*") || op("/") || op("%")) {
            char operator = t.source.charAt(t.start(pos));
            pos++;
            value = arithmetic(operator, value, unary());
        }
        return value;
    }

    private Value unary() {
        if (op("-") || op("+")) {
            boolean minus = op("-");
            pos++;
            if (++depth > MAX_DEPTH) {
                return fail();
            }
            Value value = unary();
            depth--;
            return minus ? arithmetic('-', new Value(NUMBER, 0, null), value) : arithmetic('+', value,
                    new Value(NUMBER, 0, null));
        }
        if (op("~") || op("@")) {
            pos++;
            if (++depth > MAX_DEPTH) {
                return fail();
            }
            unary();
            depth--;
            return UNKNOWN_VALUE;
        }
        return postfix(primary());
    }

    private Value primary() {
        if (pos >= end) {
            return fail();
        }
        switch (t.type(pos)) {
            case NUMBER:
                return number(pos++);
            case STRING:
                if (t.isBitString(pos)) {
                    pos++;
                    return UNKNOWN_VALUE;
                }
                return new Value(TEXT, 0, t.stringValue(pos++));
            case PARAMETER:
                pos++;
                return UNKNOWN_VALUE;
            case LEFT_PAREN:
                return parenthesized();
            case WORD:
                return wordPrimary();
            case QUOTED_IDENTIFIER:
                return column();
            default:
                return fail();
        }
    }

    private Value parenthesized() {
        int open = pos;
        int close = t.closingParen(open, end);
        if (close >= end) {
            return fail();
        }
        pos = close + 1;
        if (wordAt(open + 1, "SELECT") || wordAt(open + 1, "WITH") || wordAt(open + 1, "VALUES")
                || wordAt(open + 1, "TABLE") || depth >= MAX_DEPTH) {
            return UNKNOWN_VALUE;
        }
        WhereCondition inner = inner(open + 1, close);
        Value value = inner.or();
        // a row constructor (a, b) or anything unread inside stays unknown, without spoiling what is around it
        return inner.failed || inner.pos != close ? UNKNOWN_VALUE : value;
    }

    private Value wordPrimary() {
        int k = pos;
        if (word("TRUE")) {
            pos++;
            return TRUE_VALUE;
        }
        if (word("FALSE")) {
            pos++;
            return FALSE_VALUE;
        }
        if (word("NULL") || word("UNKNOWN")) {
            pos++;
            return NULL_VALUE;
        }
        boolean call = k + 1 < end && t.is(k + 1, TokenType.LEFT_PAREN);
        if (word("EXISTS") && call) {
            int close = t.closingParen(k + 1, end);
            pos = close + 1;
            return selectsARowWithoutTable(k + 2, close) ? TRUE_VALUE : UNKNOWN_VALUE;
        }
        if (word("CAST") && call) {
            return cast();
        }
        if (word("CASE")) {
            return skipCase();
        }
        if (word("AND") || word("OR") || word("NOT") || word("IS") || word("IN") || word("BETWEEN")
                || word("LIKE") || word("THEN") || word("ELSE") || word("END") || word("WHEN") || word("SELECT")) {
            return fail();
        }
        if (k + 1 < end && t.is(k + 1, TokenType.STRING)) {
            // typed literal: DATE '2024-01-01', BOOLEAN 't', _utf8mb4'x'
            String type = t.upper(k);
            pos += 2;
            Value text = new Value(TEXT, 0, t.stringValue(k + 1));
            return convert(text, type);
        }
        if (call) {
            pos = t.closingParen(k + 1, end) + 1;
            return UNKNOWN_VALUE;
        }
        return column();
    }

    /** A column reference {@code a}, {@code t.a}, {@code s.t."A"}: its normalized name, for self-comparisons. */
    private Value column() {
        if (t.is(pos, TokenType.WORD) && !(pos + 1 < end
                && (t.is(pos + 1, TokenType.DOT) || t.is(pos + 1, TokenType.LEFT_PAREN)))) {
            return new Value(COLUMN, 0, t.text(pos++).toLowerCase(Locale.ROOT)); // the common case: one plain word
        }
        StringBuilder name = new StringBuilder();
        while (true) {
            if (t.is(pos, TokenType.WORD)) {
                name.append(t.text(pos).toLowerCase(Locale.ROOT));
            } else {
                name.append('"').append(t.identifier(pos)).append('"');
            }
            pos++;
            if (pos + 1 < end && t.is(pos, TokenType.DOT)
                    && (t.is(pos + 1, TokenType.WORD) || t.is(pos + 1, TokenType.QUOTED_IDENTIFIER))) {
                name.append('.');
                pos++;
                continue;
            }
            break;
        }
        if (pos < end && t.is(pos, TokenType.LEFT_PAREN)) {
            pos = t.closingParen(pos, end) + 1; // schema-qualified function call
            return UNKNOWN_VALUE;
        }
        return new Value(COLUMN, 0, name.toString());
    }

    private Value cast() {
        int open = pos + 1;
        int close = t.closingParen(open, end);
        if (close >= end) {
            return fail();
        }
        WhereCondition inner = inner(open + 1, close);
        Value value = depth >= MAX_DEPTH ? UNKNOWN_VALUE : inner.or();
        pos = close + 1;
        if (inner.failed || !inner.word("AS") || inner.pos + 1 >= close) {
            return UNKNOWN_VALUE;
        }
        return convert(value, t.upper(inner.pos + 1));
    }

    private Value skipCase() {
        int level = 0;
        int caseDepth = t.depth(pos);
        while (pos < end) {
            if (t.depth(pos) == caseDepth) {
                if (t.isWord(pos, "CASE")) {
                    level++;
                } else if (t.isWord(pos, "END") && --level == 0) {
                    pos++;
                    return UNKNOWN_VALUE;
                }
            }
            pos++;
        }
        return fail();
    }

    private boolean selectsARowWithoutTable(int from, int to) {
        if (from >= to || !t.isWord(from, "SELECT")) {
            return false;
        }
        int level = t.depth(from);
        for (int k = from + 1; k < to; k++) {
            if (t.depth(k) == level && (t.isWord(k, "FROM") || t.isWord(k, "WHERE") || t.isWord(k, "HAVING")
                    || t.isWord(k, "LIMIT") || t.isWord(k, "OFFSET") || t.isWord(k, "FETCH")
                    || t.isWord(k, "GROUP") || t.isWord(k, "EXCEPT") || t.isWord(k, "INTERSECT"))) {
                return false;
            }
        }
        return true;
    }

    private Value postfix(Value value) {
        while (pos < end) {
            if (op("::")) {
                pos++;
                String type = typeName();
                if (type == null) {
                    return fail();
                }
                value = convert(value, type);
            } else if (t.is(pos, TokenType.OTHER) && t.source.charAt(t.start(pos)) == '[') {
                int level = t.depth(pos);
                while (pos < end && !(t.depth(pos) == level && t.is(pos, TokenType.OTHER)
                        && t.source.charAt(t.start(pos)) == ']')) {
                    pos++;
                }
                pos++;
                value = UNKNOWN_VALUE;
            } else if (word("COLLATE")) {
                pos += 2;
                value = value.kind() == TEXT ? UNKNOWN_VALUE : value;
            } else {
                return value;
            }
        }
        return value;
    }

    /** Reads a type name after {@code ::} (with its modifiers and array brackets); null when there is none. */
    private String typeName() {
        if (!is(TokenType.WORD) && !is(TokenType.QUOTED_IDENTIFIER)) {
            return null;
        }
        String type = t.is(pos, TokenType.WORD) ? t.upper(pos) : t.identifier(pos).toUpperCase(Locale.ROOT);
        pos++;
        while (pos + 1 < end && t.is(pos, TokenType.DOT) && t.is(pos + 1, TokenType.WORD)) {
            type = t.upper(pos + 1);
            pos += 2;
        }
        if (word("PRECISION") || word("VARYING")) {
            pos++;
        }
        if ((word("WITH") || word("WITHOUT")) && wordAt(pos + 1, "TIME") && wordAt(pos + 2, "ZONE")) {
            pos += 3;
        }
        if (is(TokenType.LEFT_PAREN)) {
            pos = t.closingParen(pos, end) + 1;
        }
        while (pos + 1 < end && t.is(pos, TokenType.OTHER) && t.source.charAt(t.start(pos)) == '['
                && t.is(pos + 1, TokenType.OTHER) && t.source.charAt(t.start(pos + 1)) == ']') {
            pos += 2;
            type = "ARRAY";
        }
        return type;
    }

    // ---------------------------------------------------------------------------------------------------------
    // values

    private Value number(int k) {
        long small = 0;
        int digits = 0;
        for (int c = t.start(k); c < t.end(k); c++) {
            char d = t.source.charAt(c);
            if (d < '0' || d > '9' || ++digits > 15) {
                return number(t.text(k));
            }
            small = small * 10 + (d - '0');
        }
        return small == 0 ? ZERO : small == 1 ? ONE : new Value(NUMBER, small, null);
    }

    private static Value number(String text) {
        try {
            String digits = text.replace("_", "");
            if (digits.length() > 2 && digits.charAt(0) == '0' && (digits.charAt(1) == 'x' || digits.charAt(1) == 'X')) {
                return new Value(NUMBER, Long.parseLong(digits.substring(2), 16), null);
            }
            return new Value(NUMBER, Double.parseDouble(digits), null);
        } catch (NumberFormatException e) {
            return UNKNOWN_VALUE;
        }
    }

    private static Value convert(Value value, String type) {
        switch (type) {
            case "BOOL", "BOOLEAN": {
                Truth truth = truth(value);
                return switch (truth) {
                    case TRUE -> TRUE_VALUE;
                    case FALSE -> FALSE_VALUE;
                    case NULL -> NULL_VALUE;
                    default -> UNKNOWN_VALUE;
                };
            }
            case "INT", "INTEGER", "INT2", "INT4", "INT8", "SMALLINT", "BIGINT", "NUMERIC", "DECIMAL", "REAL",
                 "FLOAT", "FLOAT4", "FLOAT8", "DOUBLE", "SIGNED", "UNSIGNED": {
                Double number = asNumber(value);
                if (value.kind() == NULL) {
                    return NULL_VALUE;
                }
                return number == null ? UNKNOWN_VALUE : new Value(NUMBER, number, null);
            }
            case "ARRAY":
                return UNKNOWN_VALUE;
            default:
                return value;
        }
    }

    private static Double asNumber(Value value) {
        switch (value.kind()) {
            case NUMBER, BOOLEAN:
                return value.number();
            case TEXT:
                try {
                    return Double.parseDouble(value.text().trim());
                } catch (NumberFormatException e) {
                    return null;
                }
            default:
                return null;
        }
    }

    private static Truth truth(Value value) {
        switch (value.kind()) {
            case BOOLEAN, NUMBER:
                if (Double.isNaN(value.number())) {
                    return Truth.UNKNOWN;
                }
                return value.number() != 0 ? Truth.TRUE : Truth.FALSE;
            case NULL:
                return Truth.NULL;
            case TEXT:
                return textTruth(value.text());
            default:
                return Truth.UNKNOWN;
        }
    }

    /** PostgreSQL's boolean input (unique prefixes of true/yes/on/false/no/off, 1/0), else MySQL's number. */
    private static Truth textTruth(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty()) {
            return Truth.UNKNOWN;
        }
        if ("true".startsWith(s) || "yes".startsWith(s) || s.equals("on")) {
            return Truth.TRUE;
        }
        if ("false".startsWith(s) || "no".startsWith(s) || s.equals("off")) {
            return Truth.FALSE;
        }
        try {
            return Double.parseDouble(s) != 0 ? Truth.TRUE : Truth.FALSE;
        } catch (NumberFormatException e) {
            return Truth.UNKNOWN;
        }
    }

    private static Value or(Value a, Value b) {
        Truth x = truth(a);
        Truth y = truth(b);
        if (x == Truth.TRUE || y == Truth.TRUE) {
            return TRUE_VALUE;
        }
        if (x == Truth.UNKNOWN || y == Truth.UNKNOWN) {
            return UNKNOWN_VALUE;
        }
        return x == Truth.FALSE && y == Truth.FALSE ? FALSE_VALUE : NULL_VALUE;
    }

    private static Value and(Value a, Value b) {
        Truth x = truth(a);
        Truth y = truth(b);
        if (x == Truth.FALSE || y == Truth.FALSE) {
            return FALSE_VALUE;
        }
        if (x == Truth.UNKNOWN || y == Truth.UNKNOWN) {
            return UNKNOWN_VALUE;
        }
        return x == Truth.TRUE && y == Truth.TRUE ? TRUE_VALUE : NULL_VALUE;
    }

    private static Value xor(Value a, Value b) {
        Truth x = truth(a);
        Truth y = truth(b);
        if (x == Truth.UNKNOWN || y == Truth.UNKNOWN) {
            return UNKNOWN_VALUE;
        }
        if (x == Truth.NULL || y == Truth.NULL) {
            return NULL_VALUE;
        }
        return x != y ? TRUE_VALUE : FALSE_VALUE;
    }

    private static Value negate(Value a) {
        return switch (truth(a)) {
            case TRUE -> FALSE_VALUE;
            case FALSE -> TRUE_VALUE;
            case NULL -> NULL_VALUE;
            default -> UNKNOWN_VALUE;
        };
    }

    private static Value isNull(Value a) {
        return switch (a.kind()) {
            case UNKNOWN, COLUMN -> UNKNOWN_VALUE;
            case NULL -> TRUE_VALUE;
            default -> FALSE_VALUE;
        };
    }

    private static Value isBoolean(Value a, boolean expected) {
        Truth truth = truth(a);
        return switch (truth) {
            case TRUE -> expected ? TRUE_VALUE : FALSE_VALUE;
            case FALSE -> expected ? FALSE_VALUE : TRUE_VALUE;
            case NULL -> FALSE_VALUE;
            default -> UNKNOWN_VALUE;
        };
    }

    private static Value distinct(Value a, Value b) {
        if (a.kind() == UNKNOWN || b.kind() == UNKNOWN || a.kind() == COLUMN || b.kind() == COLUMN) {
            return UNKNOWN_VALUE;
        }
        if (a.kind() == NULL || b.kind() == NULL) {
            return a.kind() == b.kind() ? FALSE_VALUE : TRUE_VALUE;
        }
        return negate(compare("=", a, b));
    }

    /** Compares two values; anything involving a column is unknown (a column reference scopes the statement). */
    private static Value compare(String operator, Value a, Value b) {
        if (a.kind() == UNKNOWN || b.kind() == UNKNOWN) {
            return UNKNOWN_VALUE;
        }
        if (a.kind() == COLUMN || b.kind() == COLUMN) {
            return UNKNOWN_VALUE;
        }
        if (operator.equals("<=>")) {
            if (a.kind() == NULL || b.kind() == NULL) {
                return a.kind() == b.kind() ? TRUE_VALUE : FALSE_VALUE;
            }
            operator = "=";
        }
        if (a.kind() == NULL || b.kind() == NULL) {
            return NULL_VALUE;
        }
        int order;
        if (a.kind() == TEXT && b.kind() == TEXT) {
            if (a.text().equals(b.text())) {
                order = 0;
            } else if (a.text().stripTrailing().equalsIgnoreCase(b.text().stripTrailing())) {
                return UNKNOWN_VALUE; // equal under MySQL's default collation, not under PostgreSQL's
            } else if (operator.equals("=") || operator.equals("==") || operator.equals("<>") || operator.equals("!=")) {
                order = 2; // unequal; ordering depends on the collation
            } else {
                return UNKNOWN_VALUE;
            }
        } else if ((a.kind() == BOOLEAN && b.kind() == TEXT) || (a.kind() == TEXT && b.kind() == BOOLEAN)) {
            Value text = a.kind() == TEXT ? a : b;
            Truth truth = textTruth(text.text());
            if (truth != Truth.TRUE && truth != Truth.FALSE) {
                return UNKNOWN_VALUE;
            }
            Value other = a.kind() == TEXT ? b : a;
            order = (truth == Truth.TRUE) == (other.number() != 0) ? 0 : 2;
        } else {
            Double x = asNumber(a);
            Double y = asNumber(b);
            if (x == null || y == null || x.isNaN() || y.isNaN()) {
                return UNKNOWN_VALUE;
            }
            order = Double.compare(x, y);
            order = order < 0 ? -1 : order > 0 ? 1 : 0;
        }
        boolean result;
        switch (operator) {
            case "=", "==" -> result = order == 0;
            case "<>", "!=" -> result = order != 0;
            case "<" -> result = order == -1;
            case ">" -> result = order == 1;
            case "<=" -> result = order == -1 || order == 0;
            case ">=" -> result = order == 1 || order == 0;
            default -> {
                return UNKNOWN_VALUE;
            }
        }
        if (order == 2 && !(operator.equals("=") || operator.equals("==") || operator.equals("<>")
                || operator.equals("!="))) {
            return UNKNOWN_VALUE;
        }
        return result ? TRUE_VALUE : FALSE_VALUE;
    }

    private Value in(Value value) {
        if (!is(TokenType.LEFT_PAREN)) {
            return fail();
        }
        int open = pos;
        int close = t.closingParen(open, end);
        if (close >= end) {
            return fail();
        }
        pos = close + 1;
        if (wordAt(open + 1, "SELECT") || wordAt(open + 1, "WITH") || wordAt(open + 1, "VALUES")
                || depth >= MAX_DEPTH || open + 1 == close) {
            return UNKNOWN_VALUE;
        }
        WhereCondition list = inner(open + 1, close);
        Value result = FALSE_VALUE;
        while (true) {
            result = or(result, compare("=", value, list.or()));
            if (list.failed) {
                return UNKNOWN_VALUE;
            }
            if (list.pos < close && t.is(list.pos, TokenType.COMMA)) {
                list.pos++;
                continue;
            }
            break;
        }
        return list.pos == close ? result : UNKNOWN_VALUE;
    }

    private static Value like(Value value, Value pattern, boolean ignoreCase) {
        if (value.kind() == NULL || pattern.kind() == NULL) {
            return NULL_VALUE;
        }
        if (pattern.kind() != TEXT || (value.kind() != TEXT && value.kind() != NUMBER)) {
            return UNKNOWN_VALUE;
        }
        String p = pattern.text();
        if (!p.isEmpty() && p.chars().allMatch(c -> c == '%')) {
            return TRUE_VALUE;
        }
        if (value.kind() != TEXT || p.indexOf('%') >= 0 || p.indexOf('_') >= 0 || p.indexOf('\\') >= 0) {
            return UNKNOWN_VALUE;
        }
        boolean equal = ignoreCase ? p.equalsIgnoreCase(value.text()) : p.equals(value.text());
        return equal ? TRUE_VALUE : FALSE_VALUE;
    }

    private static Value concat(Value a, Value b) {
        if (a.kind() == NULL || b.kind() == NULL) {
            return NULL_VALUE;
        }
        if (a.kind() == TEXT && b.kind() == TEXT) {
            return new Value(TEXT, 0, a.text() + b.text());
        }
        return UNKNOWN_VALUE;
    }

    private static Value arithmetic(char operator, Value a, Value b) {
        if (a.kind() == NULL || b.kind() == NULL) {
            return a.kind() == UNKNOWN || b.kind() == UNKNOWN ? UNKNOWN_VALUE : NULL_VALUE;
        }
        Double x = asNumber(a);
        Double y = asNumber(b);
        if (x == null || y == null || a.kind() == COLUMN || b.kind() == COLUMN) {
            return UNKNOWN_VALUE;
        }
        double result;
        switch (operator) {
            case '+' -> result = x + y;
            case '-' -> result = x - y;
            case '*' -> result = x * y;
            case '/' -> {
                if (y == 0) {
                    return UNKNOWN_VALUE;
                }
                result = x / y;
            }
            case '%' -> {
                if (y == 0) {
                    return UNKNOWN_VALUE;
                }
                result = x % y;
            }
            default -> {
                return UNKNOWN_VALUE;
            }
        }
        return new Value(NUMBER, result, null);
    }
}
