package dev.dbguard.core.internal;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The words the scanner compares, each as one upper-case constant, found from a token's characters without building a
 * string: {@link Tokens#upper} returns the constant for a word in this table instead of a new upper-cased copy, so
 * that switching on a command or testing a set of clause words costs a lookup, not an allocation. The table's words
 * are upper-case ASCII (letters and {@code _}) and only ASCII characters match them, so the answer is always what
 * {@code text.toUpperCase(Locale.ROOT)} gives.
 *
 * <p>The table holds every word of the sets {@link RowScope} reads a condition with, so that a word not found here is
 * none of them ({@link Tokens#keyword}).
 */
final class Keywords {

    /** Commands and clause words beyond the sets named in {@link #TABLE}; which are here only changes speed. */
    private static final List<String> COMMON = List.of("SELECT", "VALUES", "DECLARE", "ROLLBACK", "ABORT", "BEGIN",
            "START", "TABLE", "SHOW", "COMMIT", "SAVEPOINT", "RELEASE", "END", "FETCH", "MOVE", "CLOSE", "USE",
            "LISTEN", "UNLISTEN", "NOTIFY", "DEALLOCATE", "SET", "RESET", "DISCARD", "INSERT", "REPLACE", "UPSERT",
            "EXPLAIN", "DESCRIBE", "DESC", "ANALYZE", "ANALYSE", "WITH", "DROP", "TRUNCATE", "DELETE", "UPDATE",
            "MERGE", "ALTER", "RENAME", "CREATE", "PREPARE", "EXECUTE", "DO", "COPY", "CALL", "GRANT", "REVOKE",
            "COMMENT", "LOCK", "VACUUM", "WHERE", "USING", "RETURNING", "ORDER", "LIMIT", "PARTITION", "FROM", "JOIN",
            "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "NATURAL", "STRAIGHT_JOIN", "ON", "OUTER", "WINDOW", "FOR",
            "GROUP", "HAVING", "WHEN", "FORCE", "IGNORE", "TABLESAMPLE", "LATERAL", "OFFSET", "UNION", "INTERSECT",
            "EXCEPT", "THEN", "ONLY", "INTO", "BY", "IF", "TEMPORARY", "TEMP", "VIEW", "INDEX", "SCHEMA", "DATABASE",
            "SEQUENCE", "FUNCTION", "PROCEDURE", "TRIGGER", "COLUMN", "CONSTRAINT", "ADD", "TRANSACTION", "WORK",
            "LOW_PRIORITY", "QUICK", "CASCADE", "RESTRICT", "CONCURRENTLY", "MATERIALIZED", "RECURSIVE", "ATOMIC");

    private static final String[] TABLE;
    /** The {@link #hash} of each word of {@link #TABLE}, slot for slot, so that most misses compare no character. */
    private static final int[] HASHES;

    static {
        Set<String> words = new LinkedHashSet<>(COMMON);
        for (Set<String> set : List.of(RowScope.KEYWORDS, RowScope.IS_PREDICATES, RowScope.TYPE_WORDS,
                RowScope.INTERVAL_UNITS, RowScope.NAME_WORDS, TableReferences.JOIN_WORDS, TableReferences.CLAUSE_WORDS)) {
            words.addAll(set);
        }
        TABLE = new String[Integer.highestOneBit(words.size() * 8)];
        HASHES = new int[TABLE.length];
        for (String word : words) {
            int hash = hash(word, 0, word.length());
            int slot = hash & (TABLE.length - 1);
            while (TABLE[slot] != null) {
                slot = (slot + 1) & (TABLE.length - 1);
            }
            TABLE[slot] = word;
            HASHES[slot] = hash;
        }
    }

    private static final int MASK = TABLE.length - 1;
    /** What {@link #hash} gives for text holding a character that is not ASCII: no word has it. */
    private static final int NOT_ASCII = 0;

    private Keywords() {
    }

    /**
     * A hash of {@code s[start, end)} that is the same for every ASCII spelling of a word (each character's 0x20 bit
     * is ignored, which folds letters to upper case); never {@link #NOT_ASCII} for ASCII text, always that otherwise.
     */
    private static int hash(String s, int start, int end) {
        int hash = end - start;
        int all = 0;
        for (int k = start; k < end; k++) {
            char c = s.charAt(k);
            all |= c;
            hash = hash * 31 + (c & ~0x20);
        }
        if (all >= 0x80) {
            return NOT_ASCII;
        }
        hash *= 0x9E3779B9;
        return (hash ^ hash >>> 15) | 1;
    }

    /** The table's constant for {@code source[start, end)} in any ASCII case, or null when the table lacks it. */
    static String find(String source, int start, int end) {
        int hash = hash(source, start, end);
        return hash == NOT_ASCII ? null : find(source, start, end, hash);
    }

    /**
     * As {@link #find(String, int, int)}, but null only for ASCII text that is no word of the table; text with other
     * characters is upper-cased ({@code toUpperCase} maps a few of them to ASCII letters, as in {@code dıstinct}).
     */
    static String keyword(String source, int start, int end) {
        int hash = hash(source, start, end);
        return hash == NOT_ASCII ? source.substring(start, end).toUpperCase(Locale.ROOT) : find(source, start, end, hash);
    }

    private static String find(String source, int start, int end, int hash) {
        for (int slot = hash & MASK; TABLE[slot] != null; slot = (slot + 1) & MASK) {
            String word = TABLE[slot];
            if (HASHES[slot] == hash && word.length() == end - start && equalsIgnoreAsciiCase(source, start, word)) {
                return word;
            }
        }
        return null;
    }

    private static boolean equalsIgnoreAsciiCase(String source, int start, String upper) {
        for (int k = 0; k < upper.length(); k++) {
            char c = source.charAt(start + k);
            char u = upper.charAt(k);
            if (c != u && !(u >= 'A' && u <= 'Z' && c == (u | 0x20))) {
                return false;
            }
        }
        return true;
    }

    /** The words in the table, for tests. */
    static List<String> all() {
        return Arrays.stream(TABLE).filter(word -> word != null).toList();
    }
}
