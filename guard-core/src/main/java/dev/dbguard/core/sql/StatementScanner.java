package dev.dbguard.core.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Tells what one statement does from its tokens alone: the command, whether it writes, and the destructive actions
 * in it. This is how statements JSqlParser cannot parse are judged, and where {@code command} and {@code writes}
 * always come from, so it decides from structure (which keyword leads, which {@code WHERE} is at the statement's own
 * level), never from the mere presence of a word.
 *
 * <p>It looks through {@code WITH} (every CTE body is classified: a data-modifying CTE counts), parentheses,
 * {@code EXPLAIN ANALYZE} (which executes), MariaDB's {@code ANALYZE stmt}, {@code PREPARE name AS stmt},
 * {@code PREPARE name FROM 'text'}, and the PL/pgSQL bodies of {@code DO} blocks including the text handed to
 * {@code EXECUTE}; a query headed by WITH is judged wherever it nests (subqueries, {@code INSERT INTO t WITH ...},
 * {@code CREATE TABLE|VIEW ... AS}, {@code DECLARE ... CURSOR FOR}), and so is every statement of a MySQL/MariaDB
 * compound statement ({@link CompoundStatement}). Work is linear in the number of tokens, with nesting bounded by
 * {@link #MAX_NESTING}.
 */
final class StatementScanner {

    /** How deep statements may nest (CTEs in CTEs, DO in EXECUTE in DO, ...) before the scanner stops looking. */
    static final int MAX_NESTING = 24;

    private static final String UNKNOWN = "UNKNOWN";

    private final Tokens t;
    private final List<SqlAction> actions;
    private final List<SessionChange> sessionChanges = new ArrayList<>(0);
    private boolean scannerOnly;
    /**
     * How many bodies whose statements may run later or not at all the scanner is inside (compound statements,
     * {@code PREPARE}): a temporary table created there is not remembered.
     */
    private int deferred;

    private record Head(String command, boolean writes) {
    }

    private StatementScanner(Tokens tokens, List<SqlAction> actions) {
        this.t = tokens;
        this.actions = actions;
    }

    /** Classifies the statement made of {@code tokens[from, to)} (one piece from {@link StatementSplitter}). */
    static ScannedStatement scan(Tokens tokens, int from, int to) {
        StatementScanner scanner = new StatementScanner(tokens, new ArrayList<>(2));
        Head head = scanner.classify(from, to, 0);
        scanner.droppedTables();
        return new ScannedStatement(head.command(), head.writes(), scanner.actions, scanner.scannerOnly,
                scanner.sessionChanges);
    }

    /** Classifies one statement given as text, read the PostgreSQL way; a trailing semicolon is ignored. */
    static ScannedStatement scan(String statement) {
        return scan(statement, LexicalRules.POSTGRESQL);
    }

    /** Classifies one statement given as text; a trailing semicolon is ignored. */
    static ScannedStatement scan(String statement, LexicalRules rules) {
        Tokens tokens = Lexer.lex(statement, rules);
        int to = tokens.size();
        while (to > 0 && tokens.is(to - 1, TokenType.SEMICOLON)) {
            to--;
        }
        return scan(tokens, 0, to);
    }

    // ---------------------------------------------------------------------------------------------------------
    // dispatch

    private Head classify(int from, int to, int nest) {
        if (nest > MAX_NESTING) {
            return new Head(UNKNOWN, true);
        }
        int i = from;
        while (i < to && t.is(i, TokenType.LEFT_PAREN)) {
            i++;
        }
        if (i >= to) {
            return new Head(i > from ? UNKNOWN : "", i > from);
        }
        int end = i > from ? endOfLevel(i, to) : to;
        if (!t.is(i, TokenType.WORD)) {
            return new Head(UNKNOWN, true);
        }
        if (t.rules.mysql() && CompoundStatement.startsCompound(t, i, end)) {
            return compound(i, end, nest);
        }
        String command = t.upper(i);
        switch (command) {
            case "SELECT":
                return new Head(command, selectWrites(i, end) | nested(i + 1, end, nest));
            case "VALUES", "DECLARE":
                return new Head(command, nested(i + 1, end, nest));
            case "ROLLBACK", "ABORT":
                // A rolled-back CREATE TEMP TABLE leaves no table behind: forget them all (refusing more, never less).
                sessionChanges.add(new SessionChange(SessionChange.Kind.TEMPORARY_TABLES_DISCARDED, null, null));
                return new Head(command, false);
            case "TABLE", "SHOW", "SET", "RESET", "BEGIN", "START", "COMMIT", "SAVEPOINT",
                 "RELEASE", "END", "FETCH", "MOVE", "CLOSE", "USE", "LISTEN", "UNLISTEN",
                 "NOTIFY", "DEALLOCATE":
                return new Head(command, false);
            case "DISCARD":
                discard(i, end);
                break;
            case "INSERT", "REPLACE", "UPSERT":
                nested(i + 1, end, nest);
                break;
            case "EXPLAIN", "DESCRIBE", "DESC":
                return explain(command, i, end, nest);
            case "ANALYZE", "ANALYSE":
                return analyze(command, i, end, nest);
            case "WITH":
                return with(i, end, nest);
            case "DROP":
                drop(i, end);
                droppedTemporaryTables(i, end);
                break;
            case "TRUNCATE":
                truncate(i, end);
                break;
            case "DELETE":
                delete(i, end);
                nested(i + 1, end, nest);
                break;
            case "UPDATE":
                update(i, end);
                nested(i + 1, end, nest);
                break;
            case "MERGE":
                merge(i, end);
                nested(i + 1, end, nest);
                break;
            case "ALTER":
                alter(i, end);
                break;
            case "CREATE":
                create(i, end, nest);
                break;
            case "PREPARE":
                deferred++; // the prepared statement runs at EXECUTE, if ever
                Head prepared = prepare(i, end, nest);
                deferred--;
                return prepared;
            case "EXECUTE":
                executeImmediate(i, end, nest);
                break;
            case "DO":
                doBlock(i, end, nest);
                break;
            case "COPY":
                return copy(command, i, end, nest);
            default:
                break;
        }
        return new Head(command, true);
    }

    /** The first index at or after {@code i} whose token lies outside the parentheses {@code i} is in. */
    private int endOfLevel(int i, int to) {
        int depth = t.depth(i);
        for (int k = i; k < to; k++) {
            if (t.depth(k) < depth) {
                return k;
            }
        }
        return to;
    }

    private boolean word(int k, int end, String keyword) {
        return k < end && t.isWord(k, keyword);
    }

    private boolean isIdentifier(int k, int end) {
        return k < end && (t.is(k, TokenType.WORD) || t.is(k, TokenType.QUOTED_IDENTIFIER));
    }

    private int skipIfExists(int k, int end) {
        return word(k, end, "IF") && word(k + 1, end, "EXISTS") ? k + 2 : k;
    }

    /** The first token at {@code depth} in {@code [from, end)} that is the word {@code keyword}, or -1. */
    private int find(int from, int end, int depth, String keyword) {
        for (int k = from; k < end; k++) {
            if (t.depth(k) == depth && t.isWord(k, keyword)) {
                return k;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------------------------------------------------
    // reads and wrappers

    /**
     * {@code SELECT ... INTO new_table} creates a table, {@code INTO TEMP[ORARY] [TABLE] name} a temporary one that
     * the session remembers; MySQL's {@code INTO @variable} creates nothing.
     */
    private boolean selectWrites(int i, int end) {
        int depth = t.depth(i);
        for (int k = i + 1; k < end; k++) {
            if (t.depth(k) == depth && t.isWord(k, "INTO")
                    && !(k + 1 < end && t.is(k + 1, TokenType.OPERATOR) && t.source.charAt(t.start(k + 1)) == '@')) {
                int name = k + 1;
                if (word(name, end, "TEMPORARY") || word(name, end, "TEMP")) {
                    name += word(name + 1, end, "TABLE") ? 2 : 1;
                    List<String> names = new ArrayList<>(1);
                    readName(name, end, names);
                    if (!names.isEmpty()) {
                        temporaryTableCreated(names.get(0));
                    }
                }
                return true;
            }
        }
        return false;
    }

    /**
     * Finds the queries nested in the statement {@code t[from, end)} that start with WITH (in a subquery, after
     * {@code INSERT INTO t}, ...) and classifies each: a data-modifying CTE there runs like one at the head of the
     * statement, whatever position it is in. Returns whether any of them writes. Each nested query is classified as
     * a whole and skipped, so that what it holds is classified once.
     */
    private boolean nested(int from, int end, int nest) {
        if (nest >= MAX_NESTING) {
            return true; // too deep to look further: may write (PostgreSQL refuses such a CTE below the top level)
        }
        boolean writes = false;
        for (int k = from; k < end; k++) {
            if (t.isWord(k, "WITH") && startsCteList(k + 1, end) && !t.is(k - 1, TokenType.DOT)) {
                int close = endOfLevel(k, end);
                writes |= with(k, close, nest + 1).writes();
                k = close;
            }
        }
        return writes;
    }

    /** Whether {@code [RECURSIVE] name [(columns)] AS [NOT] [MATERIALIZED] (} starts at {@code k}: a CTE list. */
    private boolean startsCteList(int k, int end) {
        if (word(k, end, "RECURSIVE")) {
            k++;
        }
        if (!isIdentifier(k, end)) {
            return false;
        }
        k++;
        if (k < end && t.is(k, TokenType.LEFT_PAREN)) {
            // a column list holds names and commas only: read it without looking further (linear on any input)
            k++;
            while (k < end && (isIdentifier(k, end) || t.is(k, TokenType.COMMA))) {
                k++;
            }
            if (k >= end || !t.is(k, TokenType.RIGHT_PAREN)) {
                return false;
            }
            k++;
        }
        if (!word(k, end, "AS")) {
            return false;
        }
        k++;
        if (word(k, end, "NOT")) {
            k++;
        }
        if (word(k, end, "MATERIALIZED")) {
            k++;
        }
        return k < end && t.is(k, TokenType.LEFT_PAREN);
    }

    /**
     * A MySQL/MariaDB compound statement ({@code BEGIN NOT ATOMIC ... END}, {@code IF ... END IF}, ...): every
     * statement in it is judged as if sent on its own. Temporary tables it creates are not remembered, since whether
     * its statements run is known only when they do.
     */
    private Head compound(int i, int end, int nest) {
        scannerOnly = true;
        deferred++;
        boolean writes = CompoundStatement.scan(this, t, i, end, nest + 1);
        deferred--;
        return new Head(CompoundStatement.command(t, i, end), writes);
    }

    /**
     * {@code COPY t FROM ...} loads rows; {@code COPY t TO ...} only reads; {@code COPY (query) TO ...} runs the
     * query, which may be {@code DELETE ... RETURNING}.
     */
    private Head copy(String command, int i, int end, int nest) {
        boolean writes = false;
        if (i + 1 < end && t.is(i + 1, TokenType.LEFT_PAREN)) {
            int close = t.closingParen(i + 1, end);
            writes = classify(i + 2, close, nest + 1).writes();
        }
        return new Head(command, writes || copyWrites(i, end));
    }

    private boolean copyWrites(int i, int end) {
        int depth = t.depth(i);
        for (int k = i + 1; k < end; k++) {
            if (t.depth(k) == depth) {
                if (t.isWord(k, "FROM")) {
                    return true;
                }
                if (t.isWord(k, "TO")) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * {@code EXPLAIN stmt} only plans; {@code EXPLAIN ANALYZE stmt} and {@code EXPLAIN (ANALYZE [true]) stmt} run
     * it, so then the inner statement is judged.
     */
    private Head explain(String command, int i, int end, int nest) {
        int k = i + 1;
        boolean analyze = false;
        if (k < end && t.is(k, TokenType.LEFT_PAREN)) {
            int close = t.closingParen(k, end);
            for (int j = k + 1; j < close; j++) {
                if (t.depth(j) == t.depth(k) + 1 && (t.isWord(j, "ANALYZE") || t.isWord(j, "ANALYSE"))) {
                    analyze = !isFalseOption(j + 1, close);
                }
            }
            k = close + 1;
        } else {
            while (k < end && t.is(k, TokenType.WORD)) {
                if (t.isWord(k, "ANALYZE") || t.isWord(k, "ANALYSE")) {
                    analyze = true;
                    k++;
                } else if (t.isWord(k, "VERBOSE") || t.isWord(k, "EXTENDED") || t.isWord(k, "PARTITIONS")) {
                    k++;
                } else if (t.isWord(k, "FORMAT")) {
                    k += t.isOperator(k + 1, "=") ? 3 : 2;
                } else {
                    break;
                }
            }
        }
        if (!analyze) {
            return new Head(command, false);
        }
        return new Head(command, classify(k, end, nest + 1).writes());
    }

    private boolean isFalseOption(int k, int close) {
        if (k >= close || t.is(k, TokenType.COMMA)) {
            return false;
        }
        String value = t.is(k, TokenType.STRING) ? t.stringValue(k) : t.text(k);
        return value.equalsIgnoreCase("false") || value.equalsIgnoreCase("off") || value.equals("0")
                || value.equalsIgnoreCase("no");
    }

    /** MariaDB's {@code ANALYZE [FORMAT=JSON] stmt} runs the statement; PostgreSQL's {@code ANALYZE t} gathers statistics. */
    private Head analyze(String command, int i, int end, int nest) {
        int k = i + 1;
        if (word(k, end, "FORMAT")) {
            k += t.isOperator(k + 1, "=") ? 3 : 2;
        }
        if (word(k, end, "SELECT") || word(k, end, "DELETE") || word(k, end, "UPDATE") || word(k, end, "INSERT")
                || word(k, end, "REPLACE") || word(k, end, "WITH")) {
            return new Head(command, classify(k, end, nest + 1).writes());
        }
        return new Head(command, true);
    }

    /** {@code WITH [RECURSIVE] name [(cols)] AS [NOT] [MATERIALIZED] (body) [SEARCH ...] [CYCLE ...], ... main}. */
    private Head with(int i, int end, int nest) {
        int depth = t.depth(i);
        int k = i + 1;
        if (word(k, end, "RECURSIVE")) {
            k++;
        }
        boolean writes = false;
        while (k < end && isIdentifier(k, end)) {
            k++;
            if (k < end && t.is(k, TokenType.LEFT_PAREN)) {
                k = t.closingParen(k, end) + 1;
            }
            if (!word(k, end, "AS")) {
                break;
            }
            k++;
            if (word(k, end, "NOT")) {
                k++;
            }
            if (word(k, end, "MATERIALIZED")) {
                k++;
            }
            if (k >= end || !t.is(k, TokenType.LEFT_PAREN)) {
                break;
            }
            int close = t.closingParen(k, end);
            writes |= classify(k + 1, close, nest + 1).writes();
            k = close + 1;
            if (word(k, end, "SEARCH")) {
                int set = find(k, end, depth, "SET");
                k = set < 0 ? end : set + 2;
            }
            if (word(k, end, "CYCLE")) {
                int using = find(k, end, depth, "USING");
                k = using < 0 ? end : using + 2;
            }
            if (k < end && t.is(k, TokenType.COMMA)) {
                k++;
            } else {
                break;
            }
        }
        Head main = classify(k, end, nest + 1);
        String command = main.command().isEmpty() ? "WITH" : main.command();
        return new Head(command, writes || main.writes());
    }

    // ---------------------------------------------------------------------------------------------------------
    // names

    /**
     * Reads a possibly qualified name at {@code k} into {@code names} and returns the index after it, or {@code k}
     * when there is no name there. A name that touches a {@code ?} placeholder (dynamic SQL, where the name is built
     * at run time) is read but not reported, since the name written is not the name used.
     */
    private int readName(int k, int end, List<String> names) {
        if (!(isIdentifier(k, end) || (k < end && t.is(k, TokenType.PARAMETER)))) {
            return k;
        }
        if (t.is(k, TokenType.WORD) && !(k + 1 < end && (t.is(k + 1, TokenType.DOT) || t.start(k + 1) == t.end(k)))) {
            names.add(t.text(k)); // the common case: one plain word
            return k + 1;
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
            } while (j < end && t.start(j) == t.end(j - 1)
                    && (isIdentifier(j, end) || t.is(j, TokenType.PARAMETER) || t.is(j, TokenType.NUMBER)));
            if (j + 1 < end && t.is(j, TokenType.DOT)
                    && (isIdentifier(j + 1, end) || t.is(j + 1, TokenType.PARAMETER))) {
                name.append('.');
                j++;
                continue;
            }
            if (j + 1 < end && t.is(j, TokenType.DOT) && t.isOperator(j + 1, "*")) {
                j += 2; // MySQL DELETE t.* FROM ...
            }
            break;
        }
        if (!dynamic) {
            names.add(name.toString());
        }
        return j;
    }

    private static final Set<String> CLAUSE_WORDS = Set.of("WHERE", "USING", "RETURNING", "ORDER",
            "LIMIT", "PARTITION", "FROM", "SET", "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "NATURAL",
            "STRAIGHT_JOIN", "ON", "OUTER", "WINDOW", "FOR");

    private int skipAlias(int k, int end) {
        if (word(k, end, "AS")) {
            return isIdentifier(k + 1, end) ? k + 2 : k + 1;
        }
        if (k < end && t.is(k, TokenType.QUOTED_IDENTIFIER)) {
            return k + 1;
        }
        if (k < end && t.is(k, TokenType.WORD) && !CLAUSE_WORDS.contains(t.upper(k))) {
            return k + 1;
        }
        return k;
    }

    // ---------------------------------------------------------------------------------------------------------
    // destructive commands

    /** {@code DROP <kind> [CONCURRENTLY] [IF EXISTS] name [, ...] [CASCADE | RESTRICT]}, every kind. */
    private void drop(int i, int end) {
        int k = i + 1;
        if (!t.is(k, TokenType.WORD) || k >= end) {
            actions.add(SqlAction.drop(UNKNOWN, List.of()));
            return;
        }
        String first = t.upper(k);
        String kind = first;
        int words = 1;
        switch (first) {
            case "TEMPORARY", "TEMP" -> {
                if (word(k + 1, end, "TABLE")) {
                    return; // MySQL: only ever drops a session's temporary table
                }
            }
            case "PREPARE" -> {
                return; // MySQL: DROP PREPARE = DEALLOCATE PREPARE
            }
            case "MATERIALIZED" -> words = follows(k, end, "VIEW");
            case "FOREIGN" -> words = Math.max(follows(k, end, "TABLE"), follows(k, end, "DATA", "WRAPPER"));
            case "TEXT" -> words = Math.max(Math.max(follows(k, end, "SEARCH", "CONFIGURATION"),
                    follows(k, end, "SEARCH", "DICTIONARY")), Math.max(follows(k, end, "SEARCH", "PARSER"),
                    follows(k, end, "SEARCH", "TEMPLATE")));
            case "EVENT" -> words = follows(k, end, "TRIGGER");
            case "ACCESS" -> words = follows(k, end, "METHOD");
            case "OPERATOR" -> words = Math.max(follows(k, end, "CLASS"), follows(k, end, "FAMILY"));
            case "USER" -> words = follows(k, end, "MAPPING");
            case "PROCEDURAL" -> words = follows(k, end, "LANGUAGE");
            case "LOGFILE", "RESOURCE" -> words = follows(k, end, "GROUP");
            case "UNDO" -> words = follows(k, end, "TABLESPACE");
            case "SPATIAL" -> words = follows(k, end, "REFERENCE", "SYSTEM");
            case "PACKAGE" -> words = follows(k, end, "BODY");
            default -> {
            }
        }
        if (words > 1) {
            StringBuilder joined = new StringBuilder(first);
            for (int w = 1; w < words; w++) {
                joined.append(' ').append(t.upper(k + w));
            }
            kind = joined.toString();
        }
        k += words;
        if (word(k, end, "CONCURRENTLY")) {
            k++;
        }
        k = skipIfExists(k, end);
        if (word(k, end, "BY") || word(k, end, "FOR")) {
            k++; // DROP OWNED BY role, DROP USER MAPPING FOR user, DROP TRANSFORM FOR type
        }
        List<String> names = new ArrayList<>(1);
        boolean operators = first.equals("OPERATOR");
        while (k < end) {
            int next;
            if (t.is(k, TokenType.LEFT_PAREN) && first.equals("CAST")) {
                int close = t.closingParen(k, end);
                int contentEnd = close < end ? t.start(close) : t.end(end - 1);
                names.add(t.source.substring(t.end(k), contentEnd).trim());
                next = close + 1;
            } else if (isIdentifier(k, end) || t.is(k, TokenType.PARAMETER)) {
                next = readName(k, end, names);
            } else if (operators && t.is(k, TokenType.OPERATOR)) {
                names.add(t.text(k));
                next = k + 1;
            } else {
                break;
            }
            if (next < end && t.is(next, TokenType.LEFT_PAREN)) {
                next = t.closingParen(next, end) + 1; // routine signature
            }
            k = next;
            if (k < end && t.is(k, TokenType.COMMA)) {
                k++;
            } else {
                break;
            }
        }
        actions.add(SqlAction.drop(kind, names));
    }

    /** How many words the kind at {@code k} has if {@code more} follow it: 1 + more.length, else 1. */
    private int follows(int k, int end, String... more) {
        for (int w = 0; w < more.length; w++) {
            if (!word(k + 1 + w, end, more[w])) {
                return 1;
            }
        }
        return 1 + more.length;
    }

    /** {@code TRUNCATE [TABLE] [ONLY] name [*] [, ...] [RESTART | CONTINUE IDENTITY] [CASCADE | RESTRICT]}. */
    private void truncate(int i, int end) {
        int k = i + 1;
        if (word(k, end, "TABLE")) {
            k++;
        }
        List<String> names = new ArrayList<>(1);
        while (k < end) {
            if (word(k, end, "ONLY")) {
                k++;
            }
            int next = readName(k, end, names);
            if (next == k) {
                break;
            }
            k = next;
            if (k < end && t.isOperator(k, "*")) {
                k++;
            }
            if (k < end && t.is(k, TokenType.COMMA)) {
                k++;
            } else {
                break;
            }
        }
        actions.add(SqlAction.truncate(names));
    }

    /**
     * PostgreSQL {@code DELETE FROM [ONLY] t [*] [[AS] a] [USING ...] [WHERE ...] [RETURNING ...]}, MySQL
     * {@code DELETE [LOW_PRIORITY] [QUICK] [IGNORE] FROM t ...}, {@code DELETE t1, t2 FROM ...} and
     * {@code DELETE FROM t1, t2 USING ...} (whose targets name tables of the list after FROM / USING; an alias is
     * reported as its table).
     */
    private void delete(int i, int end) {
        int k = i + 1;
        while (word(k, end, "LOW_PRIORITY") || word(k, end, "QUICK") || word(k, end, "IGNORE")) {
            k++;
        }
        List<String> written = new ArrayList<>(1); // as written, null for a name known only at run time
        List<String> aliases = new ArrayList<>(1);
        boolean from = word(k, end, "FROM");
        if (from) {
            k++;
        }
        while (k < end) {
            if (from && word(k, end, "ONLY")) {
                k++;
            }
            List<String> name = new ArrayList<>(1);
            int next = readName(k, end, name);
            if (next == k) {
                break;
            }
            k = next;
            String alias = null;
            if (from) {
                if (k < end && t.isOperator(k, "*")) {
                    k++;
                }
                int afterAlias = skipAlias(k, end);
                if (afterAlias > k && !(afterAlias == k + 1 && t.isWord(k, "AS"))) {
                    alias = t.identifier(afterAlias - 1);
                }
                k = afterAlias;
                if (word(k, end, "PARTITION") && k + 1 < end && t.is(k + 1, TokenType.LEFT_PAREN)) {
                    k = t.closingParen(k + 1, end) + 1;
                }
            }
            written.add(name.isEmpty() ? null : name.get(0));
            aliases.add(alias);
            if (k < end && t.is(k, TokenType.COMMA)) {
                k++;
            } else {
                break;
            }
        }
        RowScope scope = new RowScope();
        List<Integer> targets = new ArrayList<>(written.size());
        boolean listed = word(k, end, "USING") || !from && word(k, end, "FROM");
        if (listed && (!from || written.size() > 1)) {
            // MySQL's multi-table forms: the targets are tables (or aliases) of the list
            k = TableReferences.readReferences(scope, t, k + 1, end);
            for (String name : written) {
                int item = name == null ? -1 : scope.resolve(name);
                targets.add(item >= 0 ? item : scope.table(name, null));
            }
        } else {
            for (int w = 0; w < written.size(); w++) {
                targets.add(scope.table(written.get(w), aliases.get(w)));
            }
            if (targets.isEmpty()) {
                targets.add(scope.table(null, null));
            }
            if (listed) {
                k = TableReferences.readReferences(scope, t, k + 1, end); // PostgreSQL's USING list
            }
        }
        actions.add(SqlAction.delete(scope.names(targets), whereScope(k, end, t.depth(i), scope, targets)));
    }

    /**
     * PostgreSQL {@code UPDATE [ONLY] t [*] [[AS] a] SET ... [FROM ...] [WHERE ...]}, MySQL
     * {@code UPDATE [LOW_PRIORITY] [IGNORE] t1 [a], t2 SET ...} and {@code UPDATE t1 JOIN t2 ON ... SET ...}: the
     * targets are the tables whose columns the SET clause assigns (all tables before SET when an assigned column names
     * none), reported by their names.
     */
    private void update(int i, int end) {
        int depth = t.depth(i);
        int k = i + 1;
        while (word(k, end, "LOW_PRIORITY") || word(k, end, "IGNORE")) {
            k++;
        }
        RowScope scope = new RowScope();
        k = TableReferences.readReferences(scope, t, k, end);
        if (scope.size() == 0) {
            scope.table(null, null);
        }
        int set = word(k, end, "SET") ? k : find(k, end, depth, "SET");
        List<Integer> targets = assignedTables(set, end, depth, scope);
        int clauses = set >= 0 ? set + 1 : k;
        for (int j = clauses; j < end; j++) {
            if (t.depth(j) != depth) {
                continue;
            }
            if (t.isWord(j, "WHERE") || t.isWord(j, "RETURNING")) {
                break;
            }
            if (t.isWord(j, "FROM") && !t.isWord(j - 1, "DISTINCT")) {
                TableReferences.readReferences(scope, t, j + 1, end); // PostgreSQL's UPDATE ... FROM list
                break;
            }
        }
        actions.add(SqlAction.update(scope.names(targets), whereScope(clauses, end, depth, scope, targets)));
    }

    /** The tables the SET clause at {@code set} assigns: those its qualified columns name, else all of them. */
    private List<Integer> assignedTables(int set, int end, int depth, RowScope scope) {
        List<Integer> all = scope.relations();
        if (scope.size() == 1 || set < 0) {
            return all.isEmpty() ? List.of(0) : all;
        }
        List<Integer> assigned = new ArrayList<>(2);
        int k = set + 1;
        while (k < end && isIdentifier(k, end)) {
            int last = k;
            StringBuilder qualifier = new StringBuilder();
            while (last + 2 < end && t.is(last + 1, TokenType.DOT) && isIdentifier(last + 2, end)) {
                qualifier.append(qualifier.length() == 0 ? "" : ".").append(t.identifier(last));
                last += 2;
            }
            int item = qualifier.length() == 0 ? -1 : scope.resolve(qualifier.toString());
            if (item < 0) {
                return all;
            }
            if (!assigned.contains(item)) {
                assigned.add(item);
            }
            k = last + 1;
            while (k < end && !(t.depth(k) == depth && (t.is(k, TokenType.COMMA) || t.isWord(k, "FROM")
                    || t.isWord(k, "WHERE") || t.isWord(k, "ORDER") || t.isWord(k, "LIMIT")
                    || t.isWord(k, "RETURNING")))) {
                k++;
            }
            if (k >= end || !t.is(k, TokenType.COMMA)) {
                return assigned;
            }
            k++;
        }
        return all; // (a, b) = (...) or something unexpected
    }

    /**
     * The scope given by the first WHERE at the statement's own level after {@code from}, for the targets among the
     * tables of {@code scope} (see {@link RowScope}): none is MISSING; ORDER BY, LIMIT and RETURNING end it.
     */
    private WhereScope whereScope(int from, int end, int depth, RowScope scope, List<Integer> targets) {
        int where = find(from, end, depth, "WHERE");
        if (where < 0) {
            return WhereScope.MISSING;
        }
        int conditionEnd = end;
        for (int k = where + 1; k < end; k++) {
            if (t.depth(k) == depth && (t.isWord(k, "RETURNING") || t.isWord(k, "LIMIT")
                    || (t.isWord(k, "ORDER") && word(k + 1, end, "BY")))) {
                conditionEnd = k;
                break;
            }
        }
        return scope.scope(targets, List.of(new RowScope.Condition(t, where + 1, conditionEnd, false)));
    }

    /**
     * {@code MERGE INTO [ONLY] t [*] [[AS] a] USING source [[AS] s] ON cond WHEN ...}: each
     * {@code WHEN MATCHED [AND c] THEN DELETE} is a DELETE of {@code t} and each {@code THEN UPDATE} an UPDATE of it,
     * scoped by the ON condition and the branch's own AND condition together; {@code WHEN NOT MATCHED BY SOURCE}
     * acts on the rows the ON condition does not match. Inserts and {@code DO NOTHING} change no existing row.
     */
    private void merge(int i, int end) {
        int depth = t.depth(i);
        int k = i + 1;
        if (word(k, end, "INTO")) {
            k++;
        }
        RowScope scope = new RowScope();
        int afterTarget = TableReferences.readItem(scope, t, k, end);
        if (scope.size() == 0) {
            scope.table(null, null);
        }
        List<Integer> target = List.of(0);
        int using = find(afterTarget, end, depth, "USING");
        RowScope.Condition on = null;
        int when = find(afterTarget, end, depth, "WHEN");
        if (using >= 0) {
            int afterSource = TableReferences.readItem(scope, t, using + 1, end);
            int onWord = find(afterSource, end, depth, "ON");
            if (onWord >= 0) {
                int onEnd = nextWhen(onWord + 1, end, depth);
                on = new RowScope.Condition(t, onWord + 1, onEnd, false);
                when = onEnd;
            }
        }
        if (scope.size() < 2) {
            scope.derived(null); // the source is in scope even when it could not be read
        }
        while (when >= 0 && when < end && t.isWord(when, "WHEN")) {
            int next = nextWhen(when + 1, end, depth);
            int j = when + 1;
            boolean notMatched = word(j, end, "NOT");
            if (notMatched) {
                j++;
            }
            j++; // MATCHED
            boolean bySource = word(j, end, "BY") && word(j + 1, end, "SOURCE");
            if (word(j, end, "BY")) {
                j += 2;
            }
            List<RowScope.Condition> conditions = new ArrayList<>(3);
            if (on != null) {
                conditions.add(bySource ? on.negate() : on);
            }
            int then = j;
            if (word(j, end, "AND")) {
                then = findThen(j + 1, next, depth);
                conditions.add(new RowScope.Condition(t, j + 1, then, false));
            }
            int action = then + 1;
            if (!notMatched || bySource) {
                mergeAction(action, next, depth, scope, target, conditions);
            }
            when = next;
        }
    }

    /** One MERGE branch's action at {@code action}: DELETE, or UPDATE SET ... (Oracle: [WHERE c] [DELETE WHERE c]). */
    private void mergeAction(int action, int end, int depth, RowScope scope, List<Integer> target,
                             List<RowScope.Condition> conditions) {
        List<String> names = scope.names(target);
        if (word(action, end, "DELETE")) {
            actions.add(SqlAction.delete(names, scope.scope(target, conditions)));
            return;
        }
        if (!word(action, end, "UPDATE")) {
            return; // INSERT, DO NOTHING
        }
        List<RowScope.Condition> updated = new ArrayList<>(conditions);
        int delete = find(action + 1, end, depth, "DELETE");
        int where = find(action + 1, delete < 0 ? end : delete, depth, "WHERE");
        if (where >= 0) {
            updated.add(new RowScope.Condition(t, where + 1, delete < 0 ? end : delete, false));
        }
        actions.add(SqlAction.update(names, scope.scope(target, updated)));
        if (delete >= 0) {
            List<RowScope.Condition> deleted = new ArrayList<>(updated);
            if (word(delete + 1, end, "WHERE")) {
                deleted.add(new RowScope.Condition(t, delete + 2, end, false));
            }
            actions.add(SqlAction.delete(names, scope.scope(target, deleted)));
        }
    }

    /** The next {@code WHEN} at {@code depth} outside CASE expressions (or RETURNING), else {@code end}. */
    private int nextWhen(int from, int end, int depth) {
        int cases = 0;
        for (int k = from; k < end; k++) {
            if (t.depth(k) != depth) {
                continue;
            }
            if (t.isWord(k, "CASE")) {
                cases++;
            } else if (cases > 0 && t.isWord(k, "END")) {
                cases--;
            } else if (cases == 0 && (t.isWord(k, "WHEN") || t.isWord(k, "RETURNING"))) {
                return k;
            }
        }
        return end;
    }

    /** The {@code THEN} of a MERGE branch at {@code depth} outside CASE expressions, else {@code end}. */
    private int findThen(int from, int end, int depth) {
        int cases = 0;
        for (int k = from; k < end; k++) {
            if (t.depth(k) != depth) {
                continue;
            }
            if (t.isWord(k, "CASE")) {
                cases++;
            } else if (cases > 0 && t.isWord(k, "END")) {
                cases--;
            } else if (cases == 0 && t.isWord(k, "THEN")) {
                return k;
            }
        }
        return end;
    }
    /**
     * {@code ALTER [ONLINE] [IGNORE] [FOREIGN] TABLE [IF EXISTS] [ONLY] t [*] subcommand, ...}: DROP [COLUMN],
     * DROP CONSTRAINT, MySQL DROP PRIMARY KEY / FOREIGN KEY / CHECK (constraints), DROP INDEX / KEY (index),
     * DROP PARTITION (deletes its rows), TRUNCATE PARTITION. {@code ALTER COLUMN c DROP DEFAULT / NOT NULL /
     * IDENTITY / EXPRESSION} drop no data and yield nothing.
     */
    private void alter(int i, int end) {
        int depth = t.depth(i);
        int k = i + 1;
        while (word(k, end, "ONLINE") || word(k, end, "IGNORE")) {
            k++;
        }
        if (word(k, end, "FOREIGN")) {
            k++;
        }
        if (!word(k, end, "TABLE")) {
            return;
        }
        k = skipIfExists(k + 1, end);
        if (word(k, end, "ONLY")) {
            k++;
        }
        List<String> tableName = new ArrayList<>(1);
        int next = readName(k, end, tableName);
        if (next == k) {
            return;
        }
        k = next;
        if (k < end && t.isOperator(k, "*")) {
            k++;
        }
        String table = tableName.isEmpty() ? null : tableName.get(0);
        int subcommand = k;
        while (subcommand < end) {
            int j = Math.max(subcommand, alterSubcommand(subcommand, end, table));
            while (j < end && !(t.depth(j) == depth && t.is(j, TokenType.COMMA))) {
                j++;
            }
            subcommand = j + 1;
        }
    }

    /** Records what one ALTER TABLE subcommand drops; returns where its own list ends (DROP PARTITION a, b). */
    private int alterSubcommand(int s, int end, String table) {
        if (word(s, end, "TRUNCATE") && word(s + 1, end, "PARTITION")) {
            actions.add(SqlAction.truncate(table == null ? List.of() : List.of(table)));
            return s;
        }
        if (!word(s, end, "DROP")) {
            return s;
        }
        int k = s + 1;
        List<String> names = new ArrayList<>(2);
        if (word(k, end, "PARTITION")) {
            k++;
            while (k < end) {
                int next = readName(k, end, names);
                if (next == k) {
                    break;
                }
                k = next;
                if (k + 1 < end && t.is(k, TokenType.COMMA) && !word(k + 1, end, "DROP") && !word(k + 1, end, "ADD")) {
                    k++;
                } else {
                    break;
                }
            }
            for (String partition : names) {
                actions.add(alterDrop("PARTITION", table, partition));
            }
            if (names.isEmpty()) {
                actions.add(alterDrop("PARTITION", table, null));
            }
            return k;
        }
        String type;
        if (word(k, end, "CONSTRAINT")) {
            type = "CONSTRAINT";
            k = skipIfExists(k + 1, end);
        } else if (word(k, end, "PRIMARY") && word(k + 1, end, "KEY")) {
            actions.add(alterDrop("CONSTRAINT", table, "PRIMARY KEY"));
            return s;
        } else if (word(k, end, "FOREIGN") && word(k + 1, end, "KEY")) {
            type = "CONSTRAINT";
            k = skipIfExists(k + 2, end);
        } else if (word(k, end, "CHECK")) {
            type = "CONSTRAINT";
            k = skipIfExists(k + 1, end);
        } else if (word(k, end, "INDEX") || word(k, end, "KEY")) {
            type = "INDEX";
            k = skipIfExists(k + 1, end);
        } else if (word(k, end, "SYSTEM") || word(k, end, "PERIOD") || word(k, end, "DEFAULT")) {
            return s; // MariaDB system versioning / periods; DROP DEFAULT is not valid here
        } else {
            type = "COLUMN";
            if (word(k, end, "COLUMN")) {
                k++;
            }
            k = skipIfExists(k, end);
        }
        readName(k, end, names);
        actions.add(alterDrop(type, table, names.isEmpty() ? null : names.get(0)));
        return s;
    }

    private static SqlAction alterDrop(String type, String table, String dropped) {
        if (table != null && dropped != null) {
            return SqlAction.alterDrop(type, table, dropped);
        }
        List<String> objects = new ArrayList<>(2);
        if (table != null) {
            objects.add(table);
        }
        if (dropped != null) {
            objects.add(dropped);
        }
        return new SqlAction(ActionKind.ALTER_DROP, type, objects, WhereScope.NOT_APPLICABLE);
    }

    /**
     * {@code CREATE ...}: MariaDB's {@code CREATE OR REPLACE DATABASE|SCHEMA|SEQUENCE|TABLE x} drops the existing
     * {@code x} first (not with {@code IF NOT EXISTS}, which keeps it, nor for a temporary table or sequence, which
     * replaces only the session's own); {@code CREATE [GLOBAL|LOCAL] TEMP[ORARY] TABLE x} (and {@code pg_temp.x}) is
     * remembered as the session's temporary table; the query of {@code CREATE TABLE ... AS query} and
     * {@code CREATE [MATERIALIZED] VIEW ... AS query} is judged like any query (it runs, or for a plain view it may
     * not hold a data-modifying CTE anyway). Routines, triggers and events run their bodies later, not here.
     */
    private void create(int i, int end, int nest) {
        int depth = t.depth(i);
        int k = i + 1;
        boolean orReplace = word(k, end, "OR") && word(k + 1, end, "REPLACE");
        if (orReplace) {
            k += 2;
        }
        if (word(k, end, "GLOBAL") || word(k, end, "LOCAL")) {
            k++;
        }
        boolean temporary = word(k, end, "TEMPORARY") || word(k, end, "TEMP");
        if (temporary) {
            k++;
        }
        if (word(k, end, "UNLOGGED")) {
            k++;
        }
        if (word(k, end, "RECURSIVE")) {
            k++; // CREATE RECURSIVE VIEW
        }
        String kind;
        if (word(k, end, "MATERIALIZED") && word(k + 1, end, "VIEW")) {
            kind = "MATERIALIZED VIEW";
            k += 2;
        } else if (word(k, end, "TABLE") || word(k, end, "DATABASE") || word(k, end, "SCHEMA")
                || word(k, end, "SEQUENCE") || word(k, end, "VIEW")) {
            kind = t.upper(k);
            k++;
        } else {
            return;
        }
        boolean ifNotExists = word(k, end, "IF") && word(k + 1, end, "NOT") && word(k + 2, end, "EXISTS");
        if (ifNotExists) {
            k += 3;
        }
        List<String> names = new ArrayList<>(1);
        k = readName(k, end, names);
        boolean view = kind.endsWith("VIEW");
        if (orReplace && !temporary && !ifNotExists && !view) {
            actions.add(SqlAction.drop(kind, names));
            scannerOnly = true; // JSqlParser reads it as a plain CREATE
        }
        if (!kind.equals("TABLE") && !view) {
            return;
        }
        int query = -1;
        boolean onCommitDrop = false;
        for (int j = k; j < end && query < 0; j++) {
            if (t.depth(j) != depth) {
                continue;
            }
            if (t.isWord(j, "AS") && j + 1 < end && (t.is(j + 1, TokenType.LEFT_PAREN) || word(j + 1, end, "SELECT")
                    || word(j + 1, end, "WITH") || word(j + 1, end, "VALUES") || word(j + 1, end, "TABLE")
                    || word(j + 1, end, "EXECUTE"))) {
                query = j + 1;
            } else if (t.isWord(j, "SELECT") || t.isWord(j, "WITH") && !word(j + 1, end, "NO")
                    && !word(j + 1, end, "DATA") && !t.is(j + 1, TokenType.LEFT_PAREN)) {
                query = j; // MySQL: CREATE TABLE t [(...)] [IGNORE|REPLACE] [AS] SELECT ...
            } else if (t.isWord(j, "ON") && word(j + 1, end, "COMMIT") && word(j + 2, end, "DROP")) {
                onCommitDrop = true;
            }
        }
        if (kind.equals("TABLE") && !names.isEmpty() && !onCommitDrop
                && (temporary || names.get(0).regionMatches(true, 0, "pg_temp.", 0, "pg_temp.".length()))) {
            // ON COMMIT DROP tables vanish at commit, unseen: they are not remembered, so never exempted later.
            temporaryTableCreated(names.get(0));
        }
        if (query >= 0) {
            classify(query, end, nest + 1);
        }
    }

    /** Records a temporary table this statement creates, unless it is created only maybe (inside IF, a loop, ...). */
    private void temporaryTableCreated(String name) {
        if (deferred == 0) {
            sessionChanges.add(new SessionChange(SessionChange.Kind.TEMPORARY_TABLE_CREATED, name, null));
        }
    }

    /** {@code DISCARD TEMP|TEMPORARY|ALL} forgets the session's temporary tables. */
    private void discard(int i, int end) {
        if (word(i + 1, end, "TEMP") || word(i + 1, end, "TEMPORARY") || word(i + 1, end, "ALL")) {
            sessionChanges.add(new SessionChange(SessionChange.Kind.TEMPORARY_TABLES_DISCARDED, null, null));
        }
    }

    /** MySQL's {@code DROP TEMPORARY TABLE [IF EXISTS] a, b} drops session tables and yields no action: forget them. */
    private void droppedTemporaryTables(int i, int end) {
        if (!(word(i + 1, end, "TEMPORARY") || word(i + 1, end, "TEMP")) || !word(i + 2, end, "TABLE")) {
            return;
        }
        int k = skipIfExists(i + 3, end);
        List<String> names = new ArrayList<>(2);
        while (k < end) {
            int next = readName(k, end, names);
            if (next == k || !(next < end && t.is(next, TokenType.COMMA))) {
                break;
            }
            k = next + 1;
        }
        for (String name : names) {
            sessionChanges.add(new SessionChange(SessionChange.Kind.TABLE_DROPPED, name, null));
        }
    }

    /**
     * Every DROP TABLE this statement holds, at any nesting (DO bodies, EXECUTE text, compound statements), makes the
     * session forget a temporary table of that name, since the permanent table of the same name is the one a later
     * DROP reaches; a DROP TABLE whose names are known only at run time forgets them all. Forgetting can only make
     * the guard refuse more.
     */
    private void droppedTables() {
        for (SqlAction action : actions) {
            if (action.kind() != ActionKind.DROP || !action.objectType().equals("TABLE")) {
                continue;
            }
            if (action.objects().isEmpty() || action.objects().contains(SqlAction.RUN_TIME_NAME)) {
                sessionChanges.add(new SessionChange(SessionChange.Kind.TEMPORARY_TABLES_DISCARDED, null, null));
                continue;
            }
            for (String name : action.objects()) {
                sessionChanges.add(new SessionChange(SessionChange.Kind.TABLE_DROPPED, name, null));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // statements inside statements

    /**
     * {@code PREPARE name [(types)] AS stmt} judges stmt; MySQL {@code PREPARE name FROM 'text'} judges the text;
     * {@code PREPARE TRANSACTION 'id'} is transaction control.
     */
    private Head prepare(int i, int end, int nest) {
        int k = i + 1;
        if (word(k, end, "TRANSACTION")) {
            return new Head("PREPARE", false);
        }
        if (isIdentifier(k, end)) {
            k++;
        }
        if (k < end && t.is(k, TokenType.LEFT_PAREN)) {
            k = t.closingParen(k, end) + 1;
        }
        if (word(k, end, "AS")) {
            return new Head("PREPARE", classify(k + 1, end, nest + 1).writes());
        }
        if (word(k, end, "FROM")) {
            scannerOnly = true;
            if (k + 1 < end && t.is(k + 1, TokenType.STRING)) {
                return new Head("PREPARE", classifyText(t.stringValue(k + 1), nest + 1));
            }
        }
        return new Head("PREPARE", true);
    }

    /** {@code EXECUTE IMMEDIATE 'text'} (not PostgreSQL or MySQL, but cheap to see through). */
    private void executeImmediate(int i, int end, int nest) {
        if (word(i + 1, end, "IMMEDIATE")) {
            scannerOnly = true;
            classifyDynamic(i + 2, end, nest + 1);
        }
    }

    /**
     * {@code DO [LANGUAGE l] body [LANGUAGE l]}: the PL/pgSQL body is scanned statement by statement. For another
     * language, the string literals passed as the first argument of a call (as in {@code plpy.execute("...")}) are
     * classified as SQL.
     */
    private void doBlock(int i, int end, int nest) {
        scannerOnly = true;
        int depth = t.depth(i);
        int body = -1;
        String language = null;
        for (int k = i + 1; k < end; k++) {
            if (t.depth(k) != depth) {
                continue;
            }
            if (t.is(k, TokenType.STRING) && body < 0) {
                body = k;
            } else if (t.isWord(k, "LANGUAGE") && k + 1 < end) {
                language = t.is(k + 1, TokenType.STRING) ? t.stringValue(k + 1) : t.identifier(k + 1);
            }
        }
        if (body < 0 || nest >= MAX_NESTING) {
            return;
        }
        Tokens bodyTokens = t.isDollarQuoted(body)
                ? Lexer.lex(t.source, t.dollarContentStart(body), t.dollarContentEnd(body), t.rules)
                : Lexer.lex(t.stringValue(body), t.rules);
        StatementScanner inner = new StatementScanner(bodyTokens, actions);
        if (language == null || language.equalsIgnoreCase("plpgsql")) {
            PlpgsqlBlock.scan(inner, bodyTokens, nest + 1);
        } else {
            inner.scanCallArguments(nest + 1);
        }
    }

    private void scanCallArguments(int nest) {
        for (int k = 1; k < t.size(); k++) {
            if (t.is(k - 1, TokenType.LEFT_PAREN)
                    && (t.is(k, TokenType.STRING) || t.is(k, TokenType.QUOTED_IDENTIFIER))) {
                classifyText(t.is(k, TokenType.STRING) ? t.stringValue(k) : t.identifier(k), nest);
            }
        }
    }

    /** Classifies {@code tokens[from, to)} of this scanner's tokens as one statement; used for PL/pgSQL bodies. */
    boolean classifyStatement(int from, int to, int nest) {
        return classify(from, to, nest).writes();
    }

    /**
     * Classifies the SQL text an expression builds at run time ({@code EXECUTE expr}), stopping at INTO/USING:
     * literal fragments are kept, everything else becomes a {@code ?} placeholder.
     */
    void classifyDynamic(int from, int to, int nest) {
        if (from >= to) {
            return;
        }
        int depth = t.depth(from);
        int stop = to;
        for (int k = from; k < to; k++) {
            if (t.depth(k) == depth && (t.isWord(k, "INTO") || t.isWord(k, "USING"))) {
                stop = k;
                break;
            }
        }
        classifyText(DynamicSql.text(t, from, stop), nest);
    }

    /** Splits and classifies a SQL text, adding its actions here; returns whether any of it writes. */
    private boolean classifyText(String sql, int nest) {
        if (nest > MAX_NESTING || sql.isEmpty()) {
            return !sql.isBlank();
        }
        Tokens tokens = Lexer.lex(sql, t.rules);
        StatementScanner inner = new StatementScanner(tokens, actions);
        int[] pieces = StatementSplitter.split(tokens);
        boolean writes = false;
        for (int p = 0; p < pieces.length; p += 2) {
            writes |= inner.classify(pieces[p], pieces[p + 1], nest).writes();
        }
        return writes;
    }
}
