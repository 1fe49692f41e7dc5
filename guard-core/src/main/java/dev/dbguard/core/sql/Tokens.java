package dev.dbguard.core.sql;

import java.util.Arrays;
import java.util.Locale;

/**
 * The tokens of one SQL text, stored as parallel arrays so that lexing allocates a handful of arrays rather than an
 * object per token. Offsets index {@link #source}; the depth of a token is the number of parentheses open around it
 * (a parenthesis itself has the depth of the text outside it).
 */
final class Tokens {

    private static final TokenType[] TYPES = TokenType.values();
    private static final int[] NO_OFFSETS = new int[0];

    final String source;
    /** The reading the text was lexed with; statements nested in it (DO bodies, EXECUTE text) are lexed the same way. */
    final LexicalRules rules;
    private byte[] types;
    private int[] starts;
    private int[] ends;
    private int[] depths;
    private int size;
    private int[] misreadOffsets = NO_OFFSETS;
    private int misreadCount;

    Tokens(String source, int expectedTokens, LexicalRules rules) {
        this.source = source;
        this.rules = rules;
        int capacity = Math.max(8, expectedTokens);
        types = new byte[capacity];
        starts = new int[capacity];
        ends = new int[capacity];
        depths = new int[capacity];
    }

    void add(TokenType type, int start, int end, int depth) {
        if (size == types.length) {
            int capacity = size * 2;
            types = Arrays.copyOf(types, capacity);
            starts = Arrays.copyOf(starts, capacity);
            ends = Arrays.copyOf(ends, capacity);
            depths = Arrays.copyOf(depths, capacity);
        }
        types[size] = (byte) type.ordinal();
        starts[size] = start;
        ends[size] = end;
        depths[size] = depth;
        size++;
    }

    /**
     * Remembers a place where JSqlParser's own lexer reads the text differently from PostgreSQL (nested block
     * comments, MySQL executable comments, {@code //}): a statement holding one must not be judged from its parse.
     */
    void markParserMisread(int offset) {
        if (misreadCount == misreadOffsets.length) {
            misreadOffsets = Arrays.copyOf(misreadOffsets, Math.max(4, misreadCount * 2));
        }
        misreadOffsets[misreadCount++] = offset;
    }

    /** Whether JSqlParser may read the source between the two offsets differently from PostgreSQL. */
    boolean parserMayMisread(int fromOffset, int toOffset) {
        // offsets are recorded in lexing order, hence sorted: find the first one at or after fromOffset
        int low = 0;
        int high = misreadCount;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (misreadOffsets[middle] < fromOffset) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low < misreadCount && misreadOffsets[low] < toOffset;
    }

    int size() {
        return size;
    }

    TokenType type(int i) {
        return TYPES[types[i]];
    }

    int start(int i) {
        return starts[i];
    }

    int end(int i) {
        return ends[i];
    }

    int depth(int i) {
        return depths[i];
    }

    int length(int i) {
        return ends[i] - starts[i];
    }

    boolean is(int i, TokenType type) {
        return i >= 0 && i < size && types[i] == type.ordinal();
    }

    /** Whether token {@code i} is the unquoted word {@code keyword} (given in upper case), ignoring ASCII case. */
    boolean isWord(int i, String keyword) {
        if (i < 0 || i >= size || types[i] != TokenType.WORD.ordinal() || ends[i] - starts[i] != keyword.length()) {
            return false;
        }
        return equalsIgnoreAsciiCase(starts[i], keyword);
    }

    /** Whether token {@code i} is the operator {@code op} exactly. */
    boolean isOperator(int i, String op) {
        return i >= 0 && i < size && types[i] == TokenType.OPERATOR.ordinal() && ends[i] - starts[i] == op.length()
                && source.startsWith(op, starts[i]);
    }

    /** Whether token {@code i} is one of the words DROP, TRUNCATE, DELETE, UPDATE. */
    boolean isDestructiveKeyword(int i) {
        if (i < 0 || i >= size || types[i] != TokenType.WORD.ordinal()) {
            return false;
        }
        int length = ends[i] - starts[i];
        int start = starts[i];
        return switch (length) {
            case 4 -> equalsIgnoreAsciiCase(start, "DROP");
            case 6 -> equalsIgnoreAsciiCase(start, "DELETE") || equalsIgnoreAsciiCase(start, "UPDATE");
            case 8 -> equalsIgnoreAsciiCase(start, "TRUNCATE");
            default -> false;
        };
    }

    /** Whether a token in {@code [from, to)} is a destructive keyword. */
    boolean hasDestructiveKeyword(int from, int to) {
        for (int i = from; i < to; i++) {
            if (isDestructiveKeyword(i)) {
                return true;
            }
        }
        return false;
    }

    private boolean equalsIgnoreAsciiCase(int start, String upper) {
        for (int k = 0; k < upper.length(); k++) {
            char c = source.charAt(start + k);
            char u = upper.charAt(k);
            if (c != u && !(u >= 'A' && u <= 'Z' && c == (u | 0x20))) {
                return false;
            }
        }
        return true;
    }

    /** The index of the parenthesis closing the one at {@code open}, or {@code end} when it is not closed before. */
    int closingParen(int open, int end) {
        int depth = depths[open];
        for (int k = open + 1; k < end && k < size; k++) {
            if (depths[k] <= depth) {
                return types[k] == TokenType.RIGHT_PAREN.ordinal() ? k : end;
            }
        }
        return end;
    }

    String text(int i) {
        return source.substring(starts[i], ends[i]);
    }

    String upper(int i) {
        return text(i).toUpperCase(Locale.ROOT);
    }

    /** The name an identifier token stands for: a word as written, a quoted identifier without its quotes. */
    String identifier(int i) {
        if (types[i] != TokenType.QUOTED_IDENTIFIER.ordinal()) {
            return text(i);
        }
        char quote = source.charAt(starts[i]);
        int from = starts[i];
        if (quote == 'U' || quote == 'u') {
            from += 2;
            quote = '"';
        }
        StringBuilder name = new StringBuilder(ends[i] - from);
        for (int k = from + 1; k < ends[i]; k++) {
            char c = source.charAt(k);
            if (c == quote) {
                if (k + 1 < ends[i] && source.charAt(k + 1) == quote) {
                    name.append(quote);
                    k++;
                    continue;
                }
                break;
            }
            name.append(c);
        }
        return name.toString();
    }

    /** Whether string token {@code i} is a bit-string or hex literal ({@code B'...'}, {@code X'...'}). */
    boolean isBitString(int i) {
        char first = source.charAt(starts[i]);
        return first == 'B' || first == 'b' || first == 'X' || first == 'x';
    }

    /** Whether string token {@code i} is dollar-quoted. */
    boolean isDollarQuoted(int i) {
        return source.charAt(starts[i]) == '$';
    }

    /** The offset where the content of dollar-quoted string {@code i} starts. */
    int dollarContentStart(int i) {
        int close = source.indexOf('$', starts[i] + 1);
        return close < 0 || close >= ends[i] ? ends[i] : close + 1;
    }

    /** The offset where the content of dollar-quoted string {@code i} ends (before its closing tag, if any). */
    int dollarContentEnd(int i) {
        int contentStart = dollarContentStart(i);
        int tagLength = contentStart - starts[i];
        if (ends[i] - contentStart >= tagLength
                && source.regionMatches(ends[i] - tagLength, source, starts[i], tagLength)) {
            return ends[i] - tagLength;
        }
        return ends[i];
    }

    /** The value of string token {@code i}, with its quoting and escapes undone. */
    String stringValue(int i) {
        int start = starts[i];
        int end = ends[i];
        char first = source.charAt(start);
        switch (first) {
            case '$':
                return source.substring(dollarContentStart(i), dollarContentEnd(i));
            case 'E':
            case 'e':
                return unescape(start + 1, end);
            case 'U':
            case 'u':
                return unquote(start + 2, end);
            case '\'':
                return unquote(start, end);
            default:
                return unquote(start + 1, end);
        }
    }

    private String unquote(int quote, int end) {
        StringBuilder value = new StringBuilder(Math.max(0, end - quote));
        for (int k = quote + 1; k < end; k++) {
            char c = source.charAt(k);
            if (c == '\'') {
                if (k + 1 < end && source.charAt(k + 1) == '\'') {
                    value.append('\'');
                    k++;
                    continue;
                }
                break;
            }
            value.append(c);
        }
        return value.toString();
    }

    private String unescape(int quote, int end) {
        StringBuilder value = new StringBuilder(Math.max(0, end - quote));
        int k = quote + 1;
        while (k < end) {
            char c = source.charAt(k);
            if (c == '\'') {
                if (k + 1 < end && source.charAt(k + 1) == '\'') {
                    value.append('\'');
                    k += 2;
                    continue;
                }
                break;
            }
            if (c != '\\' || k + 1 >= end) {
                value.append(c);
                k++;
                continue;
            }
            char e = source.charAt(k + 1);
            k += 2;
            switch (e) {
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case 't' -> value.append('\t');
                case 'x' -> k = appendCode(value, k, end, 16, 2);
                case 'u' -> k = appendCode(value, k, end, 16, 4);
                case 'U' -> k = appendCode(value, k, end, 16, 8);
                default -> {
                    if (e >= '0' && e <= '7') {
                        k = appendCode(value, k - 1, end, 8, 3);
                    } else {
                        value.append(e);
                    }
                }
            }
        }
        return value.toString();
    }

    private int appendCode(StringBuilder value, int from, int end, int radix, int maxDigits) {
        int code = 0;
        int k = from;
        while (k < end && k - from < maxDigits && Character.digit(source.charAt(k), radix) >= 0) {
            code = code * radix + Character.digit(source.charAt(k), radix);
            k++;
        }
        if (k > from && Character.isValidCodePoint(code)) {
            value.appendCodePoint(code);
        }
        return k;
    }
}
