package dev.dbguard.core.internal;

import dev.dbguard.core.sql.ActionKind;
import dev.dbguard.core.sql.AnalysisPath;
import dev.dbguard.core.sql.AnalyzedStatement;
import dev.dbguard.core.sql.SessionChange;
import dev.dbguard.core.sql.SqlAction;
import dev.dbguard.core.sql.WhereScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits a SQL string into statements and tells, for each, what it does.
 *
 * <p>The string is lexed once with PostgreSQL's rules (nested comments, dollar quotes, {@code E''} strings) and split
 * at top-level semicolons, so that nothing hides behind a first statement. Each statement is then classified by the
 * structural scanner, which always gives its command and whether it writes. A statement with no destructive keyword
 * outside literals and comments is {@link AnalysisPath#PREFILTERED}; otherwise JSqlParser judges it when it can
 * ({@link AnalysisPath#PARSED}), and the scanner's verdict stands when it cannot ({@link AnalysisPath#SCANNED}):
 * vendor syntax, statements longer than the parse bound, {@code DO} blocks and {@code PREPARE ... FROM 'text'}
 * (whose destructive part is inside a string), and statements JSqlParser would read differently from PostgreSQL
 * (nested block comments, MySQL {@code /*!...*}{@code /} comments, {@code //}).
 *
 * <p>Thread-safe and stateless apart from its settings. Never throws on any input. The scanner is linear in the
 * length of the input.
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
     * {@code DELETE}, {@code UPDATE}) occurs anywhere in it as a word, not even inside literals or comments, so that
     * no rule can fire and the statement needs no further analysis. Also true for the word {@code REPLACE}
     * (MariaDB's {@code CREATE OR REPLACE TABLE} drops the table it replaces) and when the text holds a backslash
     * or a MySQL executable comment ({@code /*!}), which can spell or hide a keyword. No lexing, no allocation.
     */
    public static boolean mightBeDestructive(String sql) {
        return sql != null && DestructiveWords.occurIn(sql);
    }

    /**
     * Splits {@code sql} into statements and analyses each, in order, read the PostgreSQL way; a null, empty or
     * comment-only string gives an empty list. The list is unmodifiable.
     */
    public List<AnalyzedStatement> analyze(String sql) {
        return analyze(sql, LexicalRules.POSTGRESQL);
    }

    /**
     * Splits {@code sql} into statements and analyses each, in order, read with {@code rules}; a null, empty or
     * comment-only string gives an empty list. A statement that changes how text is read
     * ({@code SET standard_conforming_strings = off}, {@code SET sql_mode = 'ANSI_QUOTES'}) changes it for the
     * statements after it in the same string, as the server would; when the new value cannot be known, the rest is
     * read each way it could be and every statement found by any reading is listed. For PostgreSQL the rest is also
     * read as the string began, since a simple-protocol Query is lexed whole before any of it runs. The list is
     * unmodifiable.
     */
    public List<AnalyzedStatement> analyze(String sql, LexicalRules rules) {
        if (sql == null || sql.isEmpty()) {
            return List.of();
        }
        List<AnalyzedStatement> statements = new ArrayList<>(2);
        int changedAt = analyze(sql, 0, rules, statements, 0);
        if (changedAt >= 0 && !rules.mysql()) {
            // PostgreSQL lexes a simple-protocol Query whole before running any of it, so the rest is also read as
            // the string began (a driver that splits the string sends pieces lexed after the change: read above)
            List<AnalyzedStatement> followed = List.copyOf(statements);
            Tokens tokens = Lexer.lex(sql, changedAt, sql.length(), rules);
            int[] pieces = StatementSplitter.split(tokens);
            for (int p = 0; p < pieces.length; p += 2) {
                AnalyzedStatement statement = analyze(tokens, pieces[p], pieces[p + 1]);
                if (!followed.contains(statement)) {
                    statements.add(statement); // read differently: listed too
                }
            }
        }
        return List.copyOf(statements);
    }

    /**
     * Analyses {@code sql[from, ...)} read with {@code rules}, reading what follows a statement that changes the
     * reading the new way (each way, when the new value is unknown), as MySQL and MariaDB do: they lex a
     * multi-statement string one statement at a time. Returns where the first change of reading took effect, or -1.
     */
    private int analyze(String sql, int from, LexicalRules rules, List<AnalyzedStatement> out, int rereads) {
        Tokens tokens = Lexer.lex(sql, from, sql.length(), rules);
        int[] pieces = StatementSplitter.split(tokens);
        for (int p = 0; p < pieces.length; p += 2) {
            AnalyzedStatement statement = analyze(tokens, pieces[p], pieces[p + 1]);
            out.add(statement);
            if (statement.sessionChanges().isEmpty()) {
                continue; // the reading stays
            }
            LexicalRules[] next = readingAfter(rules, statement);
            if (next.length == 1 && next[0] == rules || rereads >= MAX_REREADS) {
                continue;
            }
            int rest = tokens.end(pieces[p + 1] - 1);
            for (LexicalRules reading : next) {
                analyze(sql, rest, reading, out, rereads + 1);
            }
            return rest;
        }
        return -1;
    }

    /** How often one string may change its own reading before the rest is read as it stands (bounds the work). */
    private static final int MAX_REREADS = 4;

    private static LexicalRules[] readingAfter(LexicalRules rules, AnalyzedStatement statement) {
        LexicalRules[] readings = {rules};
        for (SessionChange change : statement.sessionChanges()) {
            if (change.kind() == SessionChange.Kind.SETTING) {
                readings = readings[0].after(change.name(), change.value());
            }
        }
        return readings;
    }

    private AnalyzedStatement analyze(Tokens tokens, int from, int to) {
        int start = tokens.start(from);
        int end = tokens.end(to - 1);
        String text = start == 0 && end == tokens.source.length() ? tokens.source : tokens.source.substring(start, end);
        ScannedStatement scanned = StatementScanner.scan(tokens, from, to);
        if (!scanned.scannerOnly() && (nothingToParse(scanned) || scanned.actions().isEmpty()
                && !tokens.hasDestructiveKeyword(from, to))) {
            return new AnalyzedStatement(text, scanned.command(), AnalysisPath.PREFILTERED, scanned.writes(),
                    scanned.actions(), scanned.sessionChanges());
        }
        if (!scanned.scannerOnly() && text.length() <= maxParseLength && !tokens.parserMayMisread(start, end)) {
            Optional<List<SqlAction>> parsed = parse(text, tokens.rules);
            // The parser may refine or add to what the scanner saw, but never clear it: JSqlParser 5.3 reads
            // "id IN (1, 2) OR 1 = 1" as "id IN ((1, 2) OR 1 = 1)", which would let an always-true DELETE pass.
            if (parsed.isPresent() && (rulesMayFire(parsed.get()) || !rulesMayFire(scanned.actions()))) {
                return new AnalyzedStatement(text, scanned.command(), AnalysisPath.PARSED, scanned.writes(),
                        parsed.get(), scanned.sessionChanges());
            }
        }
        return new AnalyzedStatement(text, scanned.command(), AnalysisPath.SCANNED, scanned.writes(),
                scanned.actions(), scanned.sessionChanges());
    }

    /**
     * Whether the scanner's reading already shows that no rule can fire, so that parsing (tens of microseconds with
     * JSqlParser) would add nothing: a DELETE or UPDATE whose every action is scoped by a WHERE that references a
     * column or parameter (the everyday {@code UPDATE t SET ... WHERE id = ?}), or a SELECT with no nested action
     * ({@code SELECT ... FOR UPDATE}). Statements the scanner finds destructive are always parsed when they can be.
     */
    private static boolean nothingToParse(ScannedStatement scanned) {
        String command = scanned.command();
        if (command.equals("SELECT")) {
            return scanned.actions().isEmpty();
        }
        if (!command.equals("DELETE") && !command.equals("UPDATE") || scanned.actions().isEmpty()) {
            return false;
        }
        for (SqlAction action : scanned.actions()) {
            if (action.scope() != WhereScope.SCOPED) {
                return false;
            }
        }
        return true;
    }

    /** Whether any action is of a kind a rule refuses: anything but a scoped DELETE/UPDATE. */
    private static boolean rulesMayFire(List<SqlAction> actions) {
        for (SqlAction action : actions) {
            boolean dml = action.kind() == ActionKind.DELETE || action.kind() == ActionKind.UPDATE;
            if (!dml || action.scope() != WhereScope.SCOPED) {
                return true;
            }
        }
        return false;
    }

    /** JSqlParser's verdict on one statement, or empty when it cannot give one; never throws. */
    private static Optional<List<SqlAction>> parse(String statement, LexicalRules rules) {
        try {
            return JSqlParserClassifier.classify(statement, rules);
        } catch (StackOverflowError e) {
            return Optional.empty(); // JSqlParser recursed too deep: the scanner decides
        } catch (VirtualMachineError e) {
            throw e; // out of memory and the like are the JVM's, not a verdict on the statement
        } catch (Throwable e) {
            return Optional.empty(); // TokenMgrException and any other parser failure: the scanner decides
        }
    }
}
