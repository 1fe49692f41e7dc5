package dev.dbguard.core.internal;

import java.util.Arrays;
import java.util.Locale;

/**
 * The tokens of one SQL text, stored as parallel arrays so that lexing allocates a handful of arrays rather than an
 * object per token. Offsets index {@link #source}; the depth of a token is the number of parentheses open around it
 * (a parenthesis itself has the depth of the text outside it).
 */
final class Tokens {

    private static final TokenType[] TYPES = TokenType.values();
    private static final int TYPE_BITS = 4;
    private static final int TYPE_MASK = (1 << TYPE_BITS) - 1;
    /** Depths above this are stored as this (a text that deep is refused by every nesting bound long before). */
    private static final int MAX_DEPTH = Integer.MAX_VALUE >>> TYPE_BITS;

    static {
        if (TYPES.length > TYPE_MASK + 1) {
            throw new AssertionError("TokenType needs more than " + TYPE_BITS + " bits");
        }
    }
    private static final int[] NO_OFFSETS = new int[0];

    final String source;
    /** The reading the text was lexed with; statements nested in it (DO bodies, EXECUTE text) are lexed the same way. */
    final LexicalRules rules;
    /** Per token: its type's ordinal in the low {@link #TYPE_BITS} bits, its depth above them. */
    private int[] kinds;
    private int[] starts;
    private int[] ends;
    private int size;
    /** The indexes of the LEFT_PAREN tokens, in order: most DML holds none, and then no call or subquery is looked for. */
    private int[] parens = NO_OFFSETS;
    private int parenCount;
    private int[] misreadOffsets = NO_OFFSETS;
    private int misreadCount;

    Tokens(String source, int expectedTokens, LexicalRules rules) {
        this.source = source;
        this.rules = rules;
        int capacity = Math.max(8, expectedTokens);
        kinds = new int[capacity];
        starts = new int[capacity];
        ends = new int[capacity];
    }

    void add(TokenType type, int start, int end, int depth) {
        if (size == kinds.length) {
            int capacity = size * 2;
            kinds = Arrays.copyOf(kinds, capacity);
            starts = Arrays.copyOf(starts, capacity);
            ends = Arrays.copyOf(ends, capacity);
        }
        if (type == TokenType.LEFT_PAREN) {
            if (parenCount == parens.length) {
                parens = Arrays.copyOf(parens, Math.max(8, parenCount * 2));
            }
            parens[parenCount++] = size;
        }
        kinds[size] = type.ordinal() | Math.min(depth, MAX_DEPTH) << TYPE_BITS;
        starts[size] = start;
        ends[size] = end;
        size++;
    }

    /**
     * Remembers a place where JSqlParser's own lexer would read the text differently from this reading (nested block
     * comments, executable comments, {@code #} comments, {@code "strings"}, {@code ||} as OR, backslashes it does not
     * take the server's way, {@code //}, ...): a statement holding one must not be judged from its parse.
     */
    void markParserMisread(int offset) {
        int at = misreadCount;
        if (at > 0 && misreadOffsets[at - 1] >= offset) {
            // a look-ahead (UESCAPE, an operator) may have marked a later place first: keep the offsets sorted
            at = firstMisreadAtOrAfter(offset);
            if (at < misreadCount && misreadOffsets[at] == offset) {
                return;
            }
        }
        if (misreadCount == misreadOffsets.length) {
            misreadOffsets = Arrays.copyOf(misreadOffsets, Math.max(4, misreadCount * 2));
        }
        System.arraycopy(misreadOffsets, at, misreadOffsets, at + 1, misreadCount - at);
        misreadOffsets[at] = offset;
        misreadCount++;
    }

    private int firstMisreadAtOrAfter(int offset) {
        int low = 0;
        int high = misreadCount;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (misreadOffsets[middle] < offset) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** Whether JSqlParser may read the source between the two offsets differently from this reading. */
    boolean parserMayMisread(int fromOffset, int toOffset) {
        int first = firstMisreadAtOrAfter(fromOffset);
        return first < misreadCount && misreadOffsets[first] < toOffset;
    }

    int size() {
        return size;
    }

    /** Whether a token in {@code [from, to)} is a left parenthesis. */
    boolean hasLeftParen(int from, int to) {
        int low = 0;
        int high = parenCount;
        while (low < high) { // the first parenthesis at or after from
            int middle = (low + high) >>> 1;
            if (parens[middle] < from) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low < parenCount && parens[low] < to;
    }

    TokenType type(int i) {
        return TYPES[kinds[i] & TYPE_MASK];
    }

    int start(int i) {
        return starts[i];
    }

    int end(int i) {
        return ends[i];
    }

    int depth(int i) {
        return kinds[i] >>> TYPE_BITS;
    }

    int length(int i) {
        return ends[i] - starts[i];
    }

    boolean is(int i, TokenType type) {
        return i >= 0 && i < size && (kinds[i] & TYPE_MASK) == type.ordinal();
    }

    /** Whether token {@code i} is the unquoted word {@code keyword} (given in upper case), ignoring ASCII case. */
    boolean isWord(int i, String keyword) {
        if (i < 0 || i >= size || (kinds[i] & TYPE_MASK) != TokenType.WORD.ordinal()
                || ends[i] - starts[i] != keyword.length()) {
            return false;
        }
        return equalsIgnoreAsciiCase(starts[i], keyword);
    }

    /** Whether token {@code i} is the operator {@code op} exactly. */
    boolean isOperator(int i, String op) {
        return i >= 0 && i < size && (kinds[i] & TYPE_MASK) == TokenType.OPERATOR.ordinal()
                && ends[i] - starts[i] == op.length()
                && source.startsWith(op, starts[i]);
    }

    /** Whether token {@code i} is one of the words DROP, TRUNCATE, DELETE, UPDATE. */
    boolean isDestructiveKeyword(int i) {
        if (i < 0 || i >= size || (kinds[i] & TYPE_MASK) != TokenType.WORD.ordinal()) {
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
        int depth = depth(open);
        for (int k = open + 1; k < end && k < size; k++) {
            if (depth(k) <= depth) {
                return (kinds[k] & TYPE_MASK) == TokenType.RIGHT_PAREN.ordinal() ? k : end;
            }
        }
        return end;
    }

    String text(int i) {
        return source.substring(starts[i], ends[i]);
    }

    /** The token's text in upper case; a word of {@link Keywords} is its constant, with no string built. */
    String upper(int i) {
        String known = Keywords.find(source, starts[i], ends[i]);
        return known != null ? known : text(i).toUpperCase(Locale.ROOT);
    }

    /**
     * The token's text in upper case when it may be a keyword: null for a token of ASCII characters that is not a word
     * of {@link Keywords}, so that testing it against their sets needs no string; a token with other characters is
     * upper-cased ({@code toUpperCase} maps a few of them to ASCII letters).
     */
    String keyword(int i) {
        return Keywords.keyword(source, starts[i], ends[i]);
    }

    /**
     * The name an identifier token stands for: a word as written, a quoted identifier without its quotes and with its
     * doubled quotes undone, a PostgreSQL {@code U&"..."} identifier with its Unicode escapes decoded.
     */
    String identifier(int i) {
        if ((kinds[i] & TYPE_MASK) != TokenType.QUOTED_IDENTIFIER.ordinal()) {
            return text(i);
        }
        int start = starts[i];
        char first = source.charAt(start);
        if (first == 'U' || first == 'u') {
            StringBuilder raw = new StringBuilder(ends[i] - start);
            int after = undouble(raw, start + 2, ends[i], '"');
            return decodeUnicodeEscapes(raw, unicodeEscapeCharacter(after, ends[i]));
        }
        StringBuilder name = new StringBuilder(ends[i] - start);
        undouble(name, start, ends[i], first);
        return name.toString();
    }

    /** Whether string token {@code i} is a bit-string or hex literal ({@code B'...'}, {@code X'...'}). */
    boolean isBitString(int i) {
        int quote = openingQuote(i);
        if (quote <= starts[i] || source.charAt(starts[i]) == '_') {
            return false;
        }
        char prefix = source.charAt(quote - 1);
        return prefix == 'B' || prefix == 'b' || prefix == 'X' || prefix == 'x';
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

    /** The offset of the quote that opens string token {@code i}, after any prefix ({@code E}, {@code _utf8mb4 }). */
    private int openingQuote(int i) {
        int k = starts[i];
        while (k < ends[i]) {
            char c = source.charAt(k);
            if (c == '\'' || c == '"') {
                return k;
            }
            k++;
        }
        return ends[i];
    }

    /**
     * The value of string token {@code i} as the server reads it: quoting undone, and escapes decoded the way this
     * token's reading decodes them (PostgreSQL {@code E''} escapes, also in plain strings when
     * {@code standard_conforming_strings} is off; {@code U&''} Unicode escapes with their {@code UESCAPE}; MySQL's
     * backslash escapes unless {@code NO_BACKSLASH_ESCAPES}). The parts of a PostgreSQL string continued across a
     * newline are joined.
     */
    String stringValue(int i) {
        int start = starts[i];
        int end = ends[i];
        if (source.charAt(start) == '$') {
            return source.substring(dollarContentStart(i), dollarContentEnd(i));
        }
        int quote = openingQuote(i);
        if (quote >= end) {
            return "";
        }
        char quoteChar = source.charAt(quote);
        // a MySQL introducer (_utf8mb4'...') changes the character set, not the escapes
        char prefix = quote > start && source.charAt(start) != '_' ? source.charAt(quote - 1) : '\0';
        boolean raw = prefix == 'B' || prefix == 'b' || prefix == 'X' || prefix == 'x';
        boolean unicode = !rules.mysql() && prefix == '&';
        boolean escapes = rules.backslashEscapes() && !raw && !unicode
                || !rules.mysql() && (prefix == 'E' || prefix == 'e') && quote == start + 1;
        StringBuilder value = new StringBuilder(end - quote);
        int k = quote;
        while (true) {
            k = raw ? rawPart(value, k, end) : escapes ? escapedPart(value, k, end, quoteChar) : undouble(value, k, end,
                    quoteChar);
            int next = rules.mysql() ? -1 : Lexer.continuation(source, k, end);
            if (next < 0) {
                break;
            }
            k = next;
        }
        return unicode ? decodeUnicodeEscapes(value, unicodeEscapeCharacter(k, end)) : value.toString();
    }

    /** Appends the content of the quoted part opened at {@code quote}, undoing doubled quotes; returns its end. */
    private int undouble(StringBuilder out, int quote, int end, char quoteChar) {
        int k = quote + 1;
        while (k < end) {
            char c = source.charAt(k);
            if (c == quoteChar) {
                if (k + 1 < end && source.charAt(k + 1) == quoteChar) {
                    out.append(quoteChar);
                    k += 2;
                    continue;
                }
                return k + 1;
            }
            out.append(c);
            k++;
        }
        return end;
    }

    /** A bit or hex string part: its content runs to the next quote. */
    private int rawPart(StringBuilder out, int quote, int end) {
        int close = source.indexOf('\'', quote + 1);
        if (close < 0 || close >= end) {
            out.append(source, quote + 1, end);
            return end;
        }
        out.append(source, quote + 1, close);
        return close + 1;
    }

    /** A part with backslash escapes, decoded as PostgreSQL ({@code E''}) or MySQL decodes them; returns its end. */
    private int escapedPart(StringBuilder out, int quote, int end, char quoteChar) {
        boolean mysql = rules.mysql();
        int k = quote + 1;
        while (k < end) {
            char c = source.charAt(k);
            if (c == quoteChar) {
                if (k + 1 < end && source.charAt(k + 1) == quoteChar) {
                    out.append(quoteChar);
                    k += 2;
                    continue;
                }
                return k + 1;
            }
            if (c != '\\' || k + 1 >= end) {
                out.append(c);
                k++;
                continue;
            }
            char e = source.charAt(k + 1);
            k += 2;
            if (mysql) {
                switch (e) {
                    case '0' -> out.append('\u0000');
                    case 'b' -> out.append('\b');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'Z' -> out.append('\u001A');
                    case '%', '_' -> out.append('\\').append(e); // kept for LIKE patterns
                    default -> out.append(e);
                }
                continue;
            }
            switch (e) {
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'x' -> k = appendCode(out, k, end, 16, 2, 'x');
                case 'u' -> k = appendCode(out, k, end, 16, 4, 'u');
                case 'U' -> k = appendCode(out, k, end, 16, 8, 'U');
                default -> {
                    if (e >= '0' && e <= '7') {
                        k = appendCode(out, k - 1, end, 8, 3, e);
                    } else {
                        out.append(e);
                    }
                }
            }
        }
        return end;
    }

    /** Appends the code point spelled by up to {@code maxDigits} digits at {@code from}, or {@code bare} if none. */
    private int appendCode(StringBuilder out, int from, int end, int radix, int maxDigits, char bare) {
        int code = 0;
        int k = from;
        while (k < end && k - from < maxDigits && Character.digit(source.charAt(k), radix) >= 0) {
            code = code * radix + Character.digit(source.charAt(k), radix);
            k++;
        }
        if (k == from) {
            out.append(bare); // PostgreSQL: \x with no hex digit is an x
        } else if (radix == 8) {
            out.append((char) (code & 0xFF)); // an octal escape is one byte
        } else if (Character.isValidCodePoint(code)) {
            out.appendCodePoint(code);
        }
        return k;
    }

    /** The escape character of a {@code U&} token whose quoted part ends at {@code after}: its UESCAPE, or {@code \}. */
    private char unicodeEscapeCharacter(int after, int end) {
        if (end - after >= 3 && source.charAt(end - 1) == '\'' && source.charAt(end - 3) == '\'') {
            return source.charAt(end - 2);
        }
        return '\\';
    }

    /** PostgreSQL's {@code U&} escapes: {@code \XXXX}, {@code \+XXXXXX}, and a doubled escape character for itself. */
    private static String decodeUnicodeEscapes(CharSequence raw, char escape) {
        StringBuilder out = new StringBuilder(raw.length());
        int k = 0;
        while (k < raw.length()) {
            char c = raw.charAt(k);
            if (c != escape || k + 1 >= raw.length()) {
                out.append(c);
                k++;
                continue;
            }
            if (raw.charAt(k + 1) == escape) {
                out.append(escape);
                k += 2;
                continue;
            }
            boolean plus = raw.charAt(k + 1) == '+';
            int from = plus ? k + 2 : k + 1;
            int digits = plus ? 6 : 4;
            int code = 0;
            int j = from;
            while (j < raw.length() && j - from < digits && Character.digit(raw.charAt(j), 16) >= 0) {
                code = code * 16 + Character.digit(raw.charAt(j), 16);
                j++;
            }
            if (j - from == digits && Character.isValidCodePoint(code)) {
                out.appendCodePoint(code);
                k = j;
            } else {
                out.append(c); // the server refuses the literal; keep the text as written
                k++;
            }
        }
        return out.toString();
    }
}
