package dev.dbguard.core.internal;

/**
 * A stable 16-hex-digit hash of a statement's shape, for grouping audit events: statements that differ only in
 * literal values or bind parameters, in the number of values in a list ({@code IN (1, 2)} and {@code IN (1, 2, 3)}),
 * in whitespace or comments, or in the case of keywords and unquoted identifiers get the same fingerprint. Quoted
 * identifiers keep their case. The value is the same on every JVM and release (64-bit FNV-1a over the normalized
 * token stream, then a final avalanche step).
 */
public final class SqlFingerprint {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private SqlFingerprint() {
    }

    /** The fingerprint of {@code sql} (null counts as empty), read the PostgreSQL way. */
    public static String of(String sql) {
        return of(sql, LexicalRules.POSTGRESQL);
    }

    /**
     * The fingerprint of {@code sql} (null counts as empty) read with {@code rules}: a MySQL {@code "string"} or
     * {@code # comment} is then a value or nothing, as the server reads it.
     */
    public static String of(String sql, LexicalRules rules) {
        String source = sql == null ? "" : sql;
        Tokens tokens = Lexer.lex(source, rules);
        int size = tokens.size();
        while (size > 0 && tokens.is(size - 1, TokenType.SEMICOLON)) {
            size--;
        }
        long hash = FNV_OFFSET;
        for (int i = 0; i < size; i++) {
            TokenType type = tokens.type(i);
            if (isValue(tokens, i)) {
                hash = mix(hash, '?');
                i = valueEnd(tokens, i);
                while (i + 2 < size && tokens.is(i + 1, TokenType.COMMA) && isValue(tokens, i + 2)) {
                    i = valueEnd(tokens, i + 2); // a list of values has one shape whatever its length
                }
            } else if (type == TokenType.WORD) {
                for (int k = tokens.start(i); k < tokens.end(i); k++) {
                    char c = source.charAt(k);
                    hash = mix(hash, c >= 'A' && c <= 'Z' ? (char) (c | 0x20) : c);
                }
            } else {
                hash = mix(hash, (char) ('A' + type.ordinal()));
                for (int k = tokens.start(i); k < tokens.end(i); k++) {
                    hash = mix(hash, source.charAt(k));
                }
            }
            hash = mix(hash, '\u0000');
        }
        return hex(avalanche(hash));
    }

    /** The last token of the value starting at {@code i}: -5 is the same shape as 5. */
    private static int valueEnd(Tokens tokens, int i) {
        return tokens.is(i, TokenType.OPERATOR) ? i + 1 : i;
    }

    private static boolean isValue(Tokens tokens, int i) {
        TokenType type = tokens.type(i);
        return type == TokenType.STRING || type == TokenType.NUMBER || type == TokenType.PARAMETER
                || ((tokens.isOperator(i, "-") || tokens.isOperator(i, "+")) && isSign(tokens, i));
    }

    /** A {@code -} or {@code +} right before a number, where no value precedes it. */
    private static boolean isSign(Tokens tokens, int i) {
        if (!tokens.is(i + 1, TokenType.NUMBER)) {
            return false;
        }
        if (i == 0) {
            return true;
        }
        TokenType previous = tokens.type(i - 1);
        return previous == TokenType.OPERATOR || previous == TokenType.LEFT_PAREN || previous == TokenType.COMMA
                || (previous == TokenType.WORD && isKeywordBeforeValue(tokens, i - 1));
    }

    private static boolean isKeywordBeforeValue(Tokens tokens, int i) {
        return tokens.isWord(i, "SELECT") || tokens.isWord(i, "WHERE") || tokens.isWord(i, "AND")
                || tokens.isWord(i, "OR") || tokens.isWord(i, "VALUES") || tokens.isWord(i, "SET")
                || tokens.isWord(i, "THEN") || tokens.isWord(i, "ELSE") || tokens.isWord(i, "WHEN")
                || tokens.isWord(i, "BETWEEN") || tokens.isWord(i, "LIMIT") || tokens.isWord(i, "OFFSET");
    }

    private static long mix(long hash, char c) {
        hash = (hash ^ (c & 0xff)) * FNV_PRIME;
        return (hash ^ (c >>> 8)) * FNV_PRIME;
    }

    private static long avalanche(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }

    private static String hex(long value) {
        char[] digits = new char[16];
        for (int k = 15; k >= 0; k--) {
            digits[k] = HEX[(int) (value & 0xf)];
            value >>>= 4;
        }
        return new String(digits);
    }
}
