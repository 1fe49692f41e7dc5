package dev.dbguard.core.internal;

/**
 * A MySQL/MariaDB compound statement: {@code [label:] BEGIN [NOT ATOMIC] ... END}, {@code IF ... END IF},
 * {@code CASE ... END CASE}, {@code [label:] LOOP ... END LOOP}, {@code WHILE ... DO ... END WHILE},
 * {@code REPEAT ... UNTIL ... END REPEAT} and MariaDB's {@code FOR ... DO ... END FOR}. It is the body of a routine,
 * trigger or event, and MariaDB also runs one outside any routine, where each statement in it runs as if sent on its
 * own: {@link StatementSplitter} keeps it in one piece ({@link #end}), and the scanner judges the statements in it one
 * by one ({@link #scan}).
 *
 * <p>Where a block ends is read from statement positions, never from words alone: {@code BEGIN}, {@code END},
 * {@code IF} and {@code REPEAT} are also column names, functions ({@code IF(a, b, c)}, {@code REPEAT('x', 3)}) and
 * the end of a CASE expression. A keyword opens or closes a block only where a statement starts: after a semicolon,
 * after {@code BEGIN [NOT ATOMIC]}, {@code LOOP}, {@code REPEAT}, {@code ELSE}, a label, the {@code THEN} of an
 * {@code IF}/{@code ELSEIF}/{@code WHEN} header, the {@code DO} of a {@code WHILE}/{@code FOR} header, or a handler's
 * condition list ({@code DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN ... END}). Elsewhere {@code CASE ... END} is an
 * expression, and the {@code END} after {@code UNTIL cond} closes the REPEAT.
 */
final class CompoundStatement {

    private CompoundStatement() {
    }

    /**
     * Whether the top-level statement at {@code k} is a compound statement: {@code BEGIN NOT ATOMIC},
     * {@code IF}, {@code CASE}, {@code LOOP}, {@code WHILE}, {@code REPEAT}, {@code FOR}, or a label followed by one.
     * A plain {@code BEGIN} or {@code BEGIN WORK} starts a transaction.
     */
    static boolean startsCompound(Tokens t, int k, int to) {
        int afterLabel = labelEnd(t, k, to);
        if (afterLabel > 0) {
            return afterLabel < to && opensBlock(t, afterLabel, to);
        }
        if (is(t, k, "BEGIN")) {
            return t.isWord(k + 1, "NOT") && t.isWord(k + 2, "ATOMIC") && k + 2 < to;
        }
        return opensBlock(t, k, to);
    }

    /** Whether the statement at {@code k}, where a routine body or a compound statement starts, opens a block. */
    static boolean opensBlock(Tokens t, int k, int to) {
        if (k < 0 || k >= to) {
            return false;
        }
        int afterLabel = labelEnd(t, k, to);
        if (afterLabel > 0) {
            return afterLabel < to && opensBlock(t, afterLabel, to);
        }
        return is(t, k, "BEGIN") || is(t, k, "IF") || is(t, k, "CASE") || is(t, k, "LOOP") || is(t, k, "WHILE")
                || is(t, k, "REPEAT") || is(t, k, "FOR");
    }

    /** The leading keyword of the compound statement at {@code k} (after its label), upper case. */
    static String command(Tokens t, int k, int to) {
        int afterLabel = labelEnd(t, k, to);
        int opener = afterLabel > 0 ? afterLabel : k;
        String text = t.upper(opener);
        return text.startsWith(":") ? text.substring(1) : text;
    }

    /**
     * The index of the END that closes the block opened at {@code body} (a position where a statement starts), or
     * -1 when it is not closed before {@code to}.
     */
    static int end(Tokens t, int body, int to) {
        int base = t.depth(body);
        int blocks = 0;
        int caseExpressions = 0;
        boolean statementStart = true;
        boolean awaitThen = false;
        boolean awaitDo = false;
        boolean until = false;
        boolean ended = false;
        for (int k = body; k < to; k++) {
            int depth = t.depth(k);
            if (depth < base) {
                return -1;
            }
            if (depth > base) {
                continue;
            }
            if (t.is(k, TokenType.SEMICOLON)) {
                if (blocks <= 0) {
                    return -1;
                }
                statementStart = true;
                caseExpressions = 0;
                awaitThen = false;
                awaitDo = false;
                until = false;
                ended = false;
                continue;
            }
            if (ended) {
                continue; // END IF, END LOOP label, ...
            }
            boolean atStart = statementStart;
            statementStart = false;
            if (atStart) {
                int afterLabel = labelEnd(t, k, to);
                if (afterLabel > 0) {
                    k = afterLabel - 1;
                    statementStart = true;
                    continue;
                }
            }
            if (!t.is(k, TokenType.WORD) && !(atStart && t.is(k, TokenType.PARAMETER))
                    || t.is(k - 1, TokenType.DOT) || t.isWord(k - 1, "AS")) {
                continue;
            }
            if (atStart) {
                if (is(t, k, "BEGIN")) {
                    blocks++;
                    statementStart = true;
                    if (t.isWord(k + 1, "NOT") && t.isWord(k + 2, "ATOMIC")) {
                        k += 2;
                    }
                } else if (is(t, k, "LOOP") || is(t, k, "REPEAT")) {
                    blocks++;
                    statementStart = true;
                } else if (is(t, k, "IF") || is(t, k, "CASE")) {
                    blocks++;
                    awaitThen = true;
                } else if (is(t, k, "WHILE") || is(t, k, "FOR")) {
                    blocks++;
                    awaitDo = true;
                } else if (t.isWord(k, "ELSEIF") || t.isWord(k, "WHEN")) {
                    awaitThen = true;
                } else if (t.isWord(k, "ELSE")) {
                    statementStart = true;
                } else if (t.isWord(k, "UNTIL")) {
                    until = true;
                } else if (t.isWord(k, "END")) {
                    if (--blocks <= 0) {
                        return blocks == 0 ? k : -1;
                    }
                    ended = true;
                } else if (t.isWord(k, "DECLARE")) {
                    int handler = handlerStatement(t, k, to);
                    if (handler > 0) {
                        k = handler - 1;
                        statementStart = true;
                    }
                }
                continue;
            }
            if (t.isWord(k, "CASE")) {
                caseExpressions++;
            } else if (t.isWord(k, "END")) {
                if (caseExpressions > 0) {
                    caseExpressions--;
                } else if (until) {
                    if (--blocks <= 0) {
                        return blocks == 0 ? k : -1;
                    }
                    until = false;
                    ended = true;
                }
            } else if (t.isWord(k, "THEN")) {
                if (awaitThen && caseExpressions == 0) {
                    awaitThen = false;
                    statementStart = true;
                }
            } else if (t.isWord(k, "DO") && awaitDo && caseExpressions == 0) {
                awaitDo = false;
                statementStart = true;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------------------------------------------------
    // judging what a compound statement runs

    /**
     * Has every statement inside the compound statement {@code t[from, to)} classified by {@code scanner}, as if each
     * had been sent on its own; returns whether any of them writes. The queries of {@code DECLARE c CURSOR FOR query}
     * and {@code FOR rec IN (query) DO} count as statements; declarations, labels, conditions and procedural statements
     * ({@code LEAVE}, {@code ITERATE}, {@code SIGNAL}, ...) act on no table.
     */
    static boolean scan(StatementScanner scanner, Tokens t, int from, int to, int nest) {
        int depth = t.depth(from);
        boolean writes = false;
        int start = from;
        for (int k = from; k <= to; k++) {
            if (k == to || t.is(k, TokenType.SEMICOLON) && t.depth(k) == depth) {
                if (k > start) {
                    writes |= statement(scanner, t, start, k, nest);
                }
                start = k + 1;
            }
        }
        return writes;
    }

    /** One piece between semicolons: the control structure leading it is stripped, what remains is classified. */
    private static boolean statement(StatementScanner scanner, Tokens t, int k, int b, int nest) {
        boolean writes = false;
        while (k < b) {
            int afterLabel = labelEnd(t, k, b);
            if (afterLabel > 0) {
                k = afterLabel;
            } else if (is(t, k, "BEGIN")) {
                k += t.isWord(k + 1, "NOT") && t.isWord(k + 2, "ATOMIC") ? 3 : 1;
            } else if (is(t, k, "LOOP") || is(t, k, "REPEAT") || t.isWord(k, "ELSE")) {
                k++;
            } else if (is(t, k, "IF") || t.isWord(k, "ELSEIF") || t.isWord(k, "WHEN")) {
                k = Math.min(b, headerKeyword(t, k, b, "THEN") + 1);
            } else if (is(t, k, "CASE")) {
                k = headerKeyword(t, k, b, "WHEN");
            } else if (is(t, k, "WHILE")) {
                k = Math.min(b, headerKeyword(t, k, b, "DO") + 1);
            } else if (is(t, k, "FOR")) {
                int doAt = headerKeyword(t, k, b, "DO");
                writes |= forQuery(scanner, t, k, doAt, nest);
                k = Math.min(b, doAt + 1);
            } else if (t.isWord(k, "DECLARE")) {
                int handler = handlerStatement(t, k, b);
                if (handler < 0) {
                    return writes | cursorQuery(scanner, t, k, b, nest);
                }
                k = handler;
            } else {
                break;
            }
        }
        if (k >= b || t.isWord(k, "END") || t.isWord(k, "UNTIL") || isProcedural(t, k)) {
            return writes;
        }
        return writes | scanner.classifyStatement(k, b, nest);
    }

    private static boolean isProcedural(Tokens t, int k) {
        return t.isWord(k, "LEAVE") || t.isWord(k, "ITERATE") || t.isWord(k, "SIGNAL") || t.isWord(k, "RESIGNAL")
                || t.isWord(k, "GET") || t.isWord(k, "RETURN") || t.isWord(k, "OPEN") || t.isWord(k, "CLOSE")
                || t.isWord(k, "FETCH");
    }

    /** {@code FOR rec IN (query) DO}: the query runs; {@code FOR i IN 1 .. 10} and {@code FOR rec IN cursor} do not. */
    private static boolean forQuery(StatementScanner scanner, Tokens t, int k, int doAt, int nest) {
        int in = headerKeyword(t, k, doAt, "IN");
        int q = in + 1;
        if (t.isWord(q, "REVERSE")) {
            q++;
        }
        if (q < doAt && t.is(q, TokenType.LEFT_PAREN)) {
            int close = t.closingParen(q, doAt);
            return scanner.classifyStatement(q + 1, close, nest);
        }
        return false;
    }

    /** {@code DECLARE name CURSOR [(params)] FOR query}: the query runs when the cursor is opened. */
    private static boolean cursorQuery(StatementScanner scanner, Tokens t, int k, int b, int nest) {
        if (!t.isWord(k + 2, "CURSOR")) {
            return false; // a variable or a condition
        }
        int forAt = headerKeyword(t, k + 2, b, "FOR");
        return forAt + 1 < b && scanner.classifyStatement(forAt + 1, b, nest);
    }

    /**
     * The index of the first {@code keyword} after {@code k} at {@code k}'s depth and outside CASE expressions, or
     * {@code b}.
     */
    private static int headerKeyword(Tokens t, int k, int b, String keyword) {
        int depth = t.depth(k);
        int caseExpressions = 0;
        for (int j = k + 1; j < b; j++) {
            if (t.depth(j) != depth || t.is(j - 1, TokenType.DOT)) {
                continue;
            }
            if (caseExpressions == 0 && t.isWord(j, keyword)) {
                return j;
            }
            if (t.isWord(j, "CASE")) {
                caseExpressions++;
            } else if (t.isWord(j, "END") && caseExpressions > 0) {
                caseExpressions--;
            }
        }
        return b;
    }

    /**
     * For {@code DECLARE {CONTINUE|EXIT|UNDO} HANDLER FOR condition [, ...] statement}, the index where the handler's
     * statement starts; -1 for any other DECLARE. A condition is {@code SQLSTATE [VALUE] 'code'}, {@code NOT FOUND},
     * {@code SQLWARNING}, {@code SQLEXCEPTION}, an error number or a condition name.
     */
    private static int handlerStatement(Tokens t, int k, int to) {
        int j = k + 1;
        if (!t.isWord(j, "CONTINUE") && !t.isWord(j, "EXIT") && !t.isWord(j, "UNDO")) {
            return -1;
        }
        if (!t.isWord(j + 1, "HANDLER") || !t.isWord(j + 2, "FOR")) {
            return -1;
        }
        j += 3;
        while (j < to) {
            if (t.isWord(j, "SQLSTATE")) {
                j += t.isWord(j + 1, "VALUE") ? 3 : 2;
            } else if (t.isWord(j, "NOT") && t.isWord(j + 1, "FOUND")) {
                j += 2;
            } else {
                j++;
            }
            if (t.is(j, TokenType.COMMA)) {
                j++;
            } else {
                break;
            }
        }
        return j < to && !t.is(j, TokenType.SEMICOLON) ? j : -1;
    }

    /**
     * For a label at {@code k} ({@code name:} or {@code `name` :}), the index of the token after it; -1 when there is
     * none. {@code name:BEGIN} is read as the word and the parameter {@code :BEGIN}: then the index of that parameter,
     * which {@link #is} reads as the keyword.
     */
    private static int labelEnd(Tokens t, int k, int to) {
        if (k + 1 >= to || !t.is(k, TokenType.WORD) && !t.is(k, TokenType.QUOTED_IDENTIFIER)) {
            return -1;
        }
        if (t.is(k + 1, TokenType.OTHER) && t.length(k + 1) == 1 && t.source.charAt(t.start(k + 1)) == ':') {
            return k + 2;
        }
        if (t.is(k + 1, TokenType.PARAMETER) && t.source.charAt(t.start(k + 1)) == ':' && t.length(k + 1) > 1) {
            return k + 1;
        }
        return -1;
    }

    /** Whether token {@code k} is the word {@code keyword}, or the parameter {@code :keyword} right after a label. */
    private static boolean is(Tokens t, int k, String keyword) {
        if (t.isWord(k, keyword)) {
            return true;
        }
        return t.is(k, TokenType.PARAMETER) && t.length(k) == keyword.length() + 1
                && t.source.charAt(t.start(k)) == ':'
                && t.source.regionMatches(true, t.start(k) + 1, keyword, 0, keyword.length());
    }
}
