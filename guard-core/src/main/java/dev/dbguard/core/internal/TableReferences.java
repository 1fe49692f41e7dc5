package dev.dbguard.core.internal;

import java.util.Set;

/**
 * Reads the tables a DELETE, UPDATE or MERGE names from its tokens into a {@link RowScope}: FROM and USING lists,
 * MySQL's table list before SET, joins with their ON conditions or USING columns, aliases, subqueries and functions
 * in FROM. The scanner's side of the shared definition; the JSqlParser path gives the same tables from its tree.
 */
final class TableReferences {

    /** Words that start a join; they end an ON condition and are never an alias. */
    static final Set<String> JOIN_WORDS = Set.of("JOIN", "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "NATURAL",
            "STRAIGHT_JOIN", "OUTER");
    /** Words that follow a table reference and are never its alias. */
    static final Set<String> CLAUSE_WORDS = Set.of("WHERE", "USING", "RETURNING", "ORDER", "LIMIT",
            "PARTITION", "FROM", "SET", "ON", "WINDOW", "FOR", "GROUP", "HAVING", "WHEN", "USE", "FORCE", "IGNORE",
            "TABLESAMPLE", "LATERAL", "OFFSET", "FETCH", "UNION", "INTERSECT", "EXCEPT", "THEN", "VALUES", "SELECT");

    private TableReferences() {
    }

    /**
     * Reads a list of table references at {@code tokens[k, end)} (a FROM or USING list, MySQL's tables before SET,
     * joins with their ON conditions) and adds them; returns the index of the first token it did not read.
     */
    static int readReferences(RowScope scope, Tokens t, int k, int end) {
        while (k < end) {
            int before = scope.size();
            int next = readItem(scope, t, k, end);
            if (next == k) {
                break;
            }
            k = next;
            int item = Math.max(before, scope.size() - 1);
            if (scope.size() == before) {
                item = scope.derived(null);
            }
            if (t.isWord(k, "ON") && k < end) {
                int onEnd = endOfOn(t, k + 1, end);
                scope.join(item, new RowScope.Condition(t, k + 1, onEnd, false));
                k = onEnd;
            } else if (t.isWord(k, "USING") && t.is(k + 1, TokenType.LEFT_PAREN) && k + 1 < end) {
                scope.usingJoin(item);
                k = t.closingParen(k + 1, end) + 1;
            }
            if (k < end && t.is(k, TokenType.COMMA)) {
                k++;
                continue;
            }
            int j = k;
            while (j < end && t.is(j, TokenType.WORD) && JOIN_WORDS.contains(t.upper(j))
                    && !t.is(j + 1, TokenType.LEFT_PAREN) && !t.isWord(j, "JOIN") && !t.isWord(j, "STRAIGHT_JOIN")) {
                j++;
            }
            if (j < end && (t.isWord(j, "JOIN") || t.isWord(j, "STRAIGHT_JOIN"))) {
                k = j + 1;
                continue;
            }
            break;
        }
        return k;
    }

    /**
     * Reads one table reference at {@code tokens[k, end)}: {@code [ONLY] name [*] [PARTITION (...)] [[AS] alias]},
     * a subquery or function with its alias, or a parenthesized join; adds it and returns the index after it, or
     * {@code k} when there is none.
     */
    static int readItem(RowScope scope, Tokens t, int k, int end) {
        while (k < end && (t.isWord(k, "LATERAL") || t.isWord(k, "ONLY"))) {
            k++;
        }
        if (k >= end) {
            return k;
        }
        if (t.is(k, TokenType.LEFT_PAREN)) {
            int close = t.closingParen(k, end);
            if (RowScope.isSubquery(t, k, close)) {
                k = close + 1;
                String[] alias = new String[1];
                k = readAlias(t, k, end, alias);
                scope.derived(alias[0]);
            } else {
                int before = scope.size();
                readReferences(scope, t, k + 1, close);
                k = readAlias(t, close + 1, end, new String[1]);
                if (scope.size() == before) {
                    scope.derived(null);
                }
            }
            return skipColumnList(t, k, end);
        }
        if (!(RowScope.isIdentifier(t, k) || t.is(k, TokenType.PARAMETER))) {
            return k;
        }
        String[] alias = new String[1];
        if (!(k + 1 < end && (t.start(k + 1) == t.end(k) || t.is(k + 1, TokenType.DOT)))
                && !t.is(k, TokenType.PARAMETER) && !(k + 1 < end && t.is(k + 1, TokenType.LEFT_PAREN))) {
            // the common case: a name of one identifier, nothing glued to it
            return plainTable(scope, t, k + 1, end, t.identifier(k), alias);
        }
        StringBuilder name = new StringBuilder();
        boolean dynamic = false;
        int j = k;
        while (true) {
            do {
                if (t.is(j, TokenType.PARAMETER)) {
                    dynamic = true;
                } else {
                    name.append(t.identifier(j));
                }
                j++;
            } while (j < end && t.start(j) == t.end(j - 1) && (RowScope.isIdentifier(t, j) || t.is(j, TokenType.PARAMETER)
                    || t.is(j, TokenType.NUMBER)));
            if (j + 1 < end && t.is(j, TokenType.DOT) && (RowScope.isIdentifier(t, j + 1) || t.is(j + 1, TokenType.PARAMETER))) {
                name.append('.');
                j++;
                continue;
            }
            break;
        }
        if (j < end && t.is(j, TokenType.LEFT_PAREN)) {
            // a function in FROM: generate_series(1, 10) AS g
            j = t.closingParen(j, end) + 1;
            if (t.isWord(j, "WITH") && t.isWord(j + 1, "ORDINALITY")) {
                j += 2;
            }
            j = readAlias(t, j, end, alias);
            scope.derived(alias[0]);
            return skipColumnList(t, j, end);
        }
        return plainTable(scope, t, j, end, dynamic ? null : name.toString(), alias);
    }

    /** The rest of a table item after its name ({@code *}, partitions, alias, index hints, sampling). */
    private static int plainTable(RowScope scope, Tokens t, int j, int end, String name, String[] alias) {
        if (j < end && t.isOperator(j, "*")) {
            j++;
        }
        if (t.isWord(j, "PARTITION") && t.is(j + 1, TokenType.LEFT_PAREN) && j + 1 < end) {
            j = t.closingParen(j + 1, end) + 1;
        }
        j = readAlias(t, j, end, alias);
        j = skipColumnList(t, j, end);
        while (j < end && (t.isWord(j, "USE") || t.isWord(j, "FORCE") || t.isWord(j, "IGNORE"))
                && (t.isWord(j + 1, "INDEX") || t.isWord(j + 1, "KEY"))) {
            int open = j + 2;
            if (t.isWord(open, "FOR")) {
                open += t.isWord(open + 1, "JOIN") ? 2 : 3;
            }
            j = t.is(open, TokenType.LEFT_PAREN) ? t.closingParen(open, end) + 1 : open;
        }
        if (t.isWord(j, "TABLESAMPLE")) {
            j += 2;
            if (t.is(j, TokenType.LEFT_PAREN)) {
                j = t.closingParen(j, end) + 1;
            }
            if (t.isWord(j, "REPEATABLE") && t.is(j + 1, TokenType.LEFT_PAREN)) {
                j = t.closingParen(j + 1, end) + 1;
            }
        }
        scope.table(name, alias[0]);
        return Math.min(j, end);
    }

    static int readAlias(Tokens t, int k, int end, String[] alias) {
        if (k >= end) {
            return k;
        }
        if (t.isWord(k, "AS")) {
            if (k + 1 < end && RowScope.isIdentifier(t, k + 1)) {
                alias[0] = t.identifier(k + 1);
                return k + 2;
            }
            return k + 1;
        }
        if (t.is(k, TokenType.QUOTED_IDENTIFIER)
                || t.is(k, TokenType.WORD) && !CLAUSE_WORDS.contains(t.upper(k)) && !JOIN_WORDS.contains(t.upper(k))) {
            alias[0] = t.identifier(k);
            return k + 1;
        }
        return k;
    }

    /** PostgreSQL's column aliases after a table alias: {@code AS x (a, b)}. */
    private static int skipColumnList(Tokens t, int k, int end) {
        return k < end && t.is(k, TokenType.LEFT_PAREN) ? t.closingParen(k, end) + 1 : k;
    }

    /** Where the ON condition starting at {@code k} ends: at a comma, join word or clause word at its level. */
    private static int endOfOn(Tokens t, int k, int end) {
        if (k >= end) {
            return end;
        }
        int level = t.depth(k);
        int cases = 0;
        for (int j = k; j < end; j++) {
            if (t.depth(j) != level) {
                continue;
            }
            if (t.is(j, TokenType.COMMA) && cases == 0) {
                return j;
            }
            if (!t.is(j, TokenType.WORD)) {
                continue;
            }
            String word = t.upper(j);
            if (word.equals("CASE")) {
                cases++;
            } else if (word.equals("END") && cases > 0) {
                cases--;
            } else if (cases == 0 && (JOIN_WORDS.contains(word) && !t.is(j + 1, TokenType.LEFT_PAREN)
                    || word.equals("WHERE") || word.equals("SET") || word.equals("RETURNING")
                    || word.equals("ORDER") || word.equals("LIMIT") || word.equals("GROUP") || word.equals("HAVING")
                    || word.equals("WINDOW") || word.equals("USING") || word.equals("WHEN"))) {
                return j;
            }
        }
        return end;
    }
}
