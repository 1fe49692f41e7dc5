package dev.dbguard.core.sql;

/**
 * A PostgreSQL lexer that also understands the MySQL forms an application may send: {@code `backtick`} identifiers
 * and {@code /*!...*}{@code /} executable comments. It never fails: an unterminated string, identifier or comment runs
 * to the end of the input. One pass, no regular expressions, no object per token.
 *
 * <p>What it follows from PostgreSQL: {@code --} line comments; block comments that nest; {@code '...'} strings with
 * {@code ''}; {@code E'...'} strings with backslash escapes; {@code U&'...'}, {@code B'...'}, {@code X'...'},
 * {@code N'...'}; dollar quotes {@code $$...$$} and {@code $tag$...$tag$} (a tag is an identifier without {@code $});
 * {@code "identifiers"} with {@code ""}; operators that end before {@code --} or {@code /*} and drop a trailing
 * {@code +}/{@code -} unless they hold one of {@code ~ ! @ # % ^ & |}; {@code $1}, {@code ?} and {@code :name}
 * parameters; identifiers that may hold {@code $} and any non-ASCII character.
 *
 * <p>MySQL executes the inside of {@code /*!...*}{@code /} and MariaDB that of {@code /*M!...*}{@code /}, so their
 * content is lexed as code (a PostgreSQL reader would see a comment; treating it as code can only add findings).
 */
final class Lexer {

    private static final byte IDENT_START = 1;
    private static final byte IDENT_PART = 2;
    private static final byte OPERATOR_CHAR = 4;
    private static final byte DIGIT = 8;
    private static final byte[] CLASSES = new byte[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            CLASSES[c] = IDENT_START | IDENT_PART;
            CLASSES[Character.toUpperCase(c)] = IDENT_START | IDENT_PART;
        }
        CLASSES['_'] = IDENT_START | IDENT_PART;
        for (char c = '0'; c <= '9'; c++) {
            CLASSES[c] = IDENT_PART | DIGIT;
        }
        CLASSES['$'] = IDENT_PART;
        for (char c : "+-*/<>=~!@#%^&|".toCharArray()) {
            CLASSES[c] = OPERATOR_CHAR;
        }
    }

    private Lexer() {
    }

    static boolean isIdentStart(char c) {
        return c >= 0x80 || (CLASSES[c] & IDENT_START) != 0;
    }

    static boolean isIdentPart(char c) {
        return c >= 0x80 || (CLASSES[c] & IDENT_PART) != 0;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isOperatorChar(char c) {
        return c < 0x80 && (CLASSES[c] & OPERATOR_CHAR) != 0;
    }

    /** Lexes {@code sql} the PostgreSQL way (standard conforming strings). */
    static Tokens lex(String sql) {
        return lex(sql, LexicalRules.POSTGRESQL);
    }

    static Tokens lex(String sql, LexicalRules rules) {
        return lex(sql, 0, sql.length(), rules);
    }

    /** Lexes {@code source[from, to)}; token offsets are offsets into {@code source}. */
    static Tokens lex(String source, int from, int to, LexicalRules rules) {
        Tokens tokens = new Tokens(source, (to - from) / 5 + 4, rules);
        int depth = 0;
        boolean inExecutableComment = false;
        int i = from;
        while (i < to) {
            char c = source.charAt(i);
            if (c <= ' ') {
                i++;
                continue;
            }
            char next = i + 1 < to ? source.charAt(i + 1) : '\0';
            switch (c) {
                case '-':
                    if (next == '-') {
                        i = skipLineComment(source, i + 2, to);
                        continue;
                    }
                    break;
                case '/':
                    if (next == '*') {
                        char third = i + 2 < to ? source.charAt(i + 2) : '\0';
                        if (third == '!' || (third == 'M' && i + 3 < to && source.charAt(i + 3) == '!')) {
                            tokens.markParserMisread(i);
                            i += third == '!' ? 3 : 4;
                            while (i < to && isDigit(source.charAt(i))) {
                                i++;
                            }
                            inExecutableComment = true;
                        } else {
                            i = skipBlockComment(source, i, to, tokens);
                        }
                        continue;
                    }
                    break;
                case '*':
                    if (inExecutableComment && next == '/') {
                        inExecutableComment = false;
                        i += 2;
                        continue;
                    }
                    break;
                case '\'':
                    i = add(tokens, TokenType.STRING, i, endOfQuoted(source, i, to, '\''), depth);
                    continue;
                case '"':
                    i = add(tokens, TokenType.QUOTED_IDENTIFIER, i, endOfQuoted(source, i, to, '"'), depth);
                    continue;
                case '`':
                    i = add(tokens, TokenType.QUOTED_IDENTIFIER, i, endOfQuoted(source, i, to, '`'), depth);
                    continue;
                case '$':
                    i = dollar(source, i, to, tokens, depth);
                    continue;
                case '?':
                    i = add(tokens, TokenType.PARAMETER, i, i + 1, depth);
                    continue;
                case ':':
                    if (next == ':' || next == '=') {
                        i = add(tokens, TokenType.OPERATOR, i, i + 2, depth);
                    } else if (next != '\0' && isIdentStart(next)) {
                        i = add(tokens, TokenType.PARAMETER, i, endOfIdentifier(source, i + 1, to), depth);
                    } else {
                        i = add(tokens, TokenType.OTHER, i, i + 1, depth);
                    }
                    continue;
                case '(':
                    tokens.add(TokenType.LEFT_PAREN, i, i + 1, depth);
                    depth++;
                    i++;
                    continue;
                case ')':
                    if (depth > 0) {
                        depth--;
                    }
                    i = add(tokens, TokenType.RIGHT_PAREN, i, i + 1, depth);
                    continue;
                case ',':
                    i = add(tokens, TokenType.COMMA, i, i + 1, depth);
                    continue;
                case ';':
                    i = add(tokens, TokenType.SEMICOLON, i, i + 1, depth);
                    continue;
                case '.':
                    if (isDigit(next)) {
                        i = add(tokens, TokenType.NUMBER, i, endOfNumber(source, i + 1, to), depth);
                    } else {
                        i = add(tokens, TokenType.DOT, i, i + 1, depth);
                    }
                    continue;
                default:
                    break;
            }
            if (isDigit(c)) {
                i = add(tokens, TokenType.NUMBER, i, endOfNumber(source, i, to), depth);
            } else if (isIdentStart(c)) {
                i = word(source, i, to, tokens, depth);
            } else if (isOperatorChar(c)) {
                i = add(tokens, TokenType.OPERATOR, i, endOfOperator(source, i, to, inExecutableComment, tokens), depth);
            } else {
                i = add(tokens, TokenType.OTHER, i, i + 1, depth);
            }
        }
        return tokens;
    }

    private static int add(Tokens tokens, TokenType type, int start, int end, int depth) {
        tokens.add(type, start, end, depth);
        return end;
    }

    private static int skipLineComment(String s, int i, int to) {
        while (i < to) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r') {
                return i + 1;
            }
            i++;
        }
        return to;
    }

    /** Skips a block comment starting at {@code i}; PostgreSQL block comments nest. */
    private static int skipBlockComment(String s, int i, int to, Tokens tokens) {
        int level = 1;
        int j = i + 2;
        while (j < to) {
            char c = s.charAt(j);
            if (c == '/' && j + 1 < to && s.charAt(j + 1) == '*') {
                // JSqlParser (like MySQL) ends a comment at the first */ and would read the rest as code
                tokens.markParserMisread(j);
                level++;
                j += 2;
            } else if (c == '*' && j + 1 < to && s.charAt(j + 1) == '/') {
                j += 2;
                if (--level == 0) {
                    return j;
                }
            } else {
                j++;
            }
        }
        return to;
    }

    /** The end of a quoted string or identifier opened at {@code i}; a doubled quote stands for itself. */
    static int endOfQuoted(String s, int i, int to, char quote) {
        int j = i + 1;
        while (j < to) {
            if (s.charAt(j) == quote) {
                if (j + 1 < to && s.charAt(j + 1) == quote) {
                    j += 2;
                    continue;
                }
                return j + 1;
            }
            j++;
        }
        return to;
    }

    /** The end of an {@code E'...'} string whose quote is at {@code i}: backslash escapes the next character. */
    private static int endOfEscapeString(String s, int i, int to) {
        int j = i + 1;
        while (j < to) {
            char c = s.charAt(j);
            if (c == '\\') {
                j += 2;
            } else if (c == '\'') {
                if (j + 1 < to && s.charAt(j + 1) == '\'') {
                    j += 2;
                    continue;
                }
                return j + 1;
            } else {
                j++;
            }
        }
        return to;
    }

    private static int endOfIdentifier(String s, int i, int to) {
        while (i < to && isIdentPart(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int endOfNumber(String s, int i, int to) {
        int j = i;
        while (j < to && isDigit(s.charAt(j))) {
            j++;
        }
        if (j < to && s.charAt(j) == '.' && !(j + 1 < to && s.charAt(j + 1) == '.')) {
            j++;
            while (j < to && isDigit(s.charAt(j))) {
                j++;
            }
        }
        if (j < to && (s.charAt(j) == 'e' || s.charAt(j) == 'E')) {
            int k = j + 1;
            if (k < to && (s.charAt(k) == '+' || s.charAt(k) == '-')) {
                k++;
            }
            if (k < to && isDigit(s.charAt(k))) {
                j = k;
                while (j < to && isDigit(s.charAt(j))) {
                    j++;
                }
            }
        }
        // hex/octal/binary forms, digit separators and trailing junk stay in the number, as PostgreSQL reads them
        return endOfIdentifier(s, j, to);
    }

    private static int word(String s, int i, int to, Tokens tokens, int depth) {
        int j = endOfIdentifier(s, i + 1, to);
        if (j - i == 1 && j < to) {
            char c = s.charAt(i);
            char q = s.charAt(j);
            if (q == '\'') {
                switch (c) {
                    case 'E', 'e' -> {
                        return add(tokens, TokenType.STRING, i, endOfEscapeString(s, j, to), depth);
                    }
                    case 'B', 'b', 'X', 'x', 'N', 'n' -> {
                        return add(tokens, TokenType.STRING, i, endOfQuoted(s, j, to, '\''), depth);
                    }
                    default -> {
                    }
                }
            } else if ((c == 'U' || c == 'u') && q == '&' && j + 1 < to) {
                char r = s.charAt(j + 1);
                if (r == '\'') {
                    return add(tokens, TokenType.STRING, i, endOfQuoted(s, j + 1, to, '\''), depth);
                }
                if (r == '"') {
                    return add(tokens, TokenType.QUOTED_IDENTIFIER, i, endOfQuoted(s, j + 1, to, '"'), depth);
                }
            }
        }
        return add(tokens, TokenType.WORD, i, j, depth);
    }

    /** A {@code $1} parameter, a dollar-quoted string, or a lone {@code $}. */
    private static int dollar(String s, int i, int to, Tokens tokens, int depth) {
        int j = i + 1;
        if (j < to && isDigit(s.charAt(j))) {
            return add(tokens, TokenType.PARAMETER, i, endOfIdentifier(s, j, to), depth);
        }
        if (j < to && s.charAt(j) != '$' && isIdentStart(s.charAt(j))) {
            while (j < to && s.charAt(j) != '$' && isIdentPart(s.charAt(j))) {
                j++;
            }
        }
        if (j >= to || s.charAt(j) != '$') {
            return add(tokens, TokenType.OTHER, i, i + 1, depth);
        }
        int tagLength = j - i + 1;
        int from = j + 1;
        while (true) {
            int candidate = s.indexOf('$', from);
            if (candidate < 0 || candidate + tagLength > to) {
                return add(tokens, TokenType.STRING, i, to, depth);
            }
            if (s.regionMatches(candidate, s, i, tagLength)) {
                return add(tokens, TokenType.STRING, i, candidate + tagLength, depth);
            }
            from = candidate + 1;
        }
    }

    private static int endOfOperator(String s, int i, int to, boolean inExecutableComment, Tokens tokens) {
        int j = i;
        boolean special = false;
        while (j < to) {
            char c = s.charAt(j);
            if (!isOperatorChar(c)) {
                break;
            }
            char next = j + 1 < to ? s.charAt(j + 1) : '\0';
            if (j > i && ((c == '-' && next == '-') || (c == '/' && next == '*'))) {
                break;
            }
            if (inExecutableComment && c == '*' && next == '/') {
                break;
            }
            if (c == '/' && next == '/') {
                // JSqlParser reads // as the start of a line comment
                tokens.markParserMisread(j);
            }
            special |= "~!@#%^&|".indexOf(c) >= 0;
            j++;
        }
        if (!special) {
            while (j - i > 1 && (s.charAt(j - 1) == '+' || s.charAt(j - 1) == '-')) {
                j--;
            }
        }
        return Math.max(j, i + 1);
    }
}
