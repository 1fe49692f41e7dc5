package dev.dbguard.core.internal;

/**
 * The raw-text word search behind {@link SqlAnalyzer#mightBeDestructive(String)}: DROP, DELETE, UPDATE, TRUNCATE,
 * REPLACE and the other {@link #KEYWORDS} as whole words in any ASCII case, with identifier characters
 * ({@code [A-Za-z0-9_$]} and anything non-ASCII) as the word characters, as the lexer reads words; a {@code $} next to a
 * keyword counts as a boundary too, since it may end a dollar-quote tag ({@code $q$DROP TABLE u$q$}).
 *
 * <p>It must hold for every reading ({@link LexicalRules}), since it runs before the text is lexed: a keyword is a
 * run of ASCII letters in every dialect, and no dialect joins letters across a quote, a comment or a non-word
 * character, so a keyword that any reading sees as a word is a whole word in the raw text. What can make a keyword out
 * of text that does not spell one is also caught: a backslash (an {@code E''}, {@code U&''} or MySQL escape can spell
 * a keyword inside text later run as SQL), {@code UESCAPE} (a {@code U&''} string with another escape character), and
 * a MySQL or MariaDB executable comment ({@code /*!}, {@code /*M!}, whose content runs).
 *
 * <p>It runs on every statement, so it reads only every fourth character: each keyword is at least four letters
 * long, so any occurrence starting in a window of four positions covers the window's last character with one of its
 * first four letters. That character's possible offsets in a keyword (a small table) name the only starts worth
 * checking, and the window then moves on by four. The backslash and the comment markers are found with the JDK's
 * vectorized {@code indexOf}. No allocation.
 */
final class DestructiveWords {

    /**
     * The destructive commands, and the words that lead to text judged as SQL or to session state the guard follows:
     * EXECUTE, PREPARE, MERGE, the dblink functions, query_to_xml and MySQL's execute_prepared_stmt run or act on
     * SQL given as data; PROGRAM runs a shell command ({@code COPY ... PROGRAM}); TEMP/TEMPORARY/pg_temp/DISCARD
     * create and forget temporary tables, and so do ROLLBACK/ABORT (a rolled-back CREATE TEMP TABLE leaves none); the
     * two settings, set_config and RESET (ALL) change how later text is read; LANGUAGE names the language of a DO
     * block, whose code in a language other than PL/pgSQL runs SQL not read here; UESCAPE lets a {@code U&''} string
     * spell a keyword without a backslash; ALTER and RENAME lead to the non-additive changes ({@code rename},
     * {@code alter-type}); {@code dbguard} starts an annotation ({@code -- dbguard:allow}), whose malformed forms
     * refuse the statement they precede.
     */
    private static final String[] KEYWORDS = {"drop", "delete", "update", "truncate", "replace", "execute", "prepare",
            "merge", "dblink", "dblink_exec", "dblink_send_query", "dblink_open", "query_to_xml", "query_to_xmlschema",
            "query_to_xml_and_xmlschema", "execute_prepared_stmt", "program", "temp", "temporary", "pg_temp", "discard",
            "rollback", "abort", "sql_mode", "standard_conforming_strings", "set_config", "reset", "language",
            "uescape", "alter", "rename", "dbguard"};
    /** For each ASCII character, a bit q set when it is letter q (0..3) of some keyword. */
    private static final byte[] OFFSETS = new byte[128];
    private static final boolean[] WORD = new boolean[128];
    private static final boolean[] FIRST = new boolean[128];

    static {
        for (String keyword : KEYWORDS) {
            FIRST[keyword.charAt(0)] = true;
            FIRST[Character.toUpperCase(keyword.charAt(0))] = true;
            for (int q = 0; q < 4; q++) {
                char c = keyword.charAt(q);
                OFFSETS[c] |= (byte) (1 << q);
                OFFSETS[Character.toUpperCase(c)] |= (byte) (1 << q);
            }
        }
        for (char c = 0; c < 128; c++) {
            WORD[c] = Lexer.isIdentPart(c);
        }
    }

    private DestructiveWords() {
    }

    static boolean occurIn(String sql) {
        int n = sql.length();
        for (int last = 3; last < n; last += 4) {
            char c = sql.charAt(last);
            int offsets = c < 128 ? OFFSETS[c] : 0;
            while (offsets != 0) {
                int q = Integer.numberOfTrailingZeros(offsets);
                offsets &= offsets - 1;
                char first = sql.charAt(last - q);
                if (first < 128 && FIRST[first] && keywordAt(sql, last - q)) {
                    return true;
                }
            }
        }
        return sql.indexOf('\\') >= 0 || hasExecutableComment(sql);
    }

    private static boolean keywordAt(String sql, int start) {
        // '$' may end a dollar-quote tag ($q$DROP TABLE u$q$), after which the lexer starts a new word
        if (start > 0 && isWordChar(sql.charAt(start - 1)) && sql.charAt(start - 1) != '$') {
            return false;
        }
        char first = (char) (sql.charAt(start) | 0x20);
        for (String keyword : KEYWORDS) {
            if (keyword.charAt(0) == first && matches(sql, start, keyword)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String sql, int start, String keyword) {
        int end = start + keyword.length();
        if (end > sql.length()) {
            return false;
        }
        for (int k = 1; k < keyword.length(); k++) {
            char c = sql.charAt(start + k);
            // lower-case letters only: '_' | 0x20 would be DEL, and sql_mode would never match
            if ((c >= 'A' && c <= 'Z' ? (char) (c | 0x20) : c) != keyword.charAt(k)) {
                return false;
            }
        }
        return end == sql.length() || !isWordChar(sql.charAt(end)) || sql.charAt(end) == '$';
    }

    private static boolean isWordChar(char c) {
        return c >= 128 || WORD[c];
    }

    private static boolean hasExecutableComment(String sql) {
        for (int k = sql.indexOf("/*"); k >= 0; k = sql.indexOf("/*", k + 2)) {
            if (k + 2 < sql.length() && (sql.charAt(k + 2) == '!' || sql.charAt(k + 2) == 'M')) {
                return true;
            }
        }
        return false;
    }
}
