package dev.dbguard.core.internal;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The words the scanner compares, each as one upper-case constant, found from a token's characters without building a
 * string: {@link Tokens#upper} returns the constant for a word in this table instead of a new upper-cased copy, so
 * that switching on a command or testing a set of clause words costs a lookup, not an allocation. Only words of ASCII
 * letters are in the table and only ASCII characters match them, so the answer is always what
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

    private static final String[] TABLE = build(COMMON, RowScope.KEYWORDS, RowScope.IS_PREDICATES,
            RowScope.TYPE_WORDS, RowScope.INTERVAL_UNITS, RowScope.NAME_WORDS, TableReferences.JOIN_WORDS,
            TableReferences.CLAUSE_WORDS);
    private static final int MASK = TABLE.length - 1;

    private Keywords() {
    }

    @SafeVarargs
    private static String[] build(Collection<String>... sets) {
        Set<String> words = new LinkedHashSet<>();
        for (Collection<String> set : sets) {
            words.addAll(set);
        }
        String[] table = new String[Integer.highestOneBit(words.size() * 4)];
        for (String word : words) {
            int slot = hash(word, 0, word.length()) & (table.length - 1);
            while (table[slot] != null) {
                slot = (slot + 1) & (table.length - 1);
            }
            table[slot] = word;
        }
        return table;
    }

    /** A hash of the characters that is the same for every ASCII spelling of a word (letters folded to upper case). */
    private static int hash(CharSequence s, int start, int end) {
        int length = end - start;
        return ((length * 31 + (s.charAt(start) & ~0x20)) * 31 + (s.charAt(end - 1) & ~0x20)) * 0x9E3779B9 >>> 8;
    }

    /** The table's constant for {@code source[start, end)} in any ASCII case, or null when the table lacks it. */
    static String find(String source, int start, int end) {
        if (end <= start) {
            return null;
        }
        for (int slot = hash(source, start, end) & MASK; TABLE[slot] != null; slot = (slot + 1) & MASK) {
            String word = TABLE[slot];
            if (word.length() == end - start && equalsIgnoreAsciiCase(source, start, word)) {
                return word;
            }
        }
        return null;
    }

    /** Whether every character of {@code source[start, end)} is ASCII. */
    static boolean ascii(String source, int start, int end) {
        for (int k = start; k < end; k++) {
            if (source.charAt(k) >= 0x80) {
                return false;
            }
        }
        return true;
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
