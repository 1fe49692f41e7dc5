package dev.dbguard.core.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
 *
 * <p>The block is read twice. The first reading collects what each variable may hold, so that {@code EXECUTE q}
 * judges the text of {@code q}: a variable is followed when every value it can get is written in the block (its
 * default, {@code q := expr}); a variable also set any other way ({@code SELECT ... INTO q}, {@code FOR q IN},
 * {@code GET DIAGNOSTICS q = ...}, {@code CALL}, a field or element assignment, a second declaration) holds text known
 * only at run time; appending to it ({@code q := q || ...}) keeps the command its other values start with. The second
 * reading judges the statements.
 */
final class PlpgsqlBlock implements DynamicSql.Variables {

    private static final int[] NO_VALUES = new int[0];
    /** How many assignments of one variable are followed; a variable assigned more often holds unknown text. */
    private static final int MAX_ASSIGNMENTS = 64;

    private final StatementScanner scanner;
    private final Tokens t;
    private final int nest;
    private final int[] pieces;
    /** Per variable (lower case unless quoted), the token ranges of the expressions assigned to it. */
    private final Map<String, int[]> values = new HashMap<>();
    /** Variables that may also hold something not written in the block. */
    private final Set<String> unknown = new HashSet<>();
    private boolean collecting;

    private PlpgsqlBlock(StatementScanner scanner, Tokens t, int nest) {
        this.scanner = scanner;
        this.t = t;
        this.nest = nest;
        this.pieces = StatementSplitter.splitPostgresql(t);
    }

    /** Judges the statements of the block; returns what its variables may hold, for the calls in it. */
    static DynamicSql.Variables scan(StatementScanner scanner, Tokens t, int nest) {
        PlpgsqlBlock block = new PlpgsqlBlock(scanner, t, nest);
        block.collecting = true;
        block.walk();
        block.collecting = false;
        block.walk();
        return block;
    }

    @Override
    public int[] valuesOf(String name) {
        return unknown.contains(name) ? null : values.get(name);
    }

    private void walk() {
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
                    k = after(k, b, "THEN");
                } else if (t.isWord(k, "WHILE")) {
                    k = after(k, b, "LOOP");
                } else if (t.isWord(k, "CASE")) {
                    k = at(k, b, "WHEN");
                } else if (t.isWord(k, "FOR") || t.isWord(k, "FOREACH")) {
                    k = forLoop(k, b);
                } else {
                    break;
                }
            }
            if (declaration) {
                if (collecting) {
                    declare(k, b);
                }
                continue;
            }
            if (k >= b || t.isWord(k, "END")) {
                continue;
            }
            if (collecting) {
                assignments(k, b);
            } else {
                statement(k, b);
            }
        }
    }

    private void statement(int k, int b) {
        if (t.isWord(k, "EXECUTE")) {
            scanner.classifyDynamic(k + 1, b, nest, this);
        } else if (t.isWord(k, "RETURN") && t.isWord(k + 1, "QUERY")) {
            query(k + 2, b);
        } else if (t.isWord(k, "OPEN")) {
            int forAt = at(k, b, "FOR");
            if (forAt < b) {
                query(forAt + 1, b);
            }
        } else if (!t.isWord(k, "PERFORM") && !isAssignment(k, b)) {
            scanner.classifyStatement(k, b, nest);
        }
    }

    private void query(int k, int b) {
        if (t.isWord(k, "EXECUTE")) {
            scanner.classifyDynamic(k + 1, b, nest, this);
        } else if (k < b) {
            scanner.classifyStatement(k, b, nest);
        }
    }

    /** {@code FOR target IN [REVERSE] query LOOP}: the query (possibly {@code DELETE ... RETURNING}) runs. */
    private int forLoop(int k, int b) {
        int in = at(k, b, "IN");
        int loop = at(k, b, "LOOP");
        if (collecting) {
            for (int j = k + 1; j < Math.min(in, loop); j++) {
                markUnknown(j); // the loop variables get each row
            }
            return loop + 1;
        }
        if (in < loop) {
            int q = in + 1;
            if (t.isWord(q, "REVERSE")) {
                q++;
            }
            if (t.isWord(q, "EXECUTE")) {
                scanner.classifyDynamic(q + 1, loop, nest, this);
            } else if (t.isWord(q, "SELECT") || t.isWord(q, "WITH") || t.isWord(q, "DELETE") || t.isWord(q, "UPDATE")
                    || t.isWord(q, "INSERT") || t.isWord(q, "VALUES") || t.isWord(q, "TABLE")
                    || t.isWord(q, "MERGE") || t.is(q, TokenType.LEFT_PAREN)) {
                scanner.classifyStatement(q, loop, nest);
            }
        }
        return loop + 1;
    }

    // ---------------------------------------------------------------------------------------------------------
    // variables

    /** {@code name [CONSTANT] type [COLLATE c] [NOT NULL] [{DEFAULT | := | =} expr]}, or a cursor or alias. */
    private void declare(int k, int b) {
        String name = name(k);
        if (name == null) {
            return;
        }
        if (values.containsKey(name)) {
            unknown.add(name); // declared again in an inner block: which one EXECUTE q means is not followed
            return;
        }
        values.put(name, NO_VALUES);
        int depth = t.depth(k);
        for (int j = k + 1; j < b; j++) {
            if (t.depth(j) != depth) {
                continue;
            }
            if (t.isWord(j, "CURSOR") || t.isWord(j, "ALIAS")) {
                unknown.add(name);
                return;
            }
            if (t.isOperator(j, ":=") || t.isOperator(j, "=") || t.isWord(j, "DEFAULT")) {
                addValue(name, j + 1, b);
                return;
            }
        }
    }

    /** Records what statement {@code [k, b)} assigns to which variables. */
    private void assignments(int k, int b) {
        if (isAssignment(k, b)) {
            if (t.isOperator(k + 1, ":=") || t.isOperator(k + 1, "=")) {
                String name = name(k);
                if (name != null) {
                    values.putIfAbsent(name, NO_VALUES);
                    addValue(name, k + 2, b);
                }
            } else {
                for (int j = k; j < b && !t.isOperator(j, ":=") && !t.isOperator(j, "="); j++) {
                    markUnknown(j); // label.q := ..., q[1] := ..., r.field := ...
                }
            }
            return;
        }
        boolean everyName = t.isWord(k, "GET") || t.isWord(k, "CALL") || t.isWord(k, "FETCH");
        boolean afterInto = false;
        for (int j = k; j < b; j++) {
            if (t.isWord(j, "INTO")) {
                afterInto = true;
            } else if (everyName || afterInto) {
                markUnknown(j);
            }
        }
    }

    private void addValue(String name, int from, int to) {
        if (from >= to) {
            unknown.add(name);
            return;
        }
        int[] existing = values.getOrDefault(name, NO_VALUES);
        if (existing.length >= 2 * MAX_ASSIGNMENTS) {
            unknown.add(name);
            return;
        }
        int[] grown = Arrays.copyOf(existing, existing.length + 2);
        grown[existing.length] = from;
        grown[existing.length + 1] = to;
        values.put(name, grown);
    }

    private void markUnknown(int j) {
        String name = name(j);
        if (name != null) {
            unknown.add(name);
        }
    }

    /** The variable name token {@code k} stands for, or null when it is no identifier. */
    private String name(int k) {
        if (t.is(k, TokenType.WORD)) {
            return t.text(k).toLowerCase(Locale.ROOT);
        }
        return t.is(k, TokenType.QUOTED_IDENTIFIER) ? t.identifier(k) : null;
    }

    // ---------------------------------------------------------------------------------------------------------
    // structure

    /** {@code name[.field][[i]] := expr} or {@code = expr}. */
    private boolean isAssignment(int k, int b) {
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
    private int at(int k, int b, String keyword) {
        int depth = t.depth(k);
        for (int j = k + 1; j < b; j++) {
            if (t.depth(j) == depth && t.isWord(j, keyword)) {
                return j;
            }
        }
        return b;
    }

    private int after(int k, int b, String keyword) {
        return Math.min(b, at(k, b, keyword) + 1);
    }
}
