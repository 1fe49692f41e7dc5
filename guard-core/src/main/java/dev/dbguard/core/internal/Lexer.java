package dev.dbguard.core.internal;

/**
 * Splits SQL text into tokens the way one server reads it ({@link LexicalRules}): where strings, quoted identifiers
 * and comments begin and end decides which words are code, so a reading that differs from the server's by one quote
 * can hide a whole statement. It never fails: an unterminated string, identifier or comment runs to the end of the
 * input. One pass, no regular expressions, no object per token.
 *
 * <p>PostgreSQL: {@code --} comments to the end of the line; block comments that nest ({@code /*!} is one of them);
 * {@code '...'} strings with {@code ''}, and with backslash escapes too when {@code standard_conforming_strings} is
 * off; {@code E'...'} strings with backslash escapes; {@code U&'...'} (with its {@code UESCAPE 'c'} clause, which
 * becomes part of the token), {@code B'...'}, {@code X'...'} (ended by the first quote), {@code N'...'}; a string
 * continued after whitespace holding a newline ({@code 'a'}&#x23CE;{@code 'b'} is one string, read in the first part's
 * mode); dollar quotes {@code $$...$$} and {@code $tag$...$tag$}; {@code "identifiers"} with {@code ""}; operators
 * that end before {@code --} or {@code /*} and drop a trailing {@code +}/{@code -} unless they hold one of
 * {@code ~ ! @ # % ^ & |}; {@code $1}, {@code ?} and {@code :name} parameters.
 *
 * <p>MySQL and MariaDB: {@code #} comments, and {@code --} comments only when a space, a control character or the end
 * of the text follows (else {@code --1} is minus minus one); both end at a line feed only. Block comments do not
 * nest. {@code /*! ... *}{@code /} (and on MariaDB {@code /*M! ... *}{@code /}) is lexed as code: the server runs it
 * when its version gate ({@code /*!50110}, five or six digits) is met, and every gate is taken as met, which can only
 * add findings. Backslash escapes in {@code '...'} and {@code "..."} (unless {@code NO_BACKSLASH_ESCAPES});
 * {@code "..."} is a string unless {@code ANSI_QUOTES}; {@code N'...'}, {@code x'...'}, {@code b'...'}, string
 * introducers ({@code _utf8mb4'...'}, {@code _binary '...'}, part of the string token); {@code `identifiers`} with
 * doubled backticks; no dollar quotes ({@code $} is an identifier character); a word may begin with digits
 * ({@code 1st}); {@code 0x1F}, {@code 0b101}; the server's fixed operator set ({@code <=>}, {@code ->>}, ...).
 * Adjacent string literals stay separate tokens (the server joins them in its grammar).
 *
 * <p>While lexing it also marks the places where JSqlParser's own lexer would read the text differently from this
 * reading ({@link Tokens#parserMayMisread}): a statement holding one is judged by the scanner alone.
 */
final class Lexer {

    private static final byte IDENT_START = 1;
    private static final byte IDENT_PART = 2;
    private static final byte OPERATOR_CHAR = 4;
    private static final byte DIGIT = 8;
    private static final byte HEX = 16;
    /** The class of every char: a table of all 65536 lets the hot loops skip a range test. */
    private static final byte[] CLASSES = new byte[Character.MAX_VALUE + 1];

    /** The character sets a MySQL string introducer ({@code _name'...'}) may name. */
    private static final String[] CHARSETS = {"armscii8", "ascii", "big5", "binary", "cp1250", "cp1251", "cp1256",
            "cp1257", "cp850", "cp852", "cp866", "cp932", "dec8", "eucjpms", "euckr", "filename", "gb18030", "gb2312",
            "gbk", "geostd8", "greek", "hebrew", "hp8", "keybcs2", "koi8r", "koi8u", "latin1", "latin2", "latin5",
            "latin7", "macce", "macroman", "sjis", "swe7", "tis620", "ucs2", "ujis", "utf16", "utf16le", "utf32",
            "utf8", "utf8mb3", "utf8mb4"};

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            CLASSES[c] = IDENT_START | IDENT_PART;
            CLASSES[Character.toUpperCase(c)] = IDENT_START | IDENT_PART;
        }
        CLASSES['_'] = IDENT_START | IDENT_PART;
        for (char c = '0'; c <= '9'; c++) {
            CLASSES[c] = IDENT_PART | DIGIT | HEX;
        }
        for (char c : "abcdefABCDEF".toCharArray()) {
            CLASSES[c] |= HEX;
        }
        CLASSES['$'] = IDENT_PART;
        for (char c : "+-*/<>=~!@#%^&|".toCharArray()) {
            CLASSES[c] = OPERATOR_CHAR;
        }
        // PostgreSQL and MySQL both take every non-ASCII character for a letter of a name
        for (int c = 0x80; c <= Character.MAX_VALUE; c++) {
            CLASSES[c] = IDENT_START | IDENT_PART;
        }
    }

    /** How a string's content is read. */
    private static final int PLAIN = 0;
    /** PostgreSQL's {@code E''} escapes (also plain strings with {@code standard_conforming_strings} off). */
    private static final int PG_ESCAPES = 1;
    /** MySQL's backslash escapes. */
    private static final int MYSQL_ESCAPES = 2;
    /** Bit and hex strings: the first quote ends them. */
    private static final int RAW = 3;

    private final String s;
    private final int to;
    private final LexicalRules rules;
    private final Tokens tokens;
    private final boolean mysql;
    /** The mode of a plain {@code '...'} string in this reading. */
    private final int plainMode;
    /** Whether JSqlParser is run with backslash escapes for this reading (see JSqlParserClassifier). */
    private final boolean parserEscapes;
    private int depth;
    private boolean inExecutableComment;
    /** See {@link #nextBackslash}: no backslash lies in {@code [backslashSearchedFrom, nextBackslash)}. */
    private int backslashSearchedFrom = Integer.MAX_VALUE;
    private int nextBackslash = -1;

    private Lexer(String source, int to, LexicalRules rules, Tokens tokens) {
        this.s = source;
        this.to = to;
        this.rules = rules;
        this.tokens = tokens;
        this.mysql = rules.mysql();
        this.parserEscapes = rules.backslashEscapes();
        this.plainMode = !rules.backslashEscapes() ? PLAIN : mysql ? MYSQL_ESCAPES : PG_ESCAPES;
    }

    static boolean isIdentStart(char c) {
        return (CLASSES[c] & IDENT_START) != 0;
    }

    static boolean isIdentPart(char c) {
        return (CLASSES[c] & IDENT_PART) != 0;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(char c) {
        return (CLASSES[c] & HEX) != 0;
    }

    private static boolean isOperatorChar(char c) {
        return (CLASSES[c] & OPERATOR_CHAR) != 0;
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
        Lexer lexer = new Lexer(source, to, rules, new Tokens(source, (to - from) / 4 + 8, rules));
        lexer.run(from);
        return lexer.tokens;
    }

    private void run(int from) {
        final String s = this.s;
        final int to = this.to;
        int i = from;
        while (i < to) {
            char c = s.charAt(i);
            if (c <= ' ') {
                i++;
            } else if ((CLASSES[c] & IDENT_START) != 0) {
                i = mysql ? mysqlWord(i) : pgWord(i);
            } else if (isDigit(c)) {
                i = mysql ? mysqlNumber(i) : pgNumber(i);
            } else {
                i = punctuation(c, i);
            }
        }
    }

    /** Everything but whitespace, words and numbers, at {@code i}; returns where lexing goes on. */
    private int punctuation(char c, int i) {
        switch (c) {
            case '(':
                tokens.add(TokenType.LEFT_PAREN, i, i + 1, depth);
                depth++;
                return i + 1;
            case ')':
                if (depth > 0) {
                    depth--;
                }
                return add(TokenType.RIGHT_PAREN, i, i + 1);
            case ',':
                return add(TokenType.COMMA, i, i + 1);
            case ';':
                return add(TokenType.SEMICOLON, i, i + 1);
            case '.':
                // MySQL reads t.1st as a column of t: after a name, a dot is a separator there
                if (isDigit(at(i + 1)) && !(mysql && i > 0 && (isIdentPart(s.charAt(i - 1)) || s.charAt(i - 1) == '`'))) {
                    return add(TokenType.NUMBER, i, endOfNumber(i + 1));
                }
                return add(TokenType.DOT, i, i + 1);
            case '\'':
                return string(i, i, '\'', plainMode);
            case '"':
                if (rules.doubleQuotedStrings()) {
                    tokens.markParserMisread(i); // JSqlParser reads "..." as an identifier
                    return string(i, i, '"', plainMode);
                }
                return quotedIdentifier(i, '"');
            case '`':
                return quotedIdentifier(i, '`');
            case '?':
                return add(TokenType.PARAMETER, i, i + 1);
            case ':': {
                char next = at(i + 1);
                if (next == ':' || next == '=') {
                    return add(TokenType.OPERATOR, i, i + 2);
                }
                if (next != '\0' && isIdentStart(next)) {
                    return add(TokenType.PARAMETER, i, endOfIdentifier(i + 1));
                }
                return add(TokenType.OTHER, i, i + 1);
            }
            case '$':
                return mysql ? mysqlWord(i) : dollar(i);
            case '-':
                if (at(i + 1) == '-') {
                    if (!mysql) {
                        return endOfLine(i + 2, true);
                    }
                    char after = at(i + 2);
                    if (after <= ' ' || after == 0x7F) {
                        return mysqlLineComment(i, false);
                    }
                    tokens.markParserMisread(i); // minus minus for MySQL, a comment for JSqlParser
                }
                break;
            case '#':
                if (mysql) {
                    return mysqlLineComment(i, true);
                }
                break;
            case '/':
                if (at(i + 1) == '*') {
                    return mysql ? mysqlBlockComment(i) : pgBlockComment(i);
                }
                break;
            case '*':
                if (inExecutableComment && at(i + 1) == '/') {
                    inExecutableComment = false;
                    tokens.markParserMisread(i);
                    return i + 2;
                }
                break;
            default:
                break;
        }
        if (isOperatorChar(c)) {
            return mysql ? mysqlOperator(i) : pgOperator(i);
        }
        return add(TokenType.OTHER, i, i + 1);
    }

    /** The character at {@code i}, or NUL past the end. */
    private char at(int i) {
        return i < to ? s.charAt(i) : '\0';
    }

    private int add(TokenType type, int start, int end) {
        tokens.add(type, start, end, depth);
        return end;
    }

    // ---- comments ------------------------------------------------------------------------------------------------

    /** The end of a line comment whose text starts at {@code i}: PostgreSQL ends it at CR or LF, MySQL at LF only. */
    private int endOfLine(int i, boolean carriageReturnEnds) {
        while (i < to) {
            char c = s.charAt(i);
            if (c == '\n' || (carriageReturnEnds && c == '\r')) {
                return i + 1;
            }
            i++;
        }
        return to;
    }

    /**
     * A MySQL {@code #} or {@code -- } comment starting at {@code i}. JSqlParser has no {@code #} comments and ends
     * {@code --} comments at a carriage return too, so either may read differently there.
     */
    private int mysqlLineComment(int i, boolean hash) {
        int end = endOfLine(i + (hash ? 1 : 2), false);
        if (hash) {
            tokens.markParserMisread(i);
        } else {
            for (int k = i + 2; k < end; k++) {
                if (s.charAt(k) == '\r') {
                    tokens.markParserMisread(i);
                    break;
                }
            }
        }
        return end;
    }

    /** Skips a PostgreSQL block comment starting at {@code i}: they nest, and {@code /*!} is one of them. */
    private int pgBlockComment(int i) {
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

    /**
     * A MySQL block comment at {@code i}: an executable one ({@code /*!}, and {@code /*M!} on MariaDB) switches to
     * lexing its content as code until its {@code *}{@code /}; any other ends at the first {@code *}{@code /}.
     */
    private int mysqlBlockComment(int i) {
        char third = i + 2 < to ? s.charAt(i + 2) : '\0';
        int marker = third == '!' ? 3
                : rules.mariadb() && third == 'M' && i + 3 < to && s.charAt(i + 3) == '!' ? 4 : 0;
        if (marker == 0) {
            for (int j = i + 2; j + 1 < to; j++) {
                if (s.charAt(j) == '*' && s.charAt(j + 1) == '/') {
                    return j + 2;
                }
            }
            return to;
        }
        // JSqlParser reads a comment here. Every version gate is taken as met: the content is code.
        tokens.markParserMisread(i);
        inExecutableComment = true;
        int j = i + marker;
        int digits = 0;
        while (digits < 6 && j + digits < to && isDigit(s.charAt(j + digits))) {
            digits++;
        }
        // The gate is five digits (six since MySQL 8.1 and in MariaDB); fewer digits are not a gate but code.
        return digits >= 5 ? j + digits : j;
    }

    // ---- strings and quoted identifiers --------------------------------------------------------------------------

    /**
     * Adds a string token starting at {@code start} (its prefix, if any) whose opening quote is at {@code quote},
     * read in {@code mode}, with PostgreSQL's continuation of a string across a newline; returns its end.
     */
    private int string(int start, int quote, char quoteChar, int mode) {
        int end = endOfString(quote, quoteChar, mode, start);
        if (!mysql && quoteChar == '\'') {
            for (int next = continuation(s, end, to); next >= 0; next = continuation(s, end, to)) {
                tokens.markParserMisread(start); // JSqlParser reads two strings
                end = endOfString(next, '\'', mode, start);
            }
        }
        if (mode == RAW) {
            int k = end;
            while (k < to && s.charAt(k) == ' ') {
                k++;
            }
            if (k < to && s.charAt(k) == '\'') {
                tokens.markParserMisread(start); // JSqlParser runs X'..' '..' together
            }
        }
        return add(TokenType.STRING, start, end);
    }

    /**
     * The end of the string part whose opening quote is at {@code quote}, and marks it when JSqlParser, run with
     * this reading's backslash setting, would end it elsewhere or fail to read it the same way.
     */
    private int endOfString(int quote, char quoteChar, int mode, int start) {
        if (mode == RAW) {
            int close = indexOf(quoteChar, quote + 1);
            for (int k = quote + 1; k < close; k++) {
                if (s.charAt(k) == '\\') {
                    tokens.markParserMisread(start);
                    break;
                }
            }
            return close < to ? close + 1 : to;
        }
        if (mode == PLAIN) {
            int j = quote + 1;
            while (true) {
                int close = indexOf(quoteChar, j);
                if (close >= to) {
                    return to;
                }
                if (s.charAt(close - 1) == '\\' && close - 1 > quote) {
                    // JSqlParser's lexer takes \' for an escaped quote even when escapes are off
                    tokens.markParserMisread(start);
                }
                if (close + 1 < to && s.charAt(close + 1) == quoteChar) {
                    j = close + 2;
                    continue;
                }
                return close + 1;
            }
        }
        boolean backslash = false;
        boolean doubled = false;
        boolean unknownEscape = false;
        boolean escapedQuote = false;
        boolean escapedQuoteThenQuote = false;
        int j = quote + 1;
        int end = to;
        int backslashAt = nextBackslash(j);
        int close = -1;
        while (j < to) {
            if (close < j) {
                close = indexOf(quoteChar, j);
            }
            if (backslashAt < close) {
                // an escape comes first: it may escape the quote
                backslash = true;
                char e = at(backslashAt + 1);
                if (e == quoteChar) {
                    escapedQuote = true;
                    escapedQuoteThenQuote |= at(backslashAt + 2) == quoteChar;
                } else if ("ntbrf\\\"'".indexOf(e) < 0) {
                    unknownEscape = true;
                }
                j = backslashAt + 2;
                backslashAt = nextBackslash(j);
                continue;
            }
            if (close >= to) {
                break;
            }
            if (close + 1 < to && s.charAt(close + 1) == quoteChar) {
                doubled = true;
                j = close + 2;
                backslashAt = nextBackslash(j);
                continue;
            }
            end = close + 1;
            break;
        }
        // JSqlParser's lexer tries two readings of a literal and keeps the longer: one with the escapes it knows
        // (\n \t \b \r \f \\ \" \'), one with '' and no escapes; then it rewrites literals holding \''. The two agree
        // with the server unless one literal mixes escapes with '', holds \'' , or has an escaped quote next to an
        // escape JSqlParser does not know. Run without escapes, it reads any backslash in an escape string wrongly.
        if (backslash && (!parserEscapes || doubled || escapedQuoteThenQuote || unknownEscape && escapedQuote)) {
            tokens.markParserMisread(start);
        }
        return Math.min(end, to);
    }

    /**
     * The first backslash at or after {@code from}, or the end. Lexing moves forward, so the last answer is kept:
     * searching again only past it keeps the work linear however many strings there are.
     */
    private int nextBackslash(int from) {
        if (from < backslashSearchedFrom || from > nextBackslash) {
            backslashSearchedFrom = from;
            nextBackslash = indexOf('\\', from);
        }
        return nextBackslash;
    }

    /** The first offset of {@code c} at or after {@code from} and before the end, or the end. */
    private int indexOf(char c, int from) {
        int k = s.indexOf(c, from);
        return k < 0 || k > to ? to : k;
    }

    /**
     * Where PostgreSQL continues the string that ended just before {@code from}: whitespace holding a newline (and
     * {@code --} comments), then a quote. The offset of that quote, or -1.
     */
    static int continuation(String s, int from, int to) {
        int j = from;
        while (j < to) {
            char c = s.charAt(j);
            if (c == ' ' || c == '\t' || c == '\f' || c == 0x0B) {
                j++;
            } else if (c == '-' && j + 1 < to && s.charAt(j + 1) == '-') {
                j = skipToNewline(s, j + 2, to);
            } else {
                break;
            }
        }
        if (j >= to || (s.charAt(j) != '\n' && s.charAt(j) != '\r')) {
            return -1;
        }
        j++;
        while (j < to) {
            char c = s.charAt(j);
            if (c == ' ' || c == '\t' || c == '\f' || c == 0x0B || c == '\n' || c == '\r') {
                j++;
            } else if (c == '-' && j + 1 < to && s.charAt(j + 1) == '-') {
                j = skipToNewline(s, j + 2, to);
                if (j >= to) {
                    return -1;
                }
                j++;
            } else {
                break;
            }
        }
        return j < to && s.charAt(j) == '\'' ? j : -1;
    }

    /** The offset of the next CR or LF at or after {@code i}, or {@code to}. */
    private static int skipToNewline(String s, int i, int to) {
        while (i < to && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
            i++;
        }
        return i;
    }

    /** A quoted identifier; a doubled quote stands for itself (JSqlParser reads a doubled backtick as two names). */
    private int quotedIdentifier(int i, char quote) {
        int j = i + 1;
        int end = to;
        while (j < to) {
            int close = indexOf(quote, j);
            if (close + 1 < to && s.charAt(close + 1) == quote) {
                if (quote == '`') {
                    tokens.markParserMisread(i);
                }
                j = close + 2;
                continue;
            }
            end = Math.min(close + 1, to);
            break;
        }
        return add(TokenType.QUOTED_IDENTIFIER, i, end);
    }

    /** The end of a quoted string or identifier opened at {@code i}; a doubled quote stands for itself. */
    static int endOfQuoted(String s, int i, int to, char quote) {
        int j = i + 1;
        while (j < to) {
            int close = s.indexOf(quote, j);
            if (close < 0 || close >= to) {
                return to;
            }
            if (close + 1 < to && s.charAt(close + 1) == quote) {
                j = close + 2;
                continue;
            }
            return close + 1;
        }
        return to;
    }

    /** {@code U&'...'} or {@code U&"..."} at {@code i}, with a following {@code UESCAPE 'c'} made part of it. */
    private int unicodeEscaped(int i, char quote) {
        // JSqlParser reads U&'x' as U & 'x'
        tokens.markParserMisread(i);
        int end;
        if (quote == '\'') {
            end = endOfString(i + 2, '\'', PLAIN, i);
            for (int next = continuation(s, end, to); next >= 0; next = continuation(s, end, to)) {
                end = endOfString(next, '\'', PLAIN, i);
            }
        } else {
            end = endOfQuoted(s, i + 2, to, '"');
        }
        int k = skipSpaceAndComments(end);
        if (k + 7 <= to && s.regionMatches(true, k, "UESCAPE", 0, 7) && (k + 7 == to || !isIdentPart(s.charAt(k + 7)))) {
            int e = skipSpaceAndComments(k + 7);
            if (e + 2 < to && s.charAt(e) == '\'' && s.charAt(e + 1) != '\'' && s.charAt(e + 2) == '\'') {
                end = e + 3;
            }
        }
        return add(quote == '\'' ? TokenType.STRING : TokenType.QUOTED_IDENTIFIER, i, end);
    }

    /** The first offset at or after {@code i} that is neither whitespace nor inside a PostgreSQL comment. */
    private int skipSpaceAndComments(int i) {
        while (i < to) {
            char c = s.charAt(i);
            if (c <= ' ') {
                i++;
            } else if (c == '-' && i + 1 < to && s.charAt(i + 1) == '-') {
                i = endOfLine(i + 2, true);
            } else if (c == '/' && i + 1 < to && s.charAt(i + 1) == '*') {
                i = pgBlockComment(i);
            } else {
                return i;
            }
        }
        return to;
    }

    // ---- words, numbers, parameters -----------------------------------------------------------------------------

    private int endOfIdentifier(int i) {
        final String s = this.s;
        final int to = this.to;
        while (i < to && (CLASSES[s.charAt(i)] & IDENT_PART) != 0) {
            i++;
        }
        return i;
    }

    /** A PostgreSQL number; trailing identifier characters ({@code 1_000}, {@code 0x1F}) stay in it, as the server reads them. */
    private int pgNumber(int i) {
        int digits = endOfDecimal(i, true);
        int end = endOfIdentifier(digits);
        if (end > digits) {
            tokens.markParserMisread(i); // JSqlParser reads 1_000 as 1 AS _000
        }
        return add(TokenType.NUMBER, i, end);
    }

    /** The end of a number starting at {@code i} (a digit, or the digit after a leading dot), trailing junk included. */
    private int endOfNumber(int i) {
        return endOfIdentifier(endOfDecimal(i, true));
    }

    /**
     * The end of the decimal number at {@code i}: digits, an optional fraction and exponent. With {@code rangeDots}
     * (PostgreSQL) a dot followed by another dot is not a fraction: {@code 1..2} is 1, then {@code ..}.
     */
    private int endOfDecimal(int i, boolean rangeDots) {
        int j = endOfDigits(i);
        if (j < to && s.charAt(j) == '.' && !(rangeDots && j + 1 < to && s.charAt(j + 1) == '.')) {
            j = endOfDigits(j + 1);
        }
        if (j < to && (s.charAt(j) == 'e' || s.charAt(j) == 'E')) {
            int k = j + 1;
            if (k < to && (s.charAt(k) == '+' || s.charAt(k) == '-')) {
                k++;
            }
            if (k < to && isDigit(s.charAt(k))) {
                j = endOfDigits(k);
            }
        }
        return j;
    }

    private int endOfDigits(int i) {
        int j = i;
        while (j < to && isDigit(s.charAt(j))) {
            j++;
        }
        return j;
    }

    /** A PostgreSQL word, or a string with a one-letter prefix ({@code E'}, {@code B'}, {@code X'}, {@code N'}, {@code U&'}). */
    private int pgWord(int i) {
        int j = endOfIdentifier(i + 1);
        if (j - i == 1 && j < to) {
            char c = s.charAt(i);
            char q = s.charAt(j);
            if (q == '\'') {
                switch (c) {
                    case 'E', 'e' -> {
                        return string(i, j, '\'', PG_ESCAPES);
                    }
                    case 'B', 'b', 'X', 'x' -> {
                        return string(i, j, '\'', RAW);
                    }
                    case 'N', 'n' -> {
                        return string(i, j, '\'', plainMode);
                    }
                    case 'Q', 'q' -> tokens.markParserMisread(i); // JSqlParser reads q'[...]' as an Oracle string
                    default -> {
                    }
                }
            } else if ((c == 'U' || c == 'u') && q == '&' && j + 1 < to) {
                char r = s.charAt(j + 1);
                if (r == '\'' || r == '"') {
                    return unicodeEscaped(i, r);
                }
            }
        }
        return add(TokenType.WORD, i, j);
    }

    /**
     * A MySQL word (which may start with {@code $} or, from {@link #mysqlNumber}, with digits), or a string with a
     * prefix: {@code N'}, {@code x'}, {@code b'}, or a character set introducer ({@code _utf8mb4'...'}).
     */
    private int mysqlWord(int i) {
        int j = endOfIdentifier(i + 1);
        char c = s.charAt(i);
        if (j - i == 1 && j < to && s.charAt(j) == '\'') {
            switch (c) {
                case 'N', 'n' -> {
                    return string(i, j, '\'', plainMode);
                }
                case 'B', 'b', 'X', 'x' -> {
                    return string(i, j, '\'', RAW);
                }
                case 'Q', 'q' -> tokens.markParserMisread(i);
                default -> {
                }
            }
        }
        if (c == '_' && j - i > 1 && isCharset(i + 1, j)) {
            int k = j;
            while (k < to && s.charAt(k) <= ' ') {
                k++;
            }
            if (k < to && (s.charAt(k) == '\'' || (s.charAt(k) == '"' && rules.doubleQuotedStrings()))) {
                tokens.markParserMisread(i); // JSqlParser knows _utf8 alone, and reads the others as an alias
                return string(i, k, s.charAt(k), plainMode);
            }
        }
        if (c == '$') {
            tokens.markParserMisread(i); // JSqlParser reads $$ as a quote and $1 as a parameter
        }
        return add(TokenType.WORD, i, j);
    }

    private boolean isCharset(int from, int end) {
        int length = end - from;
        for (String charset : CHARSETS) {
            if (charset.length() == length && s.regionMatches(true, from, charset, 0, length)) {
                return true;
            }
        }
        return false;
    }

    /** A MySQL number, or a word that starts with digits ({@code 1st_place}, {@code 0xyz}). */
    private int mysqlNumber(int i) {
        if (s.charAt(i) == '0' && i + 1 < to && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'b')) {
            boolean hex = s.charAt(i + 1) == 'x';
            int k = i + 2;
            while (k < to && (hex ? isHexDigit(s.charAt(k)) : s.charAt(k) == '0' || s.charAt(k) == '1')) {
                k++;
            }
            if (k > i + 2 && (k == to || !isIdentPart(s.charAt(k)))) {
                if (!hex) {
                    tokens.markParserMisread(i); // JSqlParser reads 0b1 as 0 AS b1
                }
                return add(TokenType.NUMBER, i, k);
            }
        }
        int integer = endOfDigits(i);
        boolean fraction = integer < to && s.charAt(integer) == '.';
        int j = endOfDecimal(i, false);
        if (!fraction && j < to && isIdentPart(s.charAt(j))) {
            tokens.markParserMisread(i); // JSqlParser reads 1st as 1 AS st
            return add(TokenType.WORD, i, endOfIdentifier(j));
        }
        return add(TokenType.NUMBER, i, j);
    }

    /** A PostgreSQL {@code $1} parameter, a dollar-quoted string, or a lone {@code $}. */
    private int dollar(int i) {
        int j = i + 1;
        if (j < to && isDigit(s.charAt(j))) {
            return add(TokenType.PARAMETER, i, endOfIdentifier(j));
        }
        if (j < to && s.charAt(j) != '$' && isIdentStart(s.charAt(j))) {
            while (j < to && s.charAt(j) != '$' && isIdentPart(s.charAt(j))) {
                j++;
            }
        }
        if (j >= to || s.charAt(j) != '$') {
            return add(TokenType.OTHER, i, i + 1);
        }
        int tagLength = j - i + 1;
        int from = j + 1;
        int end = to;
        while (true) {
            int candidate = s.indexOf('$', from);
            if (candidate < 0 || candidate + tagLength > to) {
                break;
            }
            if (s.regionMatches(candidate, s, i, tagLength)) {
                end = candidate + tagLength;
                break;
            }
            from = candidate + 1;
        }
        if (tagLength > 2 || end == to && !s.startsWith("$$", end - 2) || indexOf('$', i + 2) < end - 2) {
            // JSqlParser reads $$...$$ as a quoted name, which ends where PostgreSQL's string ends only when no $ is
            // inside it; $tag$ is a word to it
            tokens.markParserMisread(i);
        }
        return add(TokenType.STRING, i, end);
    }

    // ---- operators -----------------------------------------------------------------------------------------------

    private int pgOperator(int i) {
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
            if (c == '/' && next == '/') {
                tokens.markParserMisread(j); // JSqlParser reads // as the start of a line comment
            }
            special |= "~!@#%^&|".indexOf(c) >= 0;
            j++;
        }
        if (!special) {
            while (j - i > 1 && (s.charAt(j - 1) == '+' || s.charAt(j - 1) == '-')) {
                j--;
            }
        }
        j = Math.max(j, i + 1);
        if (special && joinsAnIdentifierInJSqlParser(i, j)) {
            tokens.markParserMisread(i);
        }
        return add(TokenType.OPERATOR, i, j);
    }

    /**
     * JSqlParser's identifiers may start with {@code #} and hold {@code #} and {@code @}: {@code a#b},
     * {@code data#>>x} and {@code a@>b} are one name to it, and {@code #} alone does not parse.
     */
    private boolean joinsAnIdentifierInJSqlParser(int i, int j) {
        boolean hash = false;
        boolean at = false;
        for (int k = i; k < j; k++) {
            hash |= s.charAt(k) == '#';
            at |= s.charAt(k) == '@';
        }
        if (!hash && !at) {
            return false;
        }
        boolean afterWord = i > 0 && isIdentPart(s.charAt(i - 1));
        boolean beforeWord = j < to && isIdentPart(s.charAt(j));
        if (afterWord || beforeWord) {
            return true;
        }
        return hash && !(j - i >= 2 && s.charAt(i) == '#' && s.charAt(i + 1) == '>' && (j - i == 2
                || j - i == 3 && s.charAt(i + 2) == '>'));
    }

    /** MySQL's fixed operators, longest first; anything else is one character. */
    private int mysqlOperator(int i) {
        char c = s.charAt(i);
        char n = i + 1 < to ? s.charAt(i + 1) : '\0';
        char n2 = i + 2 < to ? s.charAt(i + 2) : '\0';
        int length = 1;
        if ((c == '<' && n == '=' && n2 == '>') || (c == '-' && n == '>' && n2 == '>')) {
            length = 3;
        } else if ((c == '<' && (n == '=' || n == '>' || n == '<')) || (c == '>' && (n == '=' || n == '>'))
                || (c == '!' && n == '=') || (c == '&' && n == '&') || (c == '|' && n == '|')
                || (c == '-' && n == '>') || (c == '@' && n == '@')) {
            length = 2;
        }
        if (c == '|' && length == 2 && !rules.pipesConcatenate()) {
            tokens.markParserMisread(i); // || is OR here, a concatenation for JSqlParser
        } else if (c == '/' && n == '/') {
            tokens.markParserMisread(i);
        } else if (c == '@' && i > 0 && isIdentPart(s.charAt(i - 1))) {
            tokens.markParserMisread(i);
        }
        return add(TokenType.OPERATOR, i, i + length);
    }
}
