package dev.dbguard.core.internal;

import dev.dbguard.core.sql.SqlAction;
import dev.dbguard.core.sql.TypeChange;
import dev.dbguard.core.sql.WhereScope;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserConstants;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Commit;
import net.sf.jsqlparser.statement.DeclareStatement;
import net.sf.jsqlparser.statement.DescribeStatement;
import net.sf.jsqlparser.statement.ExplainStatement;
import net.sf.jsqlparser.statement.ParenthesedStatement;
import net.sf.jsqlparser.statement.ResetStatement;
import net.sf.jsqlparser.statement.RollbackStatement;
import net.sf.jsqlparser.statement.SavepointStatement;
import net.sf.jsqlparser.statement.SetStatement;
import net.sf.jsqlparser.statement.ShowColumnsStatement;
import net.sf.jsqlparser.statement.ShowStatement;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.UseStatement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.alter.AlterOperation;
import net.sf.jsqlparser.statement.alter.RenameTableStatement;
import net.sf.jsqlparser.statement.alter.sequence.AlterSequence;
import net.sf.jsqlparser.statement.analyze.Analyze;
import net.sf.jsqlparser.statement.comment.Comment;
import net.sf.jsqlparser.statement.create.function.CreateFunction;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.procedure.CreateProcedure;
import net.sf.jsqlparser.statement.create.schema.CreateSchema;
import net.sf.jsqlparser.statement.create.sequence.CreateSequence;
import net.sf.jsqlparser.statement.create.synonym.CreateSynonym;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.view.AlterView;
import net.sf.jsqlparser.statement.create.view.CreateView;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.delete.ParenthesedDelete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.grant.Grant;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.insert.ParenthesedInsert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.refresh.RefreshMaterializedViewStatement;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.show.ShowIndexStatement;
import net.sf.jsqlparser.statement.show.ShowTablesStatement;
import net.sf.jsqlparser.statement.truncate.Truncate;
import net.sf.jsqlparser.statement.update.ParenthesedUpdate;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;
import net.sf.jsqlparser.statement.upsert.Upsert;

/**
 * Tells from JSqlParser's parse tree which destructive-relevant actions one statement holds.
 *
 * <p>The answer is {@link Optional#empty()} whenever the tree cannot be trusted to tell the whole story, so that the
 * lexical scanner decides instead. That is the case when JSqlParser cannot parse the statement; when the statement type
 * is not one this class knows (JSqlParser adds statement types every release, and an unknown type must never pass as
 * safe); when the statement nests so deeply that parsing could take long; and when JSqlParser's lexer would read the
 * text differently from the server with the connection's reading ({@link LexicalRules}): MySQL's {@code "strings"},
 * {@code #} comments and {@code /*! ... *}{@code /} code, {@code ||} meaning OR, {@code --} without a following space,
 * PostgreSQL's nested comments, backslashes it does not take the server's way.
 *
 * <p>The parser runs on the caller's thread, without the executor {@code CCJSqlParserUtil.parse} starts for every
 * call. Complex parsing (which JSqlParser needs for conditions inside function arguments, {@code IF(a > 1, ...)}) costs
 * time exponential in the nesting depth, so it is tried only after simple parsing failed, and only on short, shallow
 * statements.
 */
final class JSqlParserClassifier {

    /** Complex parsing is retried only on statements at most this long... */
    static final int MAX_COMPLEX_RETRY_LENGTH = 1_000;
    /**
     * ...and nested at most this many parentheses deep: each level multiplies complex parsing's cost by up to 8
     * ({@code -((TRUE)::text IN (1, 2))}: simple parsing fails in 0.25 ms, complex parsing takes 2 ms).
     */
    static final int MAX_COMPLEX_RETRY_DEPTH = 1;

    /**
     * Statement types that change nothing the rules look at. Matched on the exact class, so that a subclass a later
     * JSqlParser version adds is not taken for harmless without being looked at.
     */
    private static final Set<Class<? extends Statement>> HARMLESS = Set.of(
            CreateIndex.class, CreateSchema.class, CreateSequence.class, AlterSequence.class, CreateSynonym.class,
            CreateFunction.class, CreateProcedure.class, AlterView.class,
            Grant.class, Comment.class, Analyze.class, RefreshMaterializedViewStatement.class,
            SetStatement.class, ResetStatement.class, UseStatement.class, DeclareStatement.class,
            ShowStatement.class, ShowColumnsStatement.class, ShowIndexStatement.class, ShowTablesStatement.class,
            DescribeStatement.class, Commit.class, RollbackStatement.class, SavepointStatement.class);

    private JSqlParserClassifier() {
    }

    /**
     * Parses one statement (already split from its neighbours, no trailing semicolon) and lists its actions.
     *
     * @return the actions, an empty list when the statement was understood and holds none, or
     *         {@link Optional#empty()} when the parse tree cannot decide (see the class comment)
     */
    static Optional<List<SqlAction>> classify(String statement) {
        return classify(statement, LexicalRules.POSTGRESQL);
    }

    /**
     * As {@link #classify(String)}, for a statement read with {@code rules}. The text is parsed with the reading's
     * own backslash rule, and not at all when JSqlParser would read it differently from the server
     * ({@link #readsDifferently}), so that a tree is only ever the server's reading of the text.
     */
    static Optional<List<SqlAction>> classify(String statement, LexicalRules rules) {
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(rules, "rules");
        if (statement.isBlank() || readsDifferently(statement, rules) || !Nesting.of(statement).parseable()) {
            return Optional.empty();
        }
        Optional<Statement> tree = parse(statement, rules.backslashEscapes());
        return tree.isEmpty() ? Optional.empty() : actions(tree.get());
    }

    /**
     * Parses with simple parsing, then retries once with complex parsing when that can help and stays within the
     * parse budget. Package-private for tests; does not apply the nesting bound of {@link #classify}.
     */
    static Optional<Statement> parse(String sql, boolean backslashEscapes) {
        Optional<Statement> simple = parseOnce(sql, false, backslashEscapes);
        if (simple.isPresent() || !worthComplexRetry(sql)) {
            return simple;
        }
        return parseOnce(sql, true, backslashEscapes);
    }


    /**
     * Whether a statement simple parsing failed on is worth parsing again with complex parsing: only a condition
     * inside parentheses that are not a subquery needs it ({@code IF(a > 1, ...)}, {@code f(x IS NULL)},
     * {@code (a = 1) = true}), and the failed parse and
     * the retry together must stay within {@link Nesting#BUDGET}. Anything else simple parsing cannot read, complex
     * parsing cannot either, at several times the cost.
     */
    static boolean worthComplexRetry(String sql) {
        if (sql.length() > MAX_COMPLEX_RETRY_LENGTH) {
            return false;
        }
        Nesting nesting = Nesting.of(sql);
        // The failed simple parse stops where it fails; the complex one costs up to twice a simple one on the short,
        // shallow statements it is tried on: together about twice the estimate (measured: IF(b > 1, 1, 2)).
        return nesting.conditionInParentheses() && nesting.maxDepth() <= MAX_COMPLEX_RETRY_DEPTH
                && 2 * nesting.cost() <= Nesting.BUDGET;
    }

    /** One parse of the whole text; empty when the parser fails in any way or stops before the end of the text. */
    static Optional<Statement> parseOnce(String sql, boolean complexParsing, boolean backslashEscapes) {
        CCJSqlParser parser = new FailFastParser(sql)
                .withAllowComplexParsing(complexParsing)
                .withBackslashEscapeCharacter(backslashEscapes)
                .withUnsupportedStatements(false);
        try {
            Statement statement = parser.Statement();
            // Statement() stops after the first statement: "SELECT 1; DROP TABLE t" would otherwise pass as a SELECT.
            boolean wholeText = parser.getToken(1).kind == CCJSqlParserConstants.EOF;
            return wholeText ? Optional.ofNullable(statement) : Optional.empty();
        } catch (StackOverflowError tooDeep) {
            return Optional.empty(); // thousands of nested parentheses
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable parserFailure) {
            // ParseException, TokenMgrException, and the plain Errors JavaCC-generated code throws all mean
            // "JSqlParser could not read this": the scanner decides instead.
            return Optional.empty();
        }
    }

    /**
     * Whether JSqlParser's lexer would end a literal, a comment or a name elsewhere than the server does with this
     * reading, or see an operator the server does not: the lexer marks each such place while reading the text
     * ({@link Tokens#parserMayMisread}). For PostgreSQL: nested comments, {@code U&''} and dollar-quoted strings,
     * strings continued across a newline, backslashes next to quotes, {@code E''} escapes (and with
     * {@code standard_conforming_strings} off, escapes JSqlParser does not know). For MySQL and MariaDB:
     * {@code "strings"}, {@code #} comments, {@code --x} (minus minus x), executable comments, {@code ||} meaning OR,
     * string introducers, doubled backticks, words starting with a digit or {@code $}.
     */
    private static boolean readsDifferently(String sql, LexicalRules rules) {
        return Lexer.lex(sql, rules).parserMayMisread(0, sql.length());
    }

    private static Optional<List<SqlAction>> actions(Statement statement) {
        List<SqlAction> actions = new ArrayList<>();
        return collect(statement, actions) ? Optional.of(List.copyOf(actions)) : Optional.empty();
    }

    // ---- statements ----------------------------------------------------------------------------------------------
    // Each collect method adds the actions it finds and returns false when it meets something it does not understand.

    private static boolean collect(Statement statement, List<SqlAction> out) {
        if (statement instanceof Select select) {
            return collectSelect(select, out);
        }
        if (statement instanceof Delete delete) {
            return collectDelete(delete, out);
        }
        if (statement instanceof Update update) {
            return collectUpdate(update, out);
        }
        if (statement instanceof Insert insert) {
            return collectWith(insert.getWithItemsList(), out) && collectSelect(insert.getSelect(), out);
        }
        if (statement instanceof Drop drop) {
            return collectDrop(drop, out);
        }
        if (statement instanceof Truncate truncate) {
            return collectTruncate(truncate, out);
        }
        if (statement instanceof Alter alter) {
            return collectAlter(alter, out);
        }
        if (statement instanceof RenameTableStatement rename) {
            for (Map.Entry<Table, Table> pair : rename.getTableNames()) {
                out.add(SqlAction.rename("TABLE", List.of(name(pair.getKey()), name(pair.getValue()))));
            }
            return !rename.isTableNamesEmpty();
        }
        if (statement instanceof ExplainStatement explain) {
            return collectExplain(explain, out);
        }
        if (statement instanceof CreateTable createTable) {
            // MariaDB's CREATE OR REPLACE TABLE drops the table it replaces, which the tree does not say: the scanner
            // decides. PostgreSQL runs the query of CREATE TABLE x AS WITH d AS (DELETE ...) SELECT ...
            return !createTable.isOrReplace() && collectSelect(createTable.getSelect(), out);
        }
        if (statement instanceof CreateView createView) {
            return collectSelect(createView.getSelect(), out);
        }
        if (statement instanceof Merge merge) {
            // MERGE's own DELETE and UPDATE branches act on the rows its ON condition matches.
            return collectWith(merge.getWithItemsList(), out) && collectMerge(merge, out);
        }
        if (statement instanceof Upsert upsert) {
            return collectSelect(upsert.getSelect(), out);
        }
        return HARMLESS.contains(statement.getClass());
    }

    /** A query reads; only the data-modifying statements in its WITH items act. */
    private static boolean collectSelect(Select select, List<SqlAction> out) {
        if (select == null) {
            return true;
        }
        if (!collectWith(select.getWithItemsList(), out)) {
            return false;
        }
        if (select instanceof ParenthesedSelect parenthesed) {
            return collectSelect(parenthesed.getSelect(), out);
        }
        if (select instanceof SetOperationList setOperation && setOperation.getSelects() != null) {
            for (Select part : setOperation.getSelects()) {
                if (!collectSelect(part, out)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean collectWith(List<WithItem<?>> withItems, List<SqlAction> out) {
        if (withItems == null) {
            return true;
        }
        for (WithItem<?> item : withItems) {
            ParenthesedStatement inner = item.getParenthesedStatement();
            boolean understood;
            if (inner instanceof ParenthesedSelect select) {
                understood = collectSelect(select, out);
            } else if (inner instanceof ParenthesedDelete delete) {
                understood = collectDelete(delete.getDelete() != null ? delete.getDelete() : delete, out);
            } else if (inner instanceof ParenthesedUpdate update) {
                understood = collectUpdate(update.getUpdate() != null ? update.getUpdate() : update, out);
            } else if (inner instanceof ParenthesedInsert insert) {
                understood = collect(insert.getInsert() != null ? insert.getInsert() : insert, out);
            } else {
                understood = false;
            }
            if (!understood) {
                return false;
            }
        }
        return true;
    }

    private static boolean collectDelete(Delete delete, List<SqlAction> out) {
        if (!collectWith(delete.getWithItemsList(), out) || delete.getTable() == null) {
            return false;
        }
        RowScope scope = new RowScope();
        List<Integer> targets = new ArrayList<>(1);
        int main = addFromItem(scope, delete.getTable());
        if (delete.getUsingList() != null) {
            for (Table table : delete.getUsingList()) {
                addFromItem(scope, table);
            }
        }
        addJoins(scope, delete.getJoins());
        if (delete.getTables() == null || delete.getTables().isEmpty()) {
            targets.add(main);
        } else {
            // MySQL's DELETE t1, t2 FROM t1 JOIN t2 ...: the targets may be aliases of the tables in FROM.
            for (Table target : delete.getTables()) {
                int item = scope.resolve(name(target));
                targets.add(item >= 0 ? item : scope.table(name(target), null));
            }
        }
        out.add(SqlAction.delete(scope.names(targets), scope(scope, targets, delete.getWhere())));
        return true;
    }

    private static boolean collectUpdate(Update update, List<SqlAction> out) {
        if (!collectWith(update.getWithItemsList(), out) || update.getTable() == null) {
            return false;
        }
        RowScope scope = new RowScope();
        addFromItem(scope, update.getTable());
        addJoins(scope, update.getStartJoins());
        List<Integer> targets = updateTargets(update, scope);
        if (update.getFromItem() != null) {
            addFromItem(scope, update.getFromItem()); // PostgreSQL's UPDATE ... FROM
        }
        addJoins(scope, update.getJoins());
        out.add(SqlAction.update(scope.names(targets), scope(scope, targets, update.getWhere())));
        return true;
    }

    /**
     * The main table, or for MySQL's multi-table {@code UPDATE t1 JOIN t2 ... SET t1.a = ...} the tables whose columns
     * the SET clause assigns; all tables listed before SET when an assigned column names none.
     */
    private static List<Integer> updateTargets(Update update, RowScope scope) {
        List<Integer> all = scope.relations();
        if (scope.size() == 1) {
            return List.of(0);
        }
        List<Integer> assigned = new ArrayList<>(2);
        List<UpdateSet> sets = update.getUpdateSets() == null ? List.of() : update.getUpdateSets();
        for (UpdateSet set : sets) {
            if (set.getColumns() == null) {
                return all;
            }
            for (Column column : set.getColumns()) {
                String qualifier = column.getTable() == null ? null : name(column.getTable());
                int item = qualifier == null || qualifier.isEmpty() ? -1 : scope.resolve(qualifier);
                if (item < 0) {
                    return all;
                }
                if (!assigned.contains(item)) {
                    assigned.add(item);
                }
            }
        }
        return assigned.isEmpty() ? all : assigned;
    }

    /**
     * MERGE's {@code WHEN MATCHED [AND c] THEN DELETE} is a DELETE of the target and {@code THEN UPDATE} an UPDATE of
     * it, scoped by the ON condition and the branch's own conditions together (Oracle's {@code UPDATE ... WHERE c
     * DELETE WHERE d} adds its own); inserts change no existing row. JSqlParser 5.3 reads neither
     * {@code WHEN NOT MATCHED BY SOURCE} nor {@code DO NOTHING}: the scanner judges those.
     */
    private static boolean collectMerge(Merge merge, List<SqlAction> out) {
        if (merge.getTable() == null || merge.getOperations() == null || merge.getOperations().isEmpty()) {
            return false;
        }
        RowScope scope = new RowScope();
        List<Integer> target = List.of(addFromItem(scope, merge.getTable()));
        if (merge.getFromItem() != null) {
            addFromItem(scope, merge.getFromItem());
        } else {
            scope.derived(null); // the source is in scope whatever JSqlParser made of it
        }
        List<String> names = scope.names(target);
        List<RowScope.Condition> matched = with(List.of(), merge.getOnCondition());
        for (net.sf.jsqlparser.statement.merge.MergeOperation operation : merge.getOperations()) {
            if (operation instanceof net.sf.jsqlparser.statement.merge.MergeDelete delete) {
                out.add(SqlAction.delete(names, scope.scope(target, with(matched, delete.getAndPredicate()))));
            } else if (operation instanceof net.sf.jsqlparser.statement.merge.MergeUpdate update) {
                List<RowScope.Condition> updated = with(with(matched, update.getAndPredicate()),
                        update.getWhereCondition());
                out.add(SqlAction.update(names, scope.scope(target, updated)));
                if (update.getDeleteWhereCondition() != null) {
                    out.add(SqlAction.delete(names,
                            scope.scope(target, with(updated, update.getDeleteWhereCondition()))));
                }
            } else if (!(operation instanceof net.sf.jsqlparser.statement.merge.MergeInsert)) {
                return false; // an operation of a later JSqlParser version
            }
        }
        return true;
    }

    private static List<RowScope.Condition> with(List<RowScope.Condition> conditions, Expression more) {
        if (more == null) {
            return conditions;
        }
        List<RowScope.Condition> all = new ArrayList<>(conditions);
        all.addAll(RowScope.Condition.deparsed(more.toString()));
        return all;
    }

    /** Adds a FROM item (a table, or a derived table known by its alias, or a parenthesized join); returns its index. */
    private static int addFromItem(RowScope scope, FromItem item) {
        String alias = item.getAlias() == null || item.getAlias().getName() == null ? null
                : unquote(item.getAlias().getName());
        if (item instanceof Table table) {
            return scope.table(name(table), alias);
        }
        if (item instanceof net.sf.jsqlparser.statement.select.ParenthesedFromItem parenthesed
                && parenthesed.getFromItem() != null) {
            int first = addFromItem(scope, parenthesed.getFromItem());
            addJoins(scope, parenthesed.getJoins());
            return first;
        }
        return scope.derived(alias);
    }

    private static void addJoins(RowScope scope, List<Join> joins) {
        if (joins == null) {
            return;
        }
        for (Join join : joins) {
            FromItem right = join.getFromItem();
            int item = right == null ? scope.derived(null) : addFromItem(scope, right);
            if (join.getOnExpressions() != null) {
                for (Expression on : join.getOnExpressions()) {
                    for (RowScope.Condition reading : RowScope.Condition.deparsed(on.toString())) {
                        scope.join(item, reading);
                    }
                }
            }
            if (join.getUsingColumns() != null && !join.getUsingColumns().isEmpty()) {
                scope.usingJoin(item);
            }
        }
    }

    /** The WHERE's scope of the targets (see {@link RowScope}); a join condition or a USING list alone limits nothing. */
    private static WhereScope scope(RowScope scope, List<Integer> targets, Expression where) {
        if (where == null) {
            return WhereScope.MISSING;
        }
        return scope.scope(targets, RowScope.Condition.deparsed(where.toString()));
    }

    /** DROP kinds whose object name JSqlParser 5.3 reports correctly. */
    private static final Set<String> NAMED_DROP_KINDS = Set.of("TABLE", "VIEW",
            "MATERIALIZED VIEW", "INDEX", "SEQUENCE", "SCHEMA", "FUNCTION", "EXTENSION", "ROLE", "POLICY", "PACKAGE",
            "SYNONYM", "TYPE", "DATABASE", "PROCEDURE", "TRIGGER", "USER", "DOMAIN");

    private static boolean collectDrop(Drop drop, List<SqlAction> out) {
        if (drop.isUsingTemporary()) {
            return true; // MySQL's DROP TEMPORARY TABLE drops only a table of this session
        }
        if (drop.getType() == null || drop.getName() == null) {
            return false;
        }
        String type = drop.getType().strip().toUpperCase(Locale.ROOT);
        if (type.equals("VIEW") && drop.isMaterialized()) {
            type = "MATERIALIZED VIEW";
        }
        if (!NAMED_DROP_KINDS.contains(type)) {
            // Multi-word kinds (DROP ACCESS METHOD x, DROP OWNED BY r, DROP EVENT TRIGGER x) come back with the
            // kind's second word as the object name; the scanner reads those right.
            return false;
        }
        String object = name(drop.getName());
        List<String> parameters = drop.getParameters();
        if (type.equals("INDEX") && object.equalsIgnoreCase("CONCURRENTLY")
                && parameters != null && !parameters.isEmpty()) {
            object = unquote(parameters.get(0)); // JSqlParser takes CONCURRENTLY for the index name
        }
        out.add(SqlAction.drop(type, List.of(object)));
        return true;
    }

    private static boolean collectTruncate(Truncate truncate, List<SqlAction> out) {
        List<Table> tables = truncate.getTables() != null && !truncate.getTables().isEmpty()
                ? truncate.getTables()
                : truncate.getTable() == null ? List.of() : List.of(truncate.getTable());
        if (tables.isEmpty()) {
            return false;
        }
        out.add(SqlAction.truncate(tables.stream().map(JSqlParserClassifier::name).toList()));
        return true;
    }

    private static boolean collectAlter(Alter alter, List<SqlAction> out) {
        if (alter.getTable() == null || alter.getAlterExpressions() == null || alter.getAlterExpressions().isEmpty()) {
            return false;
        }
        String table = name(alter.getTable());
        for (AlterExpression expression : alter.getAlterExpressions()) {
            if (!collectAlterExpression(table, expression, out)) {
                return false;
            }
        }
        return true;
    }

    private static boolean collectAlterExpression(String table, AlterExpression expression, List<SqlAction> out) {
        if (expression.getOperation() == null) {
            return false;
        }
        switch (expression.getOperation()) {
            case DROP -> {
                if (expression.getColumnName() != null) {
                    out.add(SqlAction.alterDrop("COLUMN", table, unquote(expression.getColumnName())));
                } else if (expression.getConstraintName() != null) {
                    out.add(SqlAction.alterDrop("CONSTRAINT", table, unquote(expression.getConstraintName())));
                } else if (expression.getIndex() != null) {
                    // MySQL's ALTER TABLE ... DROP INDEX/KEY: refused as DROP INDEX is (the scanner reads it the same)
                    out.add(SqlAction.alterDrop("INDEX", table, expression.getIndex().getName() == null ? null
                            : unquote(expression.getIndex().getName())));
                } else if (expression.getPkColumns() != null && !expression.getPkColumns().isEmpty()) {
                    // Oracle's ALTER TABLE t DROP (a, b) drops columns.
                    for (String column : expression.getPkColumns()) {
                        out.add(SqlAction.alterDrop("COLUMN", table, unquote(column)));
                    }
                } else {
                    return false;
                }
            }
            case DROP_PRIMARY_KEY -> out.add(SqlAction.alterDrop("CONSTRAINT", table, "PRIMARY KEY"));
            case DROP_UNIQUE -> out.add(SqlAction.alterDrop("CONSTRAINT", table,
                    expression.getPkColumns() == null ? "UNIQUE"
                            : "UNIQUE (" + String.join(", ", expression.getPkColumns()) + ")"));
            case DROP_FOREIGN_KEY -> out.add(SqlAction.alterDrop("CONSTRAINT", table,
                    expression.getConstraintName() == null ? "FOREIGN KEY" : unquote(expression.getConstraintName())));
            case DROP_PARTITION -> {
                // Dropping a partition deletes its rows.
                if (expression.getPartitions() == null || expression.getPartitions().isEmpty()) {
                    return false;
                }
                for (String partition : expression.getPartitions()) {
                    out.add(SqlAction.alterDrop("PARTITION", table, unquote(partition)));
                }
            }
            // The rows go, the table stays: DISCARD ... TABLESPACE deletes the data files, BLACKHOLE keeps nothing.
            case TRUNCATE_PARTITION, DISCARD_PARTITION, DISCARD_TABLESPACE ->
                    out.add(SqlAction.truncate(List.of(table)));
            case ENGINE -> {
                if (expression.getEngineOption() != null
                        && unquote(expression.getEngineOption()).equalsIgnoreCase("BLACKHOLE")) {
                    out.add(SqlAction.truncate(List.of(table)));
                }
            }
            case RENAME_TABLE -> {
                if (expression.getNewTableName() == null) {
                    return false;
                }
                out.add(SqlAction.rename("TABLE", List.of(table, unquote(expression.getNewTableName()))));
            }
            case RENAME -> {
                if (expression.getColumnOldName() == null || expression.getColumnName() == null) {
                    return false;
                }
                out.add(SqlAction.rename("COLUMN", List.of(table, unquote(expression.getColumnOldName()),
                        unquote(expression.getColumnName()))));
            }
            case ALTER, MODIFY, CHANGE -> collectTypeChanges(table, expression, out);
            case ADD, CONVERT, COLLATE, ALGORITHM, RENAME_INDEX,
                    RENAME_KEY, RENAME_CONSTRAINT, COMMENT, COMMENT_WITH_EQUAL_SIGN, ADD_PARTITION, IMPORT_PARTITION,
                    COALESCE_PARTITION, REORGANIZE_PARTITION, EXCHANGE_PARTITION, ANALYZE_PARTITION, CHECK_PARTITION,
                    OPTIMIZE_PARTITION, REBUILD_PARTITION, REPAIR_PARTITION, REMOVE_PARTITIONING, PARTITION_BY,
                    SET_TABLE_OPTION, FORCE, KEY_BLOCK_SIZE, LOCK, IMPORT_TABLESPACE, DISABLE_KEYS,
                    ENABLE_KEYS -> {
                // Keep the data: ALTER COLUMN ... DROP DEFAULT / DROP NOT NULL / DROP IDENTITY are ALTER operations.
            }
            default -> {
                // UNSPECIFIC (text JSqlParser did not understand) and operations of later JSqlParser versions.
                return false;
            }
        }
        return true;
    }

    /**
     * The type changes of {@code ALTER COLUMN c TYPE x [USING e]}, {@code MODIFY c x ...} and {@code CHANGE a b x ...}
     * (also a rename when the names differ); {@code ALTER COLUMN c SET ...} / {@code DROP ...} change no type.
     */
    private static void collectTypeChanges(String table, AlterExpression expression, List<SqlAction> out) {
        if (expression.getColDataTypeList() == null) {
            return;
        }
        for (AlterExpression.ColumnDataType column : expression.getColDataTypeList()) {
            String name = column.getColumnName();
            if (name == null || column.getColDataType() == null) {
                continue;
            }
            if (expression.getOperation() == AlterOperation.ALTER
                    && !column.toString().substring(name.length()).startsWith(" TYPE ")) {
                continue; // ALTER COLUMN c SET NOT NULL and the like
            }
            String column1 = unquote(name);
            if (expression.getOperation() == AlterOperation.CHANGE && expression.getColumnOldName() != null) {
                String old = unquote(expression.getColumnOldName());
                if (!old.equalsIgnoreCase(column1)) {
                    out.add(SqlAction.rename("COLUMN", List.of(table, old, column1)));
                }
            }
            List<String> specs = column.getColumnSpecs() == null ? List.of() : column.getColumnSpecs();
            int using = -1;
            for (int i = 0; i < specs.size(); i++) {
                if (specs.get(i).equalsIgnoreCase("USING")) {
                    using = i;
                    break;
                }
            }
            String usingText = expression.getOperation() == AlterOperation.ALTER && using >= 0 && using + 1 < specs.size()
                    ? TypeChange.normalize(String.join(" ", specs.subList(using + 1, specs.size()))) : null;
            out.add(SqlAction.alterType(table, column1, TypeChange.normalize(column.getColDataType().toString()),
                    usingText));
        }
    }

    /**
     * EXPLAIN only plans the statement; EXPLAIN ANALYZE runs it, so it is judged as if sent on its own. JSqlParser 5.3
     * reads EXPLAIN of a query only ({@code EXPLAIN ANALYZE DELETE}, {@code EXPLAIN ANALYZE CREATE TABLE ... AS} and
     * {@code EXPLAIN (ANALYZE false)} do not parse): anything else it hands back, with ANALYZE, is left to the scanner.
     */
    private static boolean collectExplain(ExplainStatement explain, List<SqlAction> out) {
        boolean analyze = explain.getOptions() != null
                && explain.getOptions().containsKey(ExplainStatement.OptionType.ANALYZE);
        if (!analyze) {
            return true;
        }
        return explain.getStatement() != null && collectSelect(explain.getStatement(), out);
    }

    // ---- names ---------------------------------------------------------------------------------------------------

    /** The table's name as written, each part unquoted, qualified names kept ({@code public.orders}). */
    private static String name(Table table) {
        List<String> parts = table.getNameParts(); // innermost part first
        if (parts == null || parts.isEmpty()) {
            return table.getName() == null ? "" : unquote(table.getName());
        }
        StringBuilder name = new StringBuilder();
        for (int i = parts.size() - 1; i >= 0; i--) {
            name.append(parts.get(i) == null ? "" : unquote(parts.get(i)));
            if (i > 0) {
                name.append('.');
            }
        }
        return name.toString();
    }

    /** Removes one level of "double", `back` or [bracket] quotes, undoubling escaped quote characters. */
    static String unquote(String identifier) {
        int length = identifier.length();
        if (length >= 2) {
            char first = identifier.charAt(0);
            char last = identifier.charAt(length - 1);
            String inner = identifier.substring(1, length - 1);
            if (first == '"' && last == '"') {
                return inner.replace("\"\"", "\"");
            }
            if (first == '`' && last == '`') {
                return inner.replace("``", "`");
            }
            if (first == '[' && last == ']') {
                return inner;
            }
        }
        return identifier;
    }

    // ---- parse-cost bound ----------------------------------------------------------------------------------------

    /**
     * What parsing a statement would cost, estimated from its text without parsing it, to bound the parse time.
     *
     * <p>The unit is about a tenth of the parse of {@code DELETE FROM t WHERE a = 1} (some 3 to 7 microseconds,
     * depending on the machine and its load): JSqlParser 5.3 spends roughly that on each token of an expression, and
     * more on some constructs. {@link #cost} adds up:
     * <ul>
     *   <li>a base of {@value #BASE} and {@value #TOKEN} per token (word, number, literal, operator, punctuation;
     *       operators of two or more characters, {@code ::}, {@code ||}, count twice, PostgreSQL's JSON operators,
     *       {@code ->>}, {@code @>}, {@code ?|}, three times);
     *   <li>{@value #CALL} per function call and {@value #LIST_ITEM} per comma inside parentheses (argument and
     *       expression lists are where its lookahead works hardest: {@code IN (1, 2, ...)} costs twice a plain
     *       expression per item);
     *   <li>{@value #STEEP} × 2 per subquery in an expression, and time that doubles with each level they nest
     *       ({@code a IN (SELECT ... WHERE b IN (SELECT ...))}): a subquery nested L ≥ 2 levels deep costs
     *       {@value #STEEP} × 2^(L+1), so that 2 levels cost about a millisecond and 5 levels ten;
     *   <li>the square of the number of {@code IN (...)} predicates: the n-th costs {@value #STEEP} × n;
     *   <li>{@value #STEEP} per parenthesis deeper than 4 (JSqlParser 5.3 gives up beyond about 20 levels, after
     *       time linear in the depth);
     *   <li>one per {@value #LITERAL_CHARACTERS} characters of string literals and per {@value #COMMENT_CHARACTERS}
     *       of comments (JSqlParser's lexer reads a 4 KB literal in about a millisecond);
     *   <li>twice everything for each level of parentheses and {@code CASE ... END} beyond {@value #FREE_DEPTH},
     *       or four times for each level of value parentheses around a condition beyond the first
     *       ({@code f(g(a OR b))}, {@code -((x)::text IN (1, 2))}), whichever is more: a failing parse backtracks
     *       through every level around the point of failure (a 209-character statement nested 4 deep took 7 ms to
     *       fail), and simple parsing fails on such conditions;
     *   <li>twice everything for a text with a backslash, which {@link #classify} parses under both readings.
     * </ul>
     * Statements costing more than {@link #BUDGET} (under a millisecond of parsing on a busy 2-core machine: some 70
     * tokens of expressions, or two levels of nested subqueries) are left to the scanner, which judges every
     * statement on its own; ordinary statements cost well under it. Only the estimate's order of magnitude matters:
     * it was fitted on families of statements grown from 2 to 400 tokens (see the benchmarks' short-statement
     * search), and errs towards leaving a statement to the scanner.
     *
     * <p>Two constructs JSqlParser 5.3 cannot parse at all take it long to give up on, after backtracking that grows
     * with the nesting around them, so their cost is unbounded: {@code RETURNING} inside parentheses that do not hold a
     * DELETE, UPDATE, INSERT or MERGE ({@code JSON_ARRAY(JSON_ARRAY('[1]' RETURNING text))}: 2 s), and PostgreSQL's
     * open-ended array slices ({@code a[3:]}, {@code a[:2]}, {@code a[:]}: 20 ms for a 77-character UPDATE, several
     * inside a few parentheses).
     *
     * @param maxDepth        the deepest parenthesis nesting
     * @param cost            the estimated parse cost; {@link Long#MAX_VALUE} when it is beyond any budget
     * @param conditionInParentheses whether a condition stands inside parentheses that are not a subquery: in a
     *                        function call's arguments ({@code IF(a > 1, ...)}, {@code f(x IS NULL)}) or as a value
     *                        ({@code (a = 1) = true}), the only statements complex parsing can read when simple
     *                        parsing cannot
     */
    record Nesting(int maxDepth, long cost, boolean conditionInParentheses) {

        static final long BUDGET = 80;
        static final int BASE = 5;
        static final int TOKEN = 1;
        static final int CALL = 4;
        static final int LIST_ITEM = 2;
        static final int STEEP = 5;
        static final int FREE_DEPTH = 2;
        static final int LITERAL_CHARACTERS = 16;
        static final int COMMENT_CHARACTERS = 32;
        private static final int HARD_MAX_DEPTH = 256;
        private static final byte PLAIN = 0;
        private static final byte QUERY = 1;
        private static final byte DATA_CHANGE = 2;
        private static final byte FUNCTION_CALL = 3;
        private static final String OPERATOR_CHARACTERS = "+-*/<>=~!@#%^&|?:";
        private static final String[] CONDITION_WORDS = {"IS", "NOT", "AND", "OR", "LIKE", "ILIKE", "BETWEEN", "IN",
                "EXISTS", "SIMILAR", "REGEXP", "RLIKE"};

        boolean parseable() {
            return cost <= BUDGET;
        }

        static Nesting of(String sql) {
            byte[] kind = new byte[HARD_MAX_DEPTH + 1]; // what each open parenthesis holds
            int depth = 0;
            int queryDepth = 0;
            int inLists = 0;
            int maxDepth = 0;
            long tokens = 0;
            long cost = BASE;
            int conditionDepth = 0; // the deepest value parenthesis holding a condition
            int caseDepth = 0;
            int maxNesting = 0; // parentheses and CASE ... END together
            int length = sql.length();
            for (int i = 0; i < length; i++) {
                char c = sql.charAt(i);
                if (c == '\'' || c == '"' || c == '`') {
                    tokens++;
                    int end = endOfQuoted(sql, i, c);
                    cost += (end - i) / LITERAL_CHARACTERS;
                    i = end;
                } else if (c == '-' && i + 1 < length && sql.charAt(i + 1) == '-') {
                    int newline = sql.indexOf('\n', i);
                    int end = newline < 0 ? length : newline;
                    cost += (end - i) / COMMENT_CHARACTERS;
                    i = end;
                } else if (c == '/' && i + 1 < length && sql.charAt(i + 1) == '*') {
                    int close = sql.indexOf("*/", i + 2);
                    int end = close < 0 ? length : close + 1;
                    cost += (end - i) / COMMENT_CHARACTERS;
                    i = end;
                } else if (c == '(') {
                    tokens++;
                    depth++;
                    if (depth > HARD_MAX_DEPTH) {
                        return new Nesting(depth, Long.MAX_VALUE, conditionDepth > 0);
                    }
                    maxDepth = Math.max(maxDepth, depth);
                    maxNesting = Math.max(maxNesting, depth + caseDepth);
                    if (depth > 4) {
                        cost += STEEP;
                    }
                    boolean inList = followsWordIn(sql, i);
                    if (inList) {
                        inLists++;
                        cost += (long) STEEP * inLists;
                    }
                    kind[depth] = contentKind(sql, i + 1);
                    if (kind[depth] == QUERY) {
                        queryDepth++;
                        cost += queryDepth == 1 ? 2 * STEEP : (long) STEEP << Math.min(queryDepth + 1, 40);
                    } else if (kind[depth] == PLAIN && !inList && i > 0 && isIdentifierPart(sql.charAt(i - 1))) {
                        kind[depth] = FUNCTION_CALL; // f(...)
                        cost += CALL;
                    }
                } else if (c == ')') {
                    tokens++;
                    if (depth > 0) {
                        if (kind[depth] == QUERY) {
                            queryDepth--;
                        }
                        depth--;
                    }
                } else if (c == ',') {
                    tokens++;
                    if (depth > 0) {
                        cost += LIST_ITEM;
                    }
                } else if (depth > 0 && kind[depth] != DATA_CHANGE && startsWord(sql, i, "RETURNING")) {
                    return new Nesting(maxDepth, Long.MAX_VALUE, conditionDepth > 0);
                } else if (isIdentifierPart(c)) {
                    tokens++;
                    if (depth > conditionDepth && isValueParenthesis(kind[depth]) && startsConditionWord(sql, i)) {
                        conditionDepth = depth;
                    }
                    if (startsWord(sql, i, "CASE")) {
                        caseDepth++;
                        maxNesting = Math.max(maxNesting, depth + caseDepth);
                    } else if (caseDepth > 0 && startsWord(sql, i, "END")) {
                        caseDepth--;
                    }
                    while (i + 1 < length && isIdentifierPart(sql.charAt(i + 1))) {
                        i++; // skip the rest of the word, so that only word starts are looked at
                    }
                } else if (OPERATOR_CHARACTERS.indexOf(c) >= 0) {
                    tokens++;
                    if (depth > conditionDepth && isValueParenthesis(kind[depth]) && "<>=!".indexOf(c) >= 0
                            && !(c == '=' && i + 1 < length && sql.charAt(i + 1) == '>')) { // f(a => 1) names an argument
                        conditionDepth = depth;
                    }
                    int start = i;
                    while (i + 1 < length && OPERATOR_CHARACTERS.indexOf(sql.charAt(i + 1)) >= 0
                            && !(sql.charAt(i + 1) == '-' && i + 2 < length && sql.charAt(i + 2) == '-')
                            && !(sql.charAt(i + 1) == '/' && i + 2 < length && sql.charAt(i + 2) == '*')) {
                        i++; // one operator, however many characters
                    }
                    if (i > start) {
                        tokens++; // ->>, ||, :: and the like cost about twice a one-character operator...
                    }
                    if (isJsonOperator(sql, start, i + 1)) {
                        tokens += 2; // ...and PostgreSQL's JSON operators (?, ?|, @>, #>>, ->>) three times
                    }
                    if (i == start && c == ':' && nextVisible(sql, i + 1) == ']') {
                        return new Nesting(maxDepth, Long.MAX_VALUE, conditionDepth > 0); // a[3:]
                    }
                } else if (c == '[' && nextVisible(sql, i + 1) == ':') {
                    return new Nesting(maxDepth, Long.MAX_VALUE, conditionDepth > 0); // a[:2], a[:]
                } else if (!Character.isWhitespace(c)) {
                    tokens++; // . ; [ ] and the like
                }
            }
            cost += TOKEN * tokens;
            // Backtracking, which a failing parse does most, repeats the work of every level of nesting around the
            // point of failure; simple parsing fails on a condition in value parentheses.
            int doublings = Math.max(maxNesting - FREE_DEPTH, 2 * (conditionDepth - 1));
            if (doublings > 0) {
                cost = doubled(cost, doublings);
            }
            // classify parses a text with a backslash twice, with and without backslash escapes
            return new Nesting(maxDepth, sql.indexOf('\\') >= 0 ? doubled(cost, 1) : cost, conditionDepth > 0);
        }

        /** {@code cost} doubled {@code times} times, saturating at {@link Long#MAX_VALUE} instead of overflowing. */
        private static long doubled(long cost, int times) {
            return times >= Long.numberOfLeadingZeros(cost) - 1 ? Long.MAX_VALUE : cost << times;
        }

        /** The first character at or after {@code from} that is not white space, or 0 at the end. */
        private static char nextVisible(String sql, int from) {
            for (int i = from; i < sql.length(); i++) {
                if (!Character.isWhitespace(sql.charAt(i))) {
                    return sql.charAt(i);
                }
            }
            return 0;
        }

        private static int endOfQuoted(String sql, int start, char quote) {
            int i = start + 1;
            while (i < sql.length()) {
                if (sql.charAt(i) == quote) {
                    if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                        i += 2; // doubled quote inside the literal
                        continue;
                    }
                    return i;
                }
                i++;
            }
            return sql.length();
        }

        private static byte contentKind(String sql, int from) {
            int i = from;
            while (i < sql.length() && (Character.isWhitespace(sql.charAt(i)) || sql.charAt(i) == '(')) {
                i++;
            }
            if (startsWord(sql, i, "SELECT") || startsWord(sql, i, "WITH") || startsWord(sql, i, "VALUES")) {
                return QUERY;
            }
            if (startsWord(sql, i, "DELETE") || startsWord(sql, i, "UPDATE") || startsWord(sql, i, "INSERT")
                    || startsWord(sql, i, "MERGE")) {
                return DATA_CHANGE;
            }
            return PLAIN;
        }

        private static boolean followsWordIn(String sql, int paren) {
            int i = paren - 1;
            while (i >= 0 && Character.isWhitespace(sql.charAt(i))) {
                i--;
            }
            return i >= 1 && sql.regionMatches(true, i - 1, "IN", 0, 2)
                    && (i < 2 || !isIdentifierPart(sql.charAt(i - 2)));
        }

        /**
         * Whether the operator at {@code [from, to)} is one of PostgreSQL's JSON or containment operators; a lone
         * {@code ?} only before a string ({@code j ? 'key'}), elsewhere it is a JDBC parameter.
         */
        private static boolean isJsonOperator(String sql, int from, int to) {
            if (to - from == 1 && sql.charAt(from) == '?') {
                return nextVisible(sql, to) == '\'';
            }
            for (int i = from; i < to; i++) {
                char c = sql.charAt(i);
                if (c == '?' || c == '@' || c == '#' || c == '-' && i + 1 < to && sql.charAt(i + 1) == '>') {
                    return true;
                }
            }
            return false;
        }

        /** Parentheses around a value or a call's arguments, as opposed to a subquery or a nested DML statement. */
        private static boolean isValueParenthesis(byte kind) {
            return kind == PLAIN || kind == FUNCTION_CALL;
        }

        private static boolean startsConditionWord(String sql, int at) {
            for (String word : CONDITION_WORDS) {
                if (startsWord(sql, at, word)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether {@code word} starts at {@code at} as a whole word (case-insensitive). */
        private static boolean startsWord(String sql, int at, String word) {
            int end = at + word.length();
            return sql.regionMatches(true, at, word, 0, word.length())
                    && (at == 0 || !isIdentifierPart(sql.charAt(at - 1)))
                    && (end >= sql.length() || !isIdentifierPart(sql.charAt(end)));
        }

        private static boolean isIdentifierPart(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '$';
        }
    }
}
