package dev.dbguard.core.sql;

import java.util.List;

/**
 * Splits a SQL string into statements and tells, for each, what it does.
 *
 * <p>Thread-safe and stateless apart from its settings. Never throws on any input: SQL it cannot understand is
 * analysed by the lexical scanner.
 */
public final class SqlAnalyzer {

    private final int maxParseLength;

    /**
     * @param maxParseLength statements longer than this many characters are not given to JSqlParser but analysed
     *                       by the scanner alone, which bounds the time a check can take
     */
    public SqlAnalyzer(int maxParseLength) {
        this.maxParseLength = maxParseLength;
    }

    /**
     * Cheap test on the raw text: false when no destructive keyword ({@code DROP}, {@code TRUNCATE},
     * {@code DELETE}, {@code UPDATE}) occurs anywhere in it, not even inside literals or comments, so that no rule
     * can fire and the statement needs no further analysis.
     */
    public static boolean mightBeDestructive(String sql) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Splits {@code sql} into statements and analyses each; an empty or comment-only string gives an empty list. */
    public List<AnalyzedStatement> analyze(String sql) {
        throw new UnsupportedOperationException("not yet");
    }
}
