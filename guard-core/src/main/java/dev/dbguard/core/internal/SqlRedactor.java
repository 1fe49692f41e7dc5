package dev.dbguard.core.internal;

/**
 * Hides the values in a SQL string so it can be written to an audit log: every literal (strings of every form,
 * dollar-quoted bodies, numbers) becomes {@code ?}, comments are dropped, and each run of whitespace becomes one
 * space. Keywords, identifiers, operators, bind parameters and {@code TRUE}/{@code FALSE}/{@code NULL} stay as
 * written. {@code SELECT * FROM users WHERE email = 'a@b.c' -- x} becomes
 * {@code SELECT * FROM users WHERE email = ?}.
 */
public final class SqlRedactor {

    private SqlRedactor() {
    }

    /** The redacted form of {@code sql} read the PostgreSQL way; an empty string for null, empty or comment-only input. */
    public static String redact(String sql) {
        return redact(sql, LexicalRules.POSTGRESQL);
    }

    /**
     * The redacted form of {@code sql} read with {@code rules} (so that a MySQL {@code "string"} is hidden too); an
     * empty string for null, empty or comment-only input.
     */
    public static String redact(String sql, LexicalRules rules) {
        if (sql == null || sql.isEmpty()) {
            return "";
        }
        Tokens tokens = Lexer.lex(sql, rules);
        StringBuilder out = new StringBuilder(sql.length());
        for (int i = 0; i < tokens.size(); i++) {
            if (i > 0 && tokens.start(i) > tokens.end(i - 1)) {
                out.append(' ');
            }
            TokenType type = tokens.type(i);
            if (type == TokenType.STRING || type == TokenType.NUMBER) {
                out.append('?');
            } else {
                out.append(sql, tokens.start(i), tokens.end(i));
            }
        }
        return out.toString();
    }
}
