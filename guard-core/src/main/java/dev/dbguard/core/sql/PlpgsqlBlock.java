package dev.dbguard.core.sql;

/**
 * Finds the SQL statements inside a PL/pgSQL block ({@code DO} body) and has them classified.
 *
 * <p>The body is split at its top-level semicolons; each piece is stripped of the control structure that leads it
 * ({@code <<label>>}, {@code DECLARE}, {@code BEGIN}, {@code EXCEPTION WHEN ... THEN}, {@code IF/ELSIF ... THEN},
 * {@code ELSE}, {@code CASE ... WHEN ... THEN}, {@code LOOP}, {@code WHILE ... LOOP}, {@code FOR ... IN query LOOP})
 * and what remains is one PL/pgSQL statement: SQL (classified like any statement), {@code EXECUTE expr} (the text
 * it builds is classified), {@code RETURN QUERY}, {@code OPEN ... FOR}, or a procedural statement (assignment,
 * {@code PERFORM}, {@code RAISE}, {@code END ...}) that acts on no table. Pieces inside a DECLARE section are
 * declarations.
 */
final class PlpgsqlBlock {

    private PlpgsqlBlock() {
    }

    static void scan(StatementScanner scanner, Tokens t, int nest) {
        int[] pieces = StatementSplitter.splitPostgresql(t);
        boolean declaring = false;
        for (int p = 0; p < pieces.length; p += 2) {
            int b = pieces[p + 1];
            int k = pieces[p];
            boolean declaration = false;
            while (k < b) {
                if (t.isOperator(k, "<<") && t.isOperator(k + 2, ">>") && k + 2 < b) {
                    k += 3;
                } else if (t.isWord(k, "DECLARE")) {
                    declaring = true;
                    k++;
                } else if (t.isWord(k, "BEGIN")) {
                    declaring = false;
                    k++;
                } else if (declaring) {
                    declaration = true;
                    break;
                } else if (t.isWord(k, "EXCEPTION") || t.isWord(k, "ELSE") || t.isWord(k, "LOOP")) {
                    k++;
                } else if (t.isWord(k, "IF") || t.isWord(k, "ELSIF") || t.isWord(k, "ELSEIF") || t.isWord(k, "WHEN")) {
                    k = after(t, k, b, "THEN");
                } else if (t.isWord(k, "WHILE")) {
                    k = after(t, k, b, "LOOP");
                } else if (t.isWord(k, "CASE")) {
                    k = at(t, k, b, "WHEN");
                } else if (t.isWord(k, "FOR") || t.isWord(k, "FOREACH")) {
                    k = forLoop(scanner, t, k, b, nest);
                } else {
                    break;
                }
            }
            if (declaration || k >= b || t.isWord(k, "END")) {
                continue;
            }
            statement(scanner, t, k, b, nest);
        }
    }

    private static void statement(StatementScanner scanner, Tokens t, int k, int b, int nest) {
        if (t.isWord(k, "EXECUTE")) {
            scanner.classifyDynamic(k + 1, b, nest);
        } else if (t.isWord(k, "RETURN") && t.isWord(k + 1, "QUERY")) {
            query(scanner, t, k + 2, b, nest);
        } else if (t.isWord(k, "OPEN")) {
            int forAt = at(t, k, b, "FOR");
            if (forAt < b) {
                query(scanner, t, forAt + 1, b, nest);
            }
        } else if (!t.isWord(k, "PERFORM") && !isAssignment(t, k, b)) {
            scanner.classifyStatement(k, b, nest);
        }
    }

    private static void query(StatementScanner scanner, Tokens t, int k, int b, int nest) {
        if (t.isWord(k, "EXECUTE")) {
            scanner.classifyDynamic(k + 1, b, nest);
        } else if (k < b) {
            scanner.classifyStatement(k, b, nest);
        }
    }

    /** {@code FOR target IN [REVERSE] query LOOP}: the query (possibly {@code DELETE ... RETURNING}) runs. */
    private static int forLoop(StatementScanner scanner, Tokens t, int k, int b, int nest) {
        int in = at(t, k, b, "IN");
        int loop = at(t, k, b, "LOOP");
        if (in < loop) {
            int q = in + 1;
            if (t.isWord(q, "REVERSE")) {
                q++;
            }
            if (t.isWord(q, "EXECUTE")) {
                scanner.classifyDynamic(q + 1, loop, nest);
            } else if (t.isWord(q, "SELECT") || t.isWord(q, "WITH") || t.isWord(q, "DELETE") || t.isWord(q, "UPDATE")
                    || t.isWord(q, "INSERT") || t.isWord(q, "VALUES") || t.isWord(q, "TABLE")
                    || t.isWord(q, "MERGE") || t.is(q, TokenType.LEFT_PAREN)) {
                scanner.classifyStatement(q, loop, nest);
            }
        }
        return loop + 1;
    }

    /** {@code name[.field][[i]] := expr} or {@code = expr}. */
    private static boolean isAssignment(Tokens t, int k, int b) {
        int j = k + 1;
        while (j + 1 < b && t.is(j, TokenType.DOT)) {
            j += 2;
        }
        while (j < b && t.is(j, TokenType.OTHER) && t.source.charAt(t.start(j)) == '[') {
            while (j < b && !(t.is(j, TokenType.OTHER) && t.source.charAt(t.start(j)) == ']')) {
                j++;
            }
            j++;
        }
        return j < b && (t.isOperator(j, ":=") || t.isOperator(j, "="));
    }

    /** The index of the first top-level {@code keyword} after {@code k}, or {@code b}. */
    private static int at(Tokens t, int k, int b, String keyword) {
        int depth = t.depth(k);
        for (int j = k + 1; j < b; j++) {
            if (t.depth(j) == depth && t.isWord(j, keyword)) {
                return j;
            }
        }
        return b;
    }

    private static int after(Tokens t, int k, int b, String keyword) {
        return Math.min(b, at(t, k, b, keyword) + 1);
    }
}
