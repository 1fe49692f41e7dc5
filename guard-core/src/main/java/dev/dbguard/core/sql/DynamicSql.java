package dev.dbguard.core.sql;

/**
 * Rebuilds, as far as it can be known before run time, the SQL text an expression handed to {@code EXECUTE}
 * produces: string literals give their text, {@code format('fmt', ...)} its format with every {@code %I}/{@code %L}/
 * {@code %s} as {@code ?}, {@code concat(...)} its arguments, and any other operand of {@code ||} becomes a
 * {@code ?} placeholder glued to its neighbours. {@code 'DROP TABLE ' || t} thus reads {@code DROP TABLE ?}: the
 * command is known, the object is not.
 */
final class DynamicSql {

    private static final int MAX_NESTING = 16;

    private DynamicSql() {
    }

    static String text(Tokens t, int from, int to) {
        StringBuilder sql = new StringBuilder();
        concatenation(t, from, to, sql, 0);
        return sql.toString();
    }

    private static void concatenation(Tokens t, int from, int to, StringBuilder sql, int nest) {
        if (from >= to) {
            return;
        }
        int depth = t.depth(from);
        int operand = from;
        for (int k = from; k <= to; k++) {
            if (k == to || (t.depth(k) == depth && t.isOperator(k, "||"))) {
                operand(t, operand, k, sql, nest);
                operand = k + 1;
            }
        }
    }

    private static void operand(Tokens t, int a, int b, StringBuilder sql, int nest) {
        if (a >= b) {
            return;
        }
        if (t.is(a, TokenType.STRING)) {
            int k = a;
            while (k < b && t.is(k, TokenType.STRING)) {
                sql.append(t.stringValue(k)); // adjacent literals continue one another
                k++;
            }
            if (k == b || t.isOperator(k, "::")) {
                return;
            }
        } else if (nest < MAX_NESTING && t.is(a, TokenType.LEFT_PAREN) && t.closingParen(a, b) == b - 1) {
            concatenation(t, a + 1, b - 1, sql, nest + 1);
            return;
        } else if (nest < MAX_NESTING && t.is(a, TokenType.WORD) && t.is(a + 1, TokenType.LEFT_PAREN)
                && t.closingParen(a + 1, b) == b - 1) {
            if (t.isWord(a, "FORMAT") && t.is(a + 2, TokenType.STRING)) {
                format(t.stringValue(a + 2), sql);
                return;
            }
            if (t.isWord(a, "CONCAT")) {
                int depth = t.depth(a + 2);
                int argument = a + 2;
                for (int k = a + 2; k <= b - 1; k++) {
                    if (k == b - 1 || (t.depth(k) == depth && t.is(k, TokenType.COMMA))) {
                        concatenation(t, argument, k, sql, nest + 1);
                        argument = k + 1;
                    }
                }
                return;
            }
        }
        sql.append('?');
    }

    /** Appends a {@code format()} pattern, each conversion ({@code %s}, {@code %I}, {@code %L}, {@code %1$I}) as {@code ?}. */
    private static void format(String pattern, StringBuilder sql) {
        int n = pattern.length();
        for (int i = 0; i < n; i++) {
            char c = pattern.charAt(i);
            if (c != '%') {
                sql.append(c);
                continue;
            }
            if (i + 1 < n && pattern.charAt(i + 1) == '%') {
                sql.append('%');
                i++;
                continue;
            }
            int j = i + 1;
            while (j < n && "0123456789$-*".indexOf(pattern.charAt(j)) >= 0) {
                j++;
            }
            sql.append('?');
            i = Math.min(j, n - 1);
        }
    }
}
