package dev.dbguard.core.internal;

import dev.dbguard.core.sql.ActionKind;
import dev.dbguard.core.sql.SessionChange;
import dev.dbguard.core.sql.SqlAction;
import dev.dbguard.core.sql.TypeChange;
import dev.dbguard.core.sql.WhereScope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Tells what one statement does from its tokens alone: the command, whether it writes, and the destructive actions
 * in it. This is how statements JSqlParser cannot parse are judged, and where {@code command} and {@code writes}
 * always come from, so it decides from structure (which keyword leads, which {@code WHERE} is at the statement's own
 * level), never from the mere presence of a word.
 *
 * <p>It looks through {@code WITH} (every CTE body is classified: a data-modifying CTE counts), parentheses,
 * {@code EXPLAIN ANALYZE} (which executes), MariaDB's {@code ANALYZE stmt} and {@code SET STATEMENT ... FOR stmt},
 * {@code PREPARE name AS stmt}, and the PL/pgSQL bodies of {@code DO} blocks; a query headed by WITH is judged
 * wherever it nests (subqueries, {@code INSERT INTO t WITH ...}, {@code CREATE TABLE|VIEW ... AS},
 * {@code DECLARE ... CURSOR FOR}), and so is every statement of a MySQL/MariaDB compound statement
 * ({@link CompoundStatement}). Text handed to an executor ({@code EXECUTE}, {@code EXECUTE IMMEDIATE},
 * {@code PREPARE name FROM}, {@code dblink_exec(conn, text)}) is judged as SQL, as far as {@link DynamicSql} can
 * rebuild it; what is known only at run time is a {@code ?}, and text whose command is built at run time is a
 * {@link SqlAction#dynamic dynamic} action. The session changes a statement makes ({@code SET} of a setting that
 * changes how text is read, {@code RESET}, {@code DISCARD}, {@code DROP TABLE}, temporary tables created) are
 * recorded. Work is linear in the number of tokens, with nesting bounded by {@link #MAX_NESTING}.
 */
final class StatementScanner {

    /** How deep statements may nest (CTEs in CTEs, DO in EXECUTE in DO, ...) before the scanner stops looking. */
    static final int MAX_NESTING = 24;

    /** The source named for a statement nested deeper than {@link #MAX_NESTING}. */
    static final String TOO_DEEP = "text nested deeper than " + MAX_NESTING + " levels";

    private static final String UNKNOWN = "UNKNOWN";

    private final Tokens t;
    /** Shared with the scanners of nested text (DO bodies, EXECUTE strings): everything found is the statement's. */
    private final List<SqlAction> actions;
    private final List<SessionChange> sessionChanges;
    /**
     * For text handed to an executor (EXECUTE, PREPARE ... FROM, dblink_exec): what it is built from, for the
     * {@link SqlAction#dynamic dynamic} actions it may give; null for a statement sent as it is.
     */
    private final String executorSource;
    /** Whether parts of this text are only known at run time; each is a {@code ?} ({@link DynamicSql#RUN_TIME}). */
    private final boolean runTime;
    /**
     * Whether this text is only prepared here ({@code PREPARE s FROM 'text'}) and runs later, if ever: the settings it
     * changes are then not known to change, and are recorded as unknown.
     */
    private final boolean deferred;
    private boolean scannerOnly;
    /**
     * How many bodies whose statements may run later or not at all the scanner is inside (compound statements,
     * {@code PREPARE}): a temporary table created there is not remembered.
     */
    private int maybeRuns;

    private record Head(String command, boolean writes) {
    }

    private StatementScanner(Tokens tokens, List<SqlAction> actions, List<SessionChange> sessionChanges,
                             String executorSource, boolean runTime, boolean deferred) {
        this.t = tokens;
        this.actions = actions;
        this.sessionChanges = sessionChanges;
        this.executorSource = executorSource;
        this.runTime = runTime;
        this.deferred = deferred;
    }

    /** A scanner of nested text, adding to this scanner's findings. */
    private StatementScanner nested(Tokens tokens, String source, boolean nestedRunTime, boolean nestedDeferred) {
        StatementScanner inner = new StatementScanner(tokens, actions, sessionChanges, source, nestedRunTime,
                nestedDeferred);
        // A DO body or EXECUTE text may take another branch or fail half-way: its temporary tables are not surely made.
        inner.maybeRuns = 1;
        return inner;
    }

    /** Classifies the statement made of {@code tokens[from, to)} (one piece from {@link StatementSplitter}). */
    static ScannedStatement scan(Tokens tokens, int from, int to) {
        StatementScanner scanner = new StatementScanner(tokens, new ArrayList<>(2), new ArrayList<>(0), null,
                false, false);
        Head head = scanner.classify(from, to, 0);
        scanner.scanCalls(from, to, 0, runsNow(head.command()));
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
            tooDeep();
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
            if (executorSource != null) {
                dynamic(); // text run as SQL that does not start with a command: what it does is not known
            }
            return new Head(UNKNOWN, true);
        }
        if (t.rules.mysql() && CompoundStatement.startsCompound(t, i, end)) {
            return compound(i, end, nest);
        }
        String command = t.upper(i);
        if (runTime && executorSource != null && commandBuiltAtRunTime(command, i, end)) {
            dynamic();
            return new Head(UNKNOWN, true);
        }
        switch (command) {
            case "SELECT":
                return new Head(command, selectWrites(i, end) | nested(i + 1, end, nest));
            case "VALUES", "DECLARE":
                return new Head(command, nested(i + 1, end, nest));
            case "ROLLBACK", "ABORT":
                // A rolled-back CREATE TEMP TABLE leaves no table behind: forget them all (refusing more, never less).
                sessionChanges.add(new SessionChange(SessionChange.Kind.TEMPORARY_TABLES_DISCARDED, null, null));
                return new Head(command, false);
            case "BEGIN", "START":
                // BEGIN READ WRITE, START TRANSACTION READ WRITE: this transaction's transaction_read_only
                transactionModes(i + 1, end, "transaction_read_only");
                return new Head(command, false);
            case "TABLE", "SHOW", "COMMIT", "SAVEPOINT",
                 "RELEASE", "END", "FETCH", "MOVE", "CLOSE", "USE", "LISTEN", "UNLISTEN",
                 "NOTIFY", "DEALLOCATE":
                return new Head(command, false);
            case "SET":
                return set(i, end, nest);
            case "RESET":
                reset(i, end);
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
            case "RENAME":
                renameTables(i, end);
                break;
            case "CREATE":
                create(i, end, nest);
                break;
            case "PREPARE":
                maybeRuns++; // the prepared statement runs at EXECUTE, if ever
                Head prepared = prepare(i, end, nest);
                maybeRuns--;
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
            tooDeep();
            return true;
        }
        if (!t.hasLeftParen(from, end)) {
            return false; // a CTE list opens a parenthesis: without one there is none
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
        maybeRuns++;
        boolean writes = CompoundStatement.scan(this, t, i, end, nest + 1);
        maybeRuns--;
        return new Head(CompoundStatement.command(t, i, end), writes);
    }

    /**
     * {@code COPY t FROM ...} loads rows; {@code COPY t TO ...} only reads; {@code COPY (query) TO ...} runs the
     * query, which may be {@code DELETE ... RETURNING}. {@code FROM PROGRAM 'cmd'} and {@code TO PROGRAM 'cmd'} run a
     * shell command on the server: what it does is not SQL the guard can judge ({@code dynamic("PROGRAM")}).
     */
    private Head copy(String command, int i, int end, int nest) {
        boolean writes = false;
        if (i + 1 < end && t.is(i + 1, TokenType.LEFT_PAREN)) {
            int close = t.closingParen(i + 1, end);
            writes = classify(i + 2, close, nest + 1).writes();
        }
        int direction = copyDirection(i, end);
        if (direction >= 0 && word(direction + 1, end, "PROGRAM")) {
            actions.add(SqlAction.dynamic("PROGRAM", List.of("PROGRAM")));
            scannerOnly = true;
        }
        return new Head(command, writes || direction < 0 || t.isWord(direction, "FROM"));
    }

    /** The top-level FROM or TO of a COPY, or -1. */
    private int copyDirection(int i, int end) {
        int depth = t.depth(i);
        for (int k = i + 1; k < end; k++) {
            if (t.depth(k) == depth && (t.isWord(k, "FROM") || t.isWord(k, "TO"))) {
                return k;
            }
        }
        return -1;
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
     * at run time: {@code 'DROP TABLE audit_' || t}) is reported as {@link SqlAction#RUN_TIME_NAME}, since the name
     * written is not the name used, and no allow-list pattern may match it.
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
                    String part = t.identifier(j);
                    // "x_" || t || "": the placeholder is inside the quotes
                    dynamic |= runTime && t.is(j, TokenType.QUOTED_IDENTIFIER) && part.contains(DynamicSql.RUN_TIME);
                    name.append(part);
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
        names.add(dynamic ? SqlAction.RUN_TIME_NAME : name.toString());
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

    /**
     * {@code DROP <kind> [CONCURRENTLY] [IF EXISTS] name [, ...] [CASCADE | RESTRICT]}, every kind. A dropped table
     * is a {@link SessionChange.Kind#TABLE_DROPPED} (a temporary table of that name is gone); MySQL's
     * {@code DROP TEMPORARY TABLE} only ever drops a session's temporary tables, so it is that and nothing else.
     */
    private void drop(int i, int end) {
        int k = i + 1;
        if (!t.is(k, TokenType.WORD) || k >= end) {
            // DROP ? in text built at run time: a drop of something named at run time
            actions.add(SqlAction.drop(UNKNOWN, isPlaceholder(k) ? List.of(SqlAction.RUN_TIME_NAME) : List.of()));
            if (isPlaceholder(k)) {
                tablesDropped(List.of(SqlAction.RUN_TIME_NAME)); // an object of any kind: perhaps a temporary table
            }
            return;
        }
        String first = t.upper(k);
        String kind = first;
        int words = 1;
        switch (first) {
            case "TEMPORARY", "TEMP" -> {
                if (word(k + 1, end, "TABLE")) {
                    tablesDropped(dropNames(skipIfExists(k + 2, end), end, false, false));
                    return;
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
        List<String> names = dropNames(k, end, first.equals("CAST"), first.equals("OPERATOR"));
        actions.add(SqlAction.drop(kind, names)); // a dropped table leaves the session: see droppedTables()
    }

    /** The names of a DROP's list: {@code a, b}, routine signatures skipped, casts as {@code (source AS target)}. */
    private List<String> dropNames(int k, int end, boolean cast, boolean operators) {
        List<String> names = new ArrayList<>(1);
        while (k < end) {
            int next;
            if (t.is(k, TokenType.LEFT_PAREN) && cast) {
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
        return names;
    }

    /**
     * Each dropped table is gone from the session's temporary tables; one named only at run time may have been any of
     * them, so the session forgets them all (which can only refuse more).
     */
    private void tablesDropped(List<String> names) {
        for (String name : names) {
            if (name.equals(SqlAction.RUN_TIME_NAME)) {
                sessionChanges.add(new SessionChange(SessionChange.Kind.TEMPORARY_TABLES_DISCARDED, null, null));
            } else {
                sessionChanges.add(new SessionChange(SessionChange.Kind.TABLE_DROPPED, name, null));
            }
        }
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
            int next = readName(k, end, written); // adds a name exactly when it reads one
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
            aliases.add(alias);
            if (k < end && t.is(k, TokenType.COMMA)) {
                k++;
            } else {
                break;
            }
        }
        RowScope scope = new RowScope();
        boolean listed = word(k, end, "USING") || !from && word(k, end, "FROM");
        List<Integer> targets;
        if (!listed && written.size() == 1) {
            targets = List.of(scope.table(written.get(0), aliases.get(0))); // the everyday DELETE FROM t WHERE ...
        } else if (listed && (!from || written.size() > 1)) {
            targets = new ArrayList<>(written.size());
            // MySQL's multi-table forms: the targets are tables (or aliases) of the list
            k = TableReferences.readReferences(scope, t, k + 1, end);
            for (String target : written) {
                int item = target == null ? -1 : scope.resolve(target);
                targets.add(item >= 0 ? item : scope.table(target, null));
            }
        } else {
            targets = new ArrayList<>(written.size());
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
        int where = -1;
        for (int j = clauses; j < end; j++) {
            if (t.depth(j) != depth) {
                continue;
            }
            if (t.isWord(j, "WHERE")) {
                where = j; // the first at this level: whereScope need not look for it again
                break;
            }
            if (t.isWord(j, "RETURNING")) {
                break;
            }
            if (t.isWord(j, "FROM") && !t.isWord(j - 1, "DISTINCT")) {
                TableReferences.readReferences(scope, t, j + 1, end); // PostgreSQL's UPDATE ... FROM list
                break;
            }
        }
        actions.add(SqlAction.update(scope.names(targets),
                whereScope(where >= 0 ? where : clauses, end, depth, scope, targets)));
    }

    /** The tables the SET clause at {@code set} assigns: those its qualified columns name, else all of them. */
    private List<Integer> assignedTables(int set, int end, int depth, RowScope scope) {
        if (scope.size() == 1) {
            return List.of(0); // whether a relation or not, the one table is the target
        }
        List<Integer> all = scope.relations();
        if (set < 0) {
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
        return firstOutsideCase(from, end, depth, "WHEN", "RETURNING");
    }

    /** The {@code THEN} of a MERGE branch at {@code depth} outside CASE expressions, else {@code end}. */
    private int findThen(int from, int end, int depth) {
        return firstOutsideCase(from, end, depth, "THEN");
    }

    /**
     * The first of {@code words} at {@code depth} in {@code [from, end)} that is not inside a {@code CASE ... END}
     * expression (whose own WHEN and THEN belong to it), else {@code end}.
     */
    private int firstOutsideCase(int from, int end, int depth, String... words) {
        int cases = 0;
        for (int k = from; k < end; k++) {
            if (t.depth(k) != depth) {
                continue;
            }
            if (t.isWord(k, "CASE")) {
                cases++;
            } else if (cases > 0 && t.isWord(k, "END")) {
                cases--;
            } else if (cases == 0 && isAnyWord(k, words)) {
                return k;
            }
        }
        return end;
    }

    private boolean isAnyWord(int k, String... words) {
        for (String word : words) {
            if (t.isWord(k, word)) {
                return true;
            }
        }
        return false;
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
            if (discardsRows(subcommand, j)) {
                actions.add(SqlAction.truncate(table == null ? List.of() : List.of(table)));
            }
            subcommand = j + 1;
        }
    }

    /**
     * Whether the ALTER TABLE subcommand {@code tokens[from, to)} throws the table's rows away while keeping the table,
     * as TRUNCATE does: MySQL's {@code DISCARD [PARTITION ...] TABLESPACE} deletes the data files, and a table option
     * {@code ENGINE = BLACKHOLE} (space-separated options included) keeps none of the rows.
     */
    private boolean discardsRows(int from, int to) {
        if (word(from, to, "DISCARD")) {
            return true;
        }
        for (int k = from; k < to; k++) {
            if (t.isWord(k, "ENGINE")) {
                int value = t.isOperator(k + 1, "=") ? k + 2 : k + 1;
                if (value < to && (t.isWord(value, "BLACKHOLE")
                        || t.is(value, TokenType.STRING) && t.text(value).equalsIgnoreCase("'BLACKHOLE'"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Records what one ALTER TABLE subcommand drops; returns where its own list ends (DROP PARTITION a, b). */
    private int alterSubcommand(int s, int end, String table) {
        if (runTime && executorSource != null && s < end && touchesPlaceholder(s, end)) {
            dynamic(); // 'ALTER TABLE t ' || action: the subcommand is only known at run time
            return s;
        }
        if (word(s, end, "TRUNCATE") && word(s + 1, end, "PARTITION")) {
            actions.add(SqlAction.truncate(table == null ? List.of() : List.of(table)));
            return s;
        }
        if (word(s, end, "RENAME") || word(s, end, "ALTER") || word(s, end, "MODIFY") || word(s, end, "CHANGE")) {
            return renameOrRetype(s, end, table == null ? SqlAction.RUN_TIME_NAME : table);
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

    /** Words that end a column's type in a MODIFY / CHANGE column definition or an ALTER COLUMN ... TYPE. */
    private static final Set<String> AFTER_TYPE = Set.of("NOT", "NULL", "DEFAULT", "COLLATE", "USING", "PRIMARY",
            "UNIQUE", "COMMENT", "AUTO_INCREMENT", "FIRST", "AFTER", "CHECK", "REFERENCES", "GENERATED", "AS", "ON",
            "INVISIBLE", "VISIBLE", "CONSTRAINT", "KEY");

    /**
     * {@code RENAME [TO|AS] u}, {@code RENAME [COLUMN] a TO b}, {@code ALTER [COLUMN] c [SET DATA] TYPE x [USING e]},
     * MySQL {@code MODIFY [COLUMN] c x ...} and {@code CHANGE [COLUMN] a b x ...} (a rename when the names differ, and
     * a type change). Renames of constraints and indexes, and {@code ALTER COLUMN c SET DEFAULT} and the like, are
     * neither. Returns {@code s}: the caller finds the end of the subcommand.
     */
    private int renameOrRetype(int s, int end, String table) {
        int depth = t.depth(s);
        int k = s + 1;
        if (word(s, end, "RENAME")) {
            if (word(k, end, "CONSTRAINT") || word(k, end, "INDEX") || word(k, end, "KEY")) {
                return s;
            }
            List<String> names = new ArrayList<>(2);
            if (word(k, end, "TO") || word(k, end, "AS") || t.is(k, TokenType.OPERATOR) && t.isOperator(k, "=")) {
                readName(k + 1, end, names);
                actions.add(SqlAction.rename("TABLE", List.of(table, first(names))));
                return s;
            }
            if (word(k, end, "COLUMN") && !word(k + 1, end, "TO")) {
                k++;
            }
            int next = readName(k, end, names);
            if (next == k) {
                return s;
            }
            if (word(next, end, "TO")) {
                readName(next + 1, end, names);
                actions.add(SqlAction.rename("COLUMN", List.of(table, names.get(0),
                        names.size() > 1 ? names.get(1) : SqlAction.RUN_TIME_NAME)));
            } else {
                actions.add(SqlAction.rename("TABLE", List.of(table, names.get(0)))); // MySQL RENAME u, without TO
            }
            return s;
        }
        boolean alter = word(s, end, "ALTER");
        boolean change = word(s, end, "CHANGE");
        if (word(k, end, "COLUMN")) {
            k++;
        }
        List<String> names = new ArrayList<>(2);
        int next = readName(k, end, names);
        if (next == k) {
            return s;
        }
        k = next;
        if (change) {
            next = readName(k, end, names);
            if (next == k) {
                return s;
            }
            k = next;
            if (!names.get(0).equalsIgnoreCase(names.get(1))) {
                actions.add(SqlAction.rename("COLUMN", List.of(table, names.get(0), names.get(1))));
            }
        }
        if (alter) {
            if (word(k, end, "SET") && word(k + 1, end, "DATA") && word(k + 2, end, "TYPE")) {
                k += 3;
            } else if (word(k, end, "TYPE")) {
                k++;
            } else {
                return s; // SET DEFAULT, DROP NOT NULL, SET STATISTICS, ...: the values stay as they are
            }
        }
        int typeStart = k;
        while (k < end && !(t.depth(k) == depth && (t.is(k, TokenType.COMMA)
                || t.is(k, TokenType.WORD) && k > typeStart && AFTER_TYPE.contains(t.upper(k))))) {
            k++;
        }
        if (k == typeStart) {
            return s;
        }
        String type = TypeChange.normalize(t.source.substring(t.start(typeStart), t.end(k - 1)));
        String using = null;
        int usingAt = find(k, subcommandEnd(k, end, depth), depth, "USING");
        if (alter && usingAt >= 0 && usingAt + 1 < end) {
            int usingEnd = subcommandEnd(usingAt + 1, end, depth);
            if (usingEnd > usingAt + 1) {
                using = TypeChange.normalize(t.source.substring(t.start(usingAt + 1), t.end(usingEnd - 1)));
            }
        }
        actions.add(SqlAction.alterType(table, names.get(names.size() - 1), type, using));
        return s;
    }

    /** The comma at {@code depth} that ends the subcommand running from {@code k}, or {@code end}. */
    private int subcommandEnd(int k, int end, int depth) {
        while (k < end && !(t.depth(k) == depth && t.is(k, TokenType.COMMA))) {
            k++;
        }
        return k;
    }

    private static String first(List<String> names) {
        return names.isEmpty() ? SqlAction.RUN_TIME_NAME : names.get(0);
    }

    /** MySQL's {@code RENAME TABLE a TO b [, c TO d ...]}. */
    private void renameTables(int i, int end) {
        int k = i + 1;
        if (!word(k, end, "TABLE") && !word(k, end, "TABLES")) {
            return; // RENAME USER and the like rename no data
        }
        k++;
        while (k < end) {
            List<String> names = new ArrayList<>(2);
            int next = readName(k, end, names);
            if (next == k || !word(next, end, "TO")) {
                return;
            }
            k = readName(next + 1, end, names);
            actions.add(SqlAction.rename("TABLE", List.of(names.get(0), names.size() > 1 ? names.get(1)
                    : SqlAction.RUN_TIME_NAME)));
            if (!(k < end && t.is(k, TokenType.COMMA))) {
                return;
            }
            k++;
        }
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
        if (maybeRuns == 0 && !deferred) {
            sessionChanges.add(new SessionChange(SessionChange.Kind.TEMPORARY_TABLE_CREATED, name, null));
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
     * {@code PREPARE name [(types)] AS stmt} judges stmt; MySQL {@code PREPARE name FROM 'text'} judges the text and
     * {@code PREPARE name FROM @sql} is SQL known only at run time; {@code PREPARE TRANSACTION 'id'} is transaction
     * control. What a prepared statement does is judged here, so {@code EXECUTE name} is harmless.
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
            return new Head("PREPARE", classifyDynamic(k + 1, end, nest + 1, DynamicSql.Variables.NONE, true));
        }
        return new Head("PREPARE", true);
    }

    /**
     * MariaDB's {@code EXECUTE IMMEDIATE expr [USING ...]} runs the text the expression builds. {@code EXECUTE 'text'}
     * is PL/pgSQL's form, an error outside a block, judged the same way. {@code EXECUTE name [(args)] [USING ...]}
     * runs a prepared statement, judged when it was prepared.
     */
    private void executeImmediate(int i, int end, int nest) {
        if (word(i + 1, end, "IMMEDIATE")) {
            scannerOnly = true;
            classifyDynamic(i + 2, end, nest + 1, DynamicSql.Variables.NONE, deferred);
        } else if (i + 1 < end && (t.is(i + 1, TokenType.STRING) || t.is(i + 1, TokenType.LEFT_PAREN))) {
            scannerOnly = true;
            classifyDynamic(i + 1, end, nest + 1, DynamicSql.Variables.NONE, deferred);
        }
    }

    /**
     * {@code DO [LANGUAGE l] body [LANGUAGE l]}: the PL/pgSQL body is scanned statement by statement (with the calls in
     * it, such as {@code PERFORM dblink_exec(...)}). For another language, the string literals passed as the first
     * argument of a call (as in {@code plpy.execute("...")}) are classified as SQL, and the block is dynamic SQL: its
     * code can build and run SQL in ways this scanner does not read.
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
        if (body < 0) {
            if (runTime && executorSource != null) {
                dynamic(); // 'DO ' || body
            }
            return;
        }
        if (nest >= MAX_NESTING) {
            dynamic(); // too deep to look into: not known to be harmless
            return;
        }
        Tokens bodyTokens = t.isDollarQuoted(body)
                ? Lexer.lex(t.source, t.dollarContentStart(body), t.dollarContentEnd(body), t.rules)
                : Lexer.lex(t.stringValue(body), t.rules);
        StatementScanner inner = nested(bodyTokens, null, false, deferred);
        if (language == null || language.equalsIgnoreCase("plpgsql")) {
            DynamicSql.Variables variables = PlpgsqlBlock.scan(inner, bodyTokens, nest + 1);
            inner.scanCalls(0, bodyTokens.size(), nest + 1, true, variables);
        } else {
            inner.scanCallArguments(nest + 1);
            // code in another language builds and runs SQL in ways not read here (variables, f-strings, ...)
            actions.add(SqlAction.dynamic("SQL", List.of("DO LANGUAGE " + clip(language))));
        }
    }

    private static String clip(String text) {
        return text.length() <= DynamicSql.MAX_SOURCE_LENGTH ? text
                : text.substring(0, DynamicSql.MAX_SOURCE_LENGTH - 3) + "...";
    }

    /**
     * For the bodies of other languages: a string literal that opens the arguments of a call is classified as SQL;
     * one that is extended by an operator ({@code "DROP TABLE " + t}) ends in a part known only at run time.
     */
    private void scanCallArguments(int nest) {
        for (int k = 1; k < t.size(); k++) {
            if (t.is(k - 1, TokenType.LEFT_PAREN)
                    && (t.is(k, TokenType.STRING) || t.is(k, TokenType.QUOTED_IDENTIFIER))) {
                String text = t.is(k, TokenType.STRING) ? t.stringValue(k) : t.identifier(k);
                boolean extended = k + 1 < t.size() && t.is(k + 1, TokenType.OPERATOR);
                classifyText(extended ? text + DynamicSql.RUN_TIME : text, nest, null, extended, deferred);
            }
        }
    }

    /** Classifies {@code tokens[from, to)} of this scanner's tokens as one statement; used for PL/pgSQL bodies. */
    boolean classifyStatement(int from, int to, int nest) {
        return classify(from, to, nest).writes();
    }

    /**
     * Classifies the SQL text an expression builds at run time ({@code EXECUTE expr}), stopping at INTO/USING: each
     * text it may build ({@link DynamicSql}) is judged as SQL, its parts known only at run time as {@code ?}.
     */
    boolean classifyDynamic(int from, int to, int nest, DynamicSql.Variables variables) {
        return classifyDynamic(from, to, nest, variables, deferred);
    }

    private boolean classifyDynamic(int from, int to, int nest, DynamicSql.Variables variables,
                                    boolean nestedDeferred) {
        if (from >= to) {
            return false;
        }
        int depth = t.depth(from);
        int stop = to;
        for (int k = from; k < to; k++) {
            if (t.depth(k) == depth && (t.isWord(k, "INTO") || t.isWord(k, "USING"))) {
                stop = k;
                break;
            }
        }
        String source = DynamicSql.describe(t, from, stop);
        boolean writes = false;
        for (DynamicSql.Text text : DynamicSql.texts(t, from, stop, variables)) {
            writes |= classifyText(text.sql(), nest, source, text.runTime(), nestedDeferred);
        }
        return writes;
    }

    /**
     * Splits and classifies a SQL text, adding its actions and session changes here; returns whether any of it
     * writes. {@code source} is what an executor's text is built from (null for text that is not an executor's),
     * {@code textRunTime} whether parts of it are only known at run time.
     */
    private boolean classifyText(String sql, int nest, String source, boolean textRunTime, boolean textDeferred) {
        if (sql.isBlank()) {
            return false;
        }
        int before = actions.size();
        if (nest > MAX_NESTING) {
            actions.add(SqlAction.dynamic("SQL", List.of(source != null ? source : "nested text")));
            scannerOnly = true;
            return true;
        }
        Tokens tokens = Lexer.lex(sql, t.rules);
        StatementScanner inner = nested(tokens, source, textRunTime, textDeferred);
        int[] pieces = StatementSplitter.split(tokens);
        boolean writes = false;
        for (int p = 0; p < pieces.length; p += 2) {
            Head head = inner.classify(pieces[p], pieces[p + 1], nest);
            writes |= head.writes();
            inner.scanCalls(pieces[p], pieces[p + 1], nest, !textDeferred && runsNow(head.command()));
        }
        if (actions.size() > before) {
            scannerOnly = true; // JSqlParser does not look into text: its reading must not replace this one
        }
        return writes;
    }

    // ---------------------------------------------------------------------------------------------------------
    // text built at run time

    /** Records that this executor's text is SQL whose command is only known at run time. */
    /**
     * A statement nested deeper than the scanner looks ({@code WITH a AS (} a hundred times around a {@code DELETE},
     * {@code EXPLAIN ANALYZE} or {@code PREPARE p AS} repeated): what runs there is not known, so it is judged like
     * SQL whose command is only known at run time, never allowed by default. Servers reject most such text anyway.
     */
    private void tooDeep() {
        actions.add(SqlAction.dynamic("SQL", List.of(TOO_DEEP)));
        scannerOnly = true;
    }

    private void dynamic() {
        actions.add(SqlAction.dynamic("SQL", List.of(executorSource)));
        scannerOnly = true;
    }

    private boolean isPlaceholder(int k) {
        return t.is(k, TokenType.PARAMETER) && t.length(k) == 1 && t.source.charAt(t.start(k)) == '?';
    }

    /** Whether token {@code k} is a placeholder, or glued to one ({@code DR?}, {@code audit_?}). */
    private boolean touchesPlaceholder(int k, int end) {
        return isPlaceholder(k) || k + 1 < end && t.start(k + 1) == t.end(k) && isPlaceholder(k + 1)
                || k > 0 && t.start(k) == t.end(k - 1) && isPlaceholder(k - 1);
    }

    /**
     * Commands whose next words say what they do ({@code CREATE [OR REPLACE] <kind>}, {@code ALTER <kind>},
     * {@code EXPLAIN [ANALYZE]}, {@code COPY (query)}, ...): a part known only at run time there leaves the command
     * unknown. The others are known by their first word ({@code SELECT ?} is a read, {@code TRUNCATE ?} a truncate).
     */
    private static final Set<String> KIND_FOLLOWS = Set.of("CREATE", "ALTER", "EXPLAIN", "ANALYZE", "ANALYSE", "WITH",
            "COPY", "SET", "DO", "PREPARE", "MERGE", "RESET", "DISCARD");

    /** In text with run-time parts: whether the command at {@code i} is itself built at run time. */
    private boolean commandBuiltAtRunTime(String command, int i, int end) {
        if (touchesPlaceholder(i, end)) {
            return true; // 'DR' || x, x || 'OP TABLE u'
        }
        if (!KIND_FOLLOWS.contains(command)) {
            return false;
        }
        int k = i + 1;
        if (command.equals("CREATE") && word(k, end, "OR")) {
            k += word(k + 1, end, "REPLACE") ? 2 : 1;
        }
        return k < end && touchesPlaceholder(k, end);
    }

    // ---------------------------------------------------------------------------------------------------------
    // calls that run SQL or change settings

    /** The SQL-running functions and which argument is their SQL text (see {@link #sqlArgument}). */
    private static final Set<String> EXECUTOR_FUNCTIONS = Set.of("dblink", "dblink_exec", "dblink_send_query",
            "dblink_open", "query_to_xml", "query_to_xmlschema", "query_to_xml_and_xmlschema", "execute_prepared_stmt");

    /** The lengths of the names {@link #scanCalls} looks for. */
    private static final java.util.BitSet CALL_NAME_LENGTHS = new java.util.BitSet();

    static {
        EXECUTOR_FUNCTIONS.forEach(name -> CALL_NAME_LENGTHS.set(name.length()));
        CALL_NAME_LENGTHS.set("set_config".length());
    }

    /** Commands after which a call in the statement runs now; in CREATE (a view, a function) or PREPARE it runs later. */
    private static boolean runsNow(String command) {
        return !(command.equals("CREATE") || command.equals("PREPARE") || command.equals("ALTER")
                || command.equals("COMMENT") || command.equals("GRANT") || command.equals("REVOKE"));
    }

    /**
     * Looks at every call in {@code tokens[from, to)} for SQL handed to an executor function ({@code dblink_exec(conn,
     * 'text')}, {@code dblink(conn, 'text')}, {@code query_to_xml('text', ...)}, MySQL's
     * {@code sys.execute_prepared_stmt('text')}), anywhere in any statement, and for {@code set_config(name, value,
     * is_local)} changing a setting that changes how text is read. A name after FUNCTION or PROCEDURE is a definition,
     * not a call.
     */
    private void scanCalls(int from, int to, int nest, boolean runsNow) {
        scanCalls(from, to, nest, runsNow, DynamicSql.Variables.NONE);
    }

    private void scanCalls(int from, int to, int nest, boolean runsNow, DynamicSql.Variables variables) {
        if (!t.hasLeftParen(from, to)) {
            return; // no call without a parenthesis
        }
        for (int k = from; k + 1 < to; k++) {
            if (!t.is(k + 1, TokenType.LEFT_PAREN) || !(t.is(k, TokenType.WORD) && CALL_NAME_LENGTHS.get(t.length(k))
                    || t.is(k, TokenType.QUOTED_IDENTIFIER))) {
                continue; // most calls (now(), count(*)) are told apart by length, without building a string
            }
            String name = t.identifier(k).toLowerCase(Locale.ROOT);
            boolean settingCall = name.equals("set_config");
            if (!settingCall && !EXECUTOR_FUNCTIONS.contains(name) || isDefinition(k)) {
                continue;
            }
            int close = t.closingParen(k + 1, to);
            int[] args = arguments(k + 2, close);
            if (settingCall) {
                setConfig(args, runsNow);
                continue;
            }
            int sql = sqlArgument(name, args);
            if (sql >= 0) {
                int before = actions.size();
                classifyDynamic(args[2 * sql], args[2 * sql + 1], nest + 1, variables, !runsNow);
                if (actions.size() > before) {
                    scannerOnly = true;
                }
            }
        }
    }

    /** Whether the name at {@code k} follows FUNCTION, PROCEDURE, ROUTINE or AGGREGATE (possibly qualified). */
    private boolean isDefinition(int k) {
        int j = k - 1;
        while (j >= 1 && t.is(j, TokenType.DOT) && (t.is(j - 1, TokenType.WORD) || t.is(j - 1, TokenType.QUOTED_IDENTIFIER))) {
            j -= 2;
        }
        return t.isWord(j, "FUNCTION") || t.isWord(j, "PROCEDURE") || t.isWord(j, "ROUTINE")
                || t.isWord(j, "AGGREGATE");
    }

    /**
     * Which argument holds the SQL: {@code dblink_exec(sql [, fail])} / {@code dblink_exec(conn, sql [, fail])} (and
     * {@code dblink}), {@code dblink_send_query(conn, sql)}, {@code dblink_open([conn,] cursor, sql [, fail])},
     * {@code query_to_xml(sql, ...)}, {@code execute_prepared_stmt(sql)}; -1 when there is none.
     */
    private int sqlArgument(String function, int[] args) {
        int count = args.length / 2;
        if (count == 0) {
            return -1;
        }
        return switch (function) {
            case "dblink", "dblink_exec" -> count == 1 || count == 2 && isBoolean(args[2], args[3]) ? 0 : 1;
            case "dblink_send_query" -> count >= 2 ? 1 : 0;
            case "dblink_open" -> count < 2 ? -1 : count == 2 || count == 3 && isBoolean(args[4], args[5]) ? 1 : 2;
            default -> 0;
        };
    }

    private boolean isBoolean(int from, int to) {
        return to == from + 1 && (t.isWord(from, "TRUE") || t.isWord(from, "FALSE"));
    }

    /** {@code set_config('standard_conforming_strings', 'off', is_local)}, PostgreSQL's function form of SET. */
    private void setConfig(int[] args, boolean runsNow) {
        if (args.length < 4) {
            return;
        }
        String name = DynamicSql.constant(t, args[0], args[1]);
        if (name == null) {
            // a setting named at run time may be one of those that change how text is read, or turn read-only off
            sessionChanges.add(new SessionChange(SessionChange.Kind.SETTING, "standard_conforming_strings", null));
            sessionChanges.add(new SessionChange(SessionChange.Kind.SETTING, "default_transaction_read_only", null));
            return;
        }
        String key = name.trim().toLowerCase(Locale.ROOT);
        if (READ_ONLY_SETTINGS.contains(key)) {
            sessionChanges.add(new SessionChange(SessionChange.Kind.SETTING, key,
                    deferred ? null : DynamicSql.constant(t, args[2], args[3])));
            return;
        }
        if (READING_SETTINGS.contains(key)) {
            // is_local = true lasts until the transaction ends, like SET LOCAL: the value is then not known
            boolean session = args.length >= 6 && args[5] == args[4] + 1 && t.isWord(args[4], "FALSE");
            String value = runsNow && !deferred && session ? DynamicSql.constant(t, args[2], args[3]) : null;
            sessionChanges.add(new SessionChange(SessionChange.Kind.SETTING, key, value));
        }
    }

    /** The argument ranges of a call, {@code [from0, to0, ...]}; none for {@code f()}. */
    private int[] arguments(int from, int to) {
        if (from >= to) {
            return new int[0];
        }
        int depth = t.depth(from);
        int[] bounds = new int[8];
        int count = 0;
        int start = from;
        for (int k = from; k <= to; k++) {
            if (k == to || (t.depth(k) == depth && t.is(k, TokenType.COMMA))) {
                if (count + 2 > bounds.length) {
                    bounds = Arrays.copyOf(bounds, bounds.length * 2);
                }
                bounds[count++] = start;
                bounds[count++] = k;
                start = k + 1;
            }
        }
        return Arrays.copyOf(bounds, count);
    }

    // ---------------------------------------------------------------------------------------------------------
    // session settings

    /** The settings that change how text is read: PostgreSQL's and MySQL's. */
    private static final Set<String> READING_SETTINGS = Set.of("standard_conforming_strings", "sql_mode");

    /**
     * The settings that make a session read-only (PostgreSQL's and MySQL's): their changes are recorded for
     * read-only mode, which refuses any that could turn them off.
     */
    static final Set<String> READ_ONLY_SETTINGS = Set.of("default_transaction_read_only", "transaction_read_only",
            "tx_read_only");

    /**
     * {@code SET [SESSION | LOCAL] name {= | TO} value} (PostgreSQL; LOCAL lasts until the transaction ends, after
     * which the old value is back: so its value for the session is not known, and the text is read both ways) and
     * MySQL's {@code SET [GLOBAL | SESSION | LOCAL | PERSIST | PERSIST_ONLY] name = expr, ...},
     * {@code SET @@[session.]name := expr}, {@code SET @user = expr}: each assignment to a setting that changes how
     * text is read, in this session, is a {@link SessionChange}; its value is null when it is computed
     * ({@code CONCAT(@@sql_mode, ',ANSI_QUOTES')}). {@code GLOBAL} and {@code PERSIST} change other sessions only.
     * MariaDB's {@code SET STATEMENT name = value, ... FOR stmt} runs {@code stmt}, which is judged.
     */
    private Head set(int i, int end, int nest) {
        int depth = t.depth(i);
        if (word(i + 1, end, "STATEMENT")) {
            int forAt = find(i + 2, end, depth, "FOR");
            if (forAt < 0) {
                return new Head("SET", false);
            }
            scannerOnly = true;
            return new Head("SET", classify(forAt + 1, end, nest + 1).writes());
        }
        int k = i + 1;
        boolean session = true;
        boolean transaction = false;
        while (k < end) {
            if (word(k, end, "GLOBAL") || word(k, end, "PERSIST") || word(k, end, "PERSIST_ONLY")) {
                session = false;
                k++;
            } else if (word(k, end, "SESSION") || word(k, end, "LOCAL")) {
                session = true;
                transaction = word(k, end, "LOCAL") && !t.rules.mysql(); // MySQL's LOCAL is SESSION
                k++;
            }
            int nameEnd = variableEnd(k, end);
            if (nameEnd == k) {
                break;
            }
            String name = variableName(k, nameEnd);
            boolean thisSession = session;
            boolean userVariable = false;
            if (name.startsWith("@@")) {
                name = name.substring(2);
                int dot = name.indexOf('.');
                String scope = dot > 0 ? name.substring(0, dot) : "session";
                thisSession = scope.equals("session") || scope.equals("local");
                if (dot > 0) {
                    name = name.substring(dot + 1);
                }
            } else if (name.startsWith("@")) {
                userVariable = true;
            }
            k = nameEnd;
            boolean variableValue = isAssignmentOfVariable(k); // =@@sql_mode lexed as one operator
            if (!(t.isOperator(k, "=") || t.isOperator(k, ":=") || word(k, end, "TO") || variableValue)) {
                // SET NAMES, SET ROLE, SET TIME ZONE ...: nothing that changes reading; SET [SESSION] TRANSACTION
                // and SET SESSION CHARACTERISTICS AS TRANSACTION set the read-only settings by another name
                if (name.equals("transaction")) {
                    transactionModes(k, end, "transaction_read_only");
                } else if (name.equals("characteristics") && word(k, end, "AS") && word(k + 1, end, "TRANSACTION")) {
                    transactionModes(k + 2, end, "default_transaction_read_only");
                }
                break;
            }
            int valueEnd = assignmentEnd(k + 1, end, depth);
            if (!userVariable && thisSession && READING_SETTINGS.contains(name)) {
                sessionChanges.add(new SessionChange(SessionChange.Kind.SETTING, name,
                        deferred || transaction || variableValue ? null : settingValue(name, k + 1, valueEnd)));
            } else if (!userVariable && READ_ONLY_SETTINGS.contains(name)) {
                // in any scope, LOCAL and GLOBAL too: read-only mode refuses whatever could turn it off
                sessionChanges.add(new SessionChange(SessionChange.Kind.SETTING, name,
                        deferred || variableValue ? null : settingValue(name, k + 1, valueEnd)));
            }
            k = valueEnd + 1;
        }
        return new Head("SET", false);
    }

    /**
     * The transaction modes of {@code BEGIN}, {@code START TRANSACTION}, {@code SET TRANSACTION} and
     * {@code SET SESSION CHARACTERISTICS AS TRANSACTION}: {@code READ WRITE} turns {@code setting} off,
     * {@code READ ONLY} on.
     */
    private void transactionModes(int from, int end, String setting) {
        for (int k = from; k + 1 < end; k++) {
            if (t.isWord(k, "READ") && (t.isWord(k + 1, "WRITE") || t.isWord(k + 1, "ONLY"))) {
                sessionChanges.add(new SessionChange(SessionChange.Kind.SETTING, setting,
                        t.isWord(k + 1, "WRITE") ? "off" : "on"));
            }
        }
    }

    /** The end of a variable reference at {@code k}: glued words, dots, quoted names and {@code @}/{@code @@}. */
    private int variableEnd(int k, int end) {
        int j = k;
        while (j < end && (t.is(j, TokenType.WORD) || t.is(j, TokenType.QUOTED_IDENTIFIER) || t.is(j, TokenType.DOT)
                || t.is(j, TokenType.PARAMETER) && t.source.charAt(t.start(j)) == '@'
                || t.is(j, TokenType.OPERATOR) && t.source.charAt(t.start(j)) == '@' && t.text(j).matches("@+"))) {
            if (j > k && t.start(j) != t.end(j - 1)) {
                break;
            }
            j++;
            if (j - k == 1 && t.is(k, TokenType.WORD) && !(j < end && t.is(j, TokenType.DOT))) {
                break; // a plain name: SET search_path, SET SESSION sql_mode
            }
        }
        return j;
    }

    /** An operator token {@code =@...} or {@code :=@...}: an assignment whose value is a variable. */
    private boolean isAssignmentOfVariable(int k) {
        if (!t.is(k, TokenType.OPERATOR)) {
            return false;
        }
        String op = t.text(k);
        return op.length() > 1 && (op.startsWith("=@") || op.startsWith(":=@"));
    }

    private String variableName(int from, int to) {
        StringBuilder name = new StringBuilder();
        for (int j = from; j < to; j++) {
            name.append(t.is(j, TokenType.QUOTED_IDENTIFIER) ? t.identifier(j) : t.text(j));
        }
        return name.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * Where the value of an assignment starting at {@code k} ends: at the next top-level comma that starts another
     * assignment ({@code , name =}), so that PostgreSQL's lists ({@code SET search_path = a, b}) stay one value.
     */
    private int assignmentEnd(int k, int end, int depth) {
        for (int j = k; j < end; j++) {
            if (t.depth(j) == depth && t.is(j, TokenType.COMMA)) {
                int n = j + 1;
                if (word(n, end, "GLOBAL") || word(n, end, "SESSION") || word(n, end, "LOCAL")
                        || word(n, end, "PERSIST") || word(n, end, "PERSIST_ONLY")) {
                    return j;
                }
                int nameEnd = variableEnd(n, end);
                if (nameEnd > n && (t.isOperator(nameEnd, "=") || t.isOperator(nameEnd, ":=")
                        || isAssignmentOfVariable(nameEnd))) {
                    return j;
                }
            }
        }
        return end;
    }

    /** The value set, as text: a word or number as written, a literal's value; null when computed at run time. */
    private String settingValue(String name, int from, int to) {
        if (to == from + 1 && t.is(from, TokenType.WORD)) {
            return t.text(from);
        }
        if (to == from + 1 && t.is(from, TokenType.NUMBER)) {
            return name.equals("sql_mode") ? null : t.text(from); // sql_mode = 4: a bit mask, not read here
        }
        return DynamicSql.constant(t, from, to);
    }

    /** {@code RESET name} / {@code RESET ALL}: the setting is back to its default. */
    private void reset(int i, int end) {
        if (word(i + 1, end, "ALL")) {
            if (!t.rules.mysql()) {
                sessionChanges.add(new SessionChange(SessionChange.Kind.SETTING, "standard_conforming_strings",
                        "DEFAULT"));
                sessionChanges.add(new SessionChange(SessionChange.Kind.SETTING, "default_transaction_read_only",
                        "DEFAULT"));
            }
            return;
        }
        if (isIdentifier(i + 1, end) && i + 2 == end) {
            String name = t.identifier(i + 1).toLowerCase(Locale.ROOT);
            if (READING_SETTINGS.contains(name) || READ_ONLY_SETTINGS.contains(name)) {
                sessionChanges.add(new SessionChange(SessionChange.Kind.SETTING, name, "DEFAULT"));
            }
        }
    }

    /** {@code DISCARD TEMP | TEMPORARY | ALL}: the session's temporary tables are gone; ALL also resets every setting. */
    private void discard(int i, int end) {
        boolean all = word(i + 1, end, "ALL");
        if (all || word(i + 1, end, "TEMP") || word(i + 1, end, "TEMPORARY")) {
            sessionChanges.add(new SessionChange(SessionChange.Kind.TEMPORARY_TABLES_DISCARDED, null, null));
        }
        if (all) {
            sessionChanges.add(new SessionChange(SessionChange.Kind.SETTING, "standard_conforming_strings", "DEFAULT"));
            sessionChanges.add(new SessionChange(SessionChange.Kind.SETTING, "default_transaction_read_only",
                    "DEFAULT"));
        }
    }
}
