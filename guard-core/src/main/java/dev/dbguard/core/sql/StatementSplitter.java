package dev.dbguard.core.sql;

import java.util.Arrays;

/**
 * Splits a token list into statements at the semicolons PostgreSQL and MySQL would split at: outside literals and
 * comments (which the lexer already folded away), outside parentheses, and outside the body of a routine written
 * as a compound block ({@code CREATE FUNCTION ... BEGIN ATOMIC ... END} in PostgreSQL, {@code CREATE PROCEDURE ...
 * BEGIN ... END} in MySQL). Empty and comment-only pieces are dropped.
 */
final class StatementSplitter {

    private StatementSplitter() {
    }

    /**
     * The statements of {@code tokens[from, to)} as token index pairs: {@code [start0, end0, start1, end1, ...]},
     * each end exclusive and before the separating semicolon.
     */
    static int[] split(Tokens tokens, int from, int to) {
        int[] pieces = new int[4];
        int count = 0;
        int start = from;
        boolean create = false;
        boolean routine = false;
        int blockDepth = 0;
        for (int k = from; k < to; k++) {
            TokenType type = tokens.type(k);
            if (type == TokenType.SEMICOLON && tokens.depth(k) == 0 && blockDepth == 0) {
                if (k > start) {
                    if (count + 2 > pieces.length) {
                        pieces = Arrays.copyOf(pieces, pieces.length * 2);
                    }
                    pieces[count++] = start;
                    pieces[count++] = k;
                }
                start = k + 1;
                create = false;
                routine = false;
                continue;
            }
            if (type != TokenType.WORD || tokens.depth(k) != 0) {
                continue;
            }
            if (k == start) {
                create = tokens.isWord(k, "CREATE");
            } else if (create && blockDepth == 0) {
                if (tokens.isWord(k, "FUNCTION") || tokens.isWord(k, "PROCEDURE") || tokens.isWord(k, "TRIGGER")
                        || tokens.isWord(k, "EVENT")) {
                    routine = true;
                } else if (routine && tokens.isWord(k, "BEGIN")) {
                    blockDepth = 1;
                }
            } else if (blockDepth > 0) {
                blockDepth += blockChange(tokens, k, start);
            }
        }
        if (start < to) {
            if (count + 2 > pieces.length) {
                pieces = Arrays.copyOf(pieces, pieces.length + 2);
            }
            pieces[count++] = start;
            pieces[count++] = to;
        }
        return Arrays.copyOf(pieces, count);
    }

    static int[] split(Tokens tokens) {
        return split(tokens, 0, tokens.size());
    }

    /**
     * How word {@code k} inside a compound routine body changes the block nesting. BEGIN and CASE open a block,
     * and so do IF, WHILE, LOOP and REPEAT when they lead a statement; END closes one (and the IF/LOOP/CASE/... right
     * after it opens nothing).
     */
    private static int blockChange(Tokens tokens, int k, int statementStart) {
        if (tokens.isWord(k - 1, "END")) {
            return 0;
        }
        if (tokens.isWord(k, "END")) {
            return -1;
        }
        if (tokens.isWord(k, "BEGIN") || tokens.isWord(k, "CASE")) {
            return 1;
        }
        // IF(), REPEAT() are also functions: only a statement-leading one opens a block. Counting one too few
        // splits too early (more statements judged); one too many would hide the statements after the routine.
        if ((tokens.isWord(k, "IF") || tokens.isWord(k, "WHILE") || tokens.isWord(k, "LOOP")
                || tokens.isWord(k, "REPEAT")) && k > statementStart && startsBodyStatement(tokens, k)) {
            return 1;
        }
        return 0;
    }

    /** Whether word {@code k} is the first word of a statement inside a compound body. */
    private static boolean startsBodyStatement(Tokens tokens, int k) {
        int previous = k - 1;
        if (tokens.is(previous, TokenType.SEMICOLON)) {
            return true;
        }
        if (tokens.is(previous, TokenType.OTHER) && tokens.length(previous) == 1
                && tokens.source.charAt(tokens.start(previous)) == ':') {
            return true; // label:
        }
        return tokens.isWord(previous, "BEGIN") || tokens.isWord(previous, "THEN") || tokens.isWord(previous, "ELSE")
                || tokens.isWord(previous, "LOOP") || tokens.isWord(previous, "DO") || tokens.isWord(previous, "REPEAT");
    }
}
