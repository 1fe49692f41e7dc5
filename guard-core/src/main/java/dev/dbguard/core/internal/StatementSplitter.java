package dev.dbguard.core.internal;

import java.util.Arrays;

/**
 * Splits a token list into statements at the semicolons the server would split at: outside literals and comments
 * (which the lexer already folded away), outside parentheses, and outside the bodies that hold semicolons of their
 * own. Empty and comment-only pieces are dropped.
 *
 * <p>A body is recognised by the grammar around it, never by a word alone, since {@code begin}, {@code end},
 * {@code event}, {@code function} and {@code if} are ordinary column names in most schemas:
 * <ul>
 *   <li>PostgreSQL readings: the SQL-standard routine body of {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE ...
 *       BEGIN ATOMIC ... END}, closed by the first {@code END} in statement position (right after {@code ATOMIC} or
 *       after a semicolon), so that {@code SELECT 1 AS end} inside the body does not close it.</li>
 *   <li>MySQL and MariaDB readings: the body of {@code CREATE [OR REPLACE] [DEFINER = user] [AGGREGATE]
 *       FUNCTION|PROCEDURE}, {@code CREATE [DEFINER = user] TRIGGER} and {@code CREATE|ALTER [DEFINER = user] EVENT},
 *       found by reading the routine's header (name, parameters, return type, characteristics, {@code FOR EACH ROW},
 *       {@code ON SCHEDULE ... DO}) when the body is a compound statement; and a top-level compound statement
 *       ({@code BEGIN NOT ATOMIC ... END}, {@code [label:] IF/CASE/LOOP/WHILE/REPEAT/FOR ... END ...}), which MariaDB
 *       runs outside any routine. A plain {@code BEGIN} or {@code BEGIN WORK} starts a transaction. Where the
 *       compound statement ends is {@link CompoundStatement#end}'s answer.</li>
 * </ul>
 *
 * <p>A body that never closes is not one: the statement is split at its semicolons after all, and so is everything
 * after it. The server rejects such a text from there on (PostgreSQL parses the whole string first; MySQL stops at the
 * first statement that fails), so splitting it can only make the guard judge more, never hide a statement. This also
 * keeps the work linear: every token is looked at a bounded number of times.
 */
final class StatementSplitter {

    private StatementSplitter() {
    }

    /**
     * The statements of {@code tokens[from, to)} as token index pairs: {@code [start0, end0, start1, end1, ...]},
     * each end exclusive and before the separating semicolon.
     */
    static int[] split(Tokens tokens, int from, int to) {
        return split(tokens, from, to, tokens.rules.mysql());
    }

    private static int[] split(Tokens tokens, int from, int to, boolean mysql) {
        int[] pieces = new int[4];
        int count = 0;
        boolean bodies = true;
        int start = from;
        while (start < to) {
            int end = bodies ? endOfStatement(tokens, start, to, mysql) : -1;
            if (end < 0) {
                // no body, or one that never closes (which ends the search for bodies: see the class comment)
                bodies &= end != NEVER_CLOSES;
                end = nextSemicolon(tokens, start, to);
            }
            if (end > start) {
                if (count + 2 > pieces.length) {
                    pieces = Arrays.copyOf(pieces, pieces.length * 2);
                }
                pieces[count++] = start;
                pieces[count++] = end;
            }
            start = end + 1;
        }
        return count == pieces.length ? pieces : Arrays.copyOf(pieces, count);
    }

    static int[] split(Tokens tokens) {
        return split(tokens, 0, tokens.size());
    }

    /**
     * The statements of {@code tokens} as PostgreSQL splits them, whatever reading they were lexed with: for a
     * PL/pgSQL block ({@code DO} body), which is PostgreSQL's, and whose control structure ({@code IF ... END IF})
     * its reader strips piece by piece rather than as one MySQL compound statement.
     */
    static int[] splitPostgresql(Tokens tokens) {
        return split(tokens, 0, tokens.size(), false);
    }

    /** {@link #endOfStatement}: the statement holds no body. */
    private static final int NO_BODY = -1;
    /** {@link #endOfStatement}: the statement opens a body that never closes. */
    private static final int NEVER_CLOSES = -2;

    /** The first top-level semicolon at or after {@code k}, or {@code to}. */
    private static int nextSemicolon(Tokens t, int k, int to) {
        for (int j = k; j < to; j++) {
            if (t.is(j, TokenType.SEMICOLON) && t.depth(j) == 0) {
                return j;
            }
        }
        return to;
    }

    /**
     * Where the statement at {@code start} ends when it holds a body with semicolons in it: the semicolon after the
     * body's closing END (or {@code to}); {@link #NO_BODY} when it holds none, {@link #NEVER_CLOSES} when its body is
     * not closed before {@code to}.
     */
    private static int endOfStatement(Tokens t, int start, int to, boolean mysql) {
        if (t.depth(start) != 0 || !t.is(start, TokenType.WORD) && !t.is(start, TokenType.QUOTED_IDENTIFIER)) {
            return NO_BODY;
        }
        int close;
        if (mysql) {
            int body = CompoundStatement.startsCompound(t, start, to) ? start : mysqlRoutineBody(t, start, to);
            if (body < 0 || !CompoundStatement.opensBlock(t, body, to)) {
                return NO_BODY;
            }
            close = CompoundStatement.end(t, body, to);
        } else {
            int atomic = atomicBody(t, start, to);
            if (atomic < 0) {
                return NO_BODY;
            }
            close = atomicEnd(t, atomic, to);
        }
        return close < 0 ? NEVER_CLOSES : nextSemicolon(t, close + 1, to);
    }

    // ---------------------------------------------------------------------------------------------------------
    // PostgreSQL: CREATE [OR REPLACE] FUNCTION | PROCEDURE ... BEGIN ATOMIC stmt; ... END

    /** The index of ATOMIC in {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE ... BEGIN ATOMIC}, or -1. */
    private static int atomicBody(Tokens t, int start, int to) {
        if (!t.isWord(start, "CREATE")) {
            return -1;
        }
        int k = start + 1;
        if (t.isWord(k, "OR") && t.isWord(k + 1, "REPLACE")) {
            k += 2;
        }
        if (k >= to || !t.isWord(k, "FUNCTION") && !t.isWord(k, "PROCEDURE")) {
            return -1;
        }
        for (int j = k + 1; j + 1 < to; j++) {
            if (t.depth(j) != 0) {
                continue;
            }
            if (t.is(j, TokenType.SEMICOLON)) {
                return -1;
            }
            if (t.isWord(j, "BEGIN") && t.isWord(j + 1, "ATOMIC") && !t.is(j - 1, TokenType.DOT)) {
                return j + 1;
            }
        }
        return -1;
    }

    /**
     * The END closing a BEGIN ATOMIC body: the first one in statement position, right after ATOMIC or after a
     * top-level semicolon. The body holds SQL statements only, none of which starts with END. -1 when there is none.
     */
    private static int atomicEnd(Tokens t, int atomic, int to) {
        if (t.isWord(atomic + 1, "END") && atomic + 1 < to) {
            return atomic + 1;
        }
        for (int j = atomic + 1; j + 1 < to; j++) {
            if (t.is(j, TokenType.SEMICOLON) && t.depth(j) == 0 && t.isWord(j + 1, "END")) {
                return j + 1;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------------------------------------------------
    // MySQL and MariaDB routines, triggers and events

    /**
     * The index of the first token of the body of the routine, trigger or event the statement at {@code start}
     * creates, read from its header; -1 when the statement creates none or its header is not understood (then no
     * body is looked for: the statement is split at its semicolons, which can only make the guard judge more).
     */
    private static int mysqlRoutineBody(Tokens t, int start, int to) {
        boolean alter = t.isWord(start, "ALTER");
        if (!alter && !t.isWord(start, "CREATE")) {
            return -1;
        }
        int k = start + 1;
        if (!alter && t.isWord(k, "OR") && t.isWord(k + 1, "REPLACE")) {
            k += 2;
        }
        if (t.isWord(k, "DEFINER")) {
            k = skipUser(t, k + 1, to);
        }
        if (!alter && t.isWord(k, "AGGREGATE")) {
            k++;
        }
        if (k < 0 || k >= to) {
            return -1;
        }
        if (alter) {
            return t.isWord(k, "EVENT") ? eventBody(t, k + 1, to) : -1;
        }
        if (t.isWord(k, "FUNCTION") || t.isWord(k, "PROCEDURE")) {
            return routineBody(t, k, to);
        }
        if (t.isWord(k, "TRIGGER")) {
            return triggerBody(t, k + 1, to);
        }
        if (t.isWord(k, "EVENT")) {
            return eventBody(t, k + 1, to);
        }
        return -1;
    }

    /**
     * Skips {@code = user} after DEFINER: {@code CURRENT_USER[()]}, or a name ({@code root}, {@code 'root'},
     * {@code `root`}) optionally followed by {@code @host} ({@code @'%'}, {@code @localhost}, {@code @127.0.0.1}).
     */
    private static int skipUser(Tokens t, int k, int to) {
        if (!t.isOperator(k, "=")) {
            return -1;
        }
        k++;
        if (t.isWord(k, "CURRENT_USER")) {
            k++;
            if (t.is(k, TokenType.LEFT_PAREN)) {
                k = t.closingParen(k, to) + 1;
            }
            return k;
        }
        if (!isName(t, k) && !t.is(k, TokenType.STRING)) {
            return -1;
        }
        k++;
        if (t.isOperator(k, "@") && k + 1 < to) {
            k += 2;
            while (k < to && t.start(k) == t.end(k - 1)
                    && (t.is(k, TokenType.NUMBER) || t.is(k, TokenType.DOT) || t.is(k, TokenType.WORD))) {
                k++; // the rest of an unquoted host: 127.0.0.1 is read as several tokens
            }
        }
        return k;
    }

    /**
     * {@code FUNCTION|PROCEDURE [IF NOT EXISTS] name (params) [RETURNS type] [characteristic ...] body}; -1 for a
     * loadable function ({@code CREATE FUNCTION f RETURNS STRING SONAME 'lib'}), which has no parameter list.
     */
    private static int routineBody(Tokens t, int kind, int to) {
        boolean function = t.isWord(kind, "FUNCTION");
        int k = skipIfNotExists(t, kind + 1);
        k = skipQualifiedName(t, k, to);
        if (k < 0 || !t.is(k, TokenType.LEFT_PAREN)) {
            return -1;
        }
        k = t.closingParen(k, to) + 1;
        if (function) {
            if (!t.isWord(k, "RETURNS")) {
                return -1;
            }
            k = skipType(t, k + 1, to);
        }
        return skipCharacteristics(t, k);
    }

    /**
     * A return type: its first word, an optional second word ({@code NATIONAL VARCHAR}, {@code LONG VARBINARY}),
     * arguments in parentheses, then attributes ({@code UNSIGNED}, {@code CHARSET x}, {@code COLLATE x}, ...).
     */
    private static int skipType(Tokens t, int k, int to) {
        if (!t.is(k, TokenType.WORD)) {
            return k;
        }
        if ((t.isWord(k, "NATIONAL") || t.isWord(k, "LONG")) && t.is(k + 1, TokenType.WORD)) {
            k++;
        }
        k++;
        while (k < to) {
            if (t.is(k, TokenType.LEFT_PAREN)) {
                k = t.closingParen(k, to) + 1;
            } else if (t.isWord(k, "UNSIGNED") || t.isWord(k, "SIGNED") || t.isWord(k, "ZEROFILL")
                    || t.isWord(k, "PRECISION") || t.isWord(k, "VARYING") || t.isWord(k, "BINARY")
                    || t.isWord(k, "ASCII") || t.isWord(k, "UNICODE") || t.isWord(k, "BYTE")) {
                k++;
            } else if (t.isWord(k, "CHARSET") || t.isWord(k, "COLLATE")) {
                k += 2;
            } else if (t.isWord(k, "CHARACTER") && t.isWord(k + 1, "SET")) {
                k += 3;
            } else {
                return k;
            }
        }
        return k;
    }

    /**
     * Routine characteristics: {@code COMMENT 'text'}, {@code LANGUAGE SQL}, {@code [NOT] DETERMINISTIC},
     * {@code CONTAINS SQL}, {@code NO SQL}, {@code READS SQL DATA}, {@code MODIFIES SQL DATA},
     * {@code SQL SECURITY DEFINER|INVOKER}.
     */
    private static int skipCharacteristics(Tokens t, int k) {
        while (true) {
            if (t.isWord(k, "COMMENT") && t.is(k + 1, TokenType.STRING)) {
                k += 2;
            } else if (t.isWord(k, "LANGUAGE") && t.isWord(k + 1, "SQL")) {
                k += 2;
            } else if (t.isWord(k, "NOT") && t.isWord(k + 1, "DETERMINISTIC")) {
                k += 2;
            } else if (t.isWord(k, "DETERMINISTIC")) {
                k++;
            } else if ((t.isWord(k, "CONTAINS") || t.isWord(k, "NO")) && t.isWord(k + 1, "SQL")) {
                k += 2;
            } else if ((t.isWord(k, "READS") || t.isWord(k, "MODIFIES")) && t.isWord(k + 1, "SQL")
                    && t.isWord(k + 2, "DATA")) {
                k += 3;
            } else if (t.isWord(k, "SQL") && t.isWord(k + 1, "SECURITY")) {
                k += 3;
            } else {
                return k;
            }
        }
    }

    /**
     * {@code TRIGGER [IF NOT EXISTS] name {BEFORE|AFTER} event ON table FOR EACH ROW [{FOLLOWS|PRECEDES} other] body}.
     */
    private static int triggerBody(Tokens t, int k, int to) {
        for (int j = k; j + 2 < to; j++) {
            if (t.depth(j) != 0) {
                continue;
            }
            if (t.is(j, TokenType.SEMICOLON)) {
                return -1;
            }
            if (t.isWord(j, "FOR") && t.isWord(j + 1, "EACH") && t.isWord(j + 2, "ROW")) {
                int body = j + 3;
                if (t.isWord(body, "FOLLOWS") || t.isWord(body, "PRECEDES")) {
                    body = skipQualifiedName(t, body + 1, to);
                }
                return body;
            }
        }
        return -1;
    }

    /** {@code EVENT [IF NOT EXISTS] name ON SCHEDULE ... [ON COMPLETION ...] [ENABLE|DISABLE] [COMMENT ...] DO body}. */
    private static int eventBody(Tokens t, int k, int to) {
        k = skipQualifiedName(t, skipIfNotExists(t, k), to);
        if (k < 0) {
            return -1;
        }
        for (int j = k; j < to; j++) {
            if (t.depth(j) != 0) {
                continue;
            }
            if (t.is(j, TokenType.SEMICOLON)) {
                return -1;
            }
            if (t.isWord(j, "DO")) {
                return j + 1;
            }
        }
        return -1;
    }

    private static int skipIfNotExists(Tokens t, int k) {
        return t.isWord(k, "IF") && t.isWord(k + 1, "NOT") && t.isWord(k + 2, "EXISTS") ? k + 3 : k;
    }

    /** Skips {@code name} or {@code schema.name}; -1 when there is no name at {@code k}. */
    private static int skipQualifiedName(Tokens t, int k, int to) {
        if (k >= to || !isName(t, k)) {
            return -1;
        }
        k++;
        while (k + 1 < to && t.is(k, TokenType.DOT) && isName(t, k + 1)) {
            k += 2;
        }
        return k;
    }

    private static boolean isName(Tokens t, int k) {
        return t.is(k, TokenType.WORD) || t.is(k, TokenType.QUOTED_IDENTIFIER);
    }
}
