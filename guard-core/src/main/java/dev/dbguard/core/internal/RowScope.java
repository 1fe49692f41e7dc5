package dev.dbguard.core.internal;

import dev.dbguard.core.sql.WhereScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one definition of a scoped DELETE, UPDATE or MERGE, used by the scanner and by the JSqlParser path alike: the
 * statement is scoped when its condition restricts the rows of its target table. What the condition would evaluate
 * to is never asked, so there is no list of always-true shapes to outwit ({@code coalesce(true)},
 * {@code (SELECT true)}, {@code 'b' > 'a'}, fifty {@code NOT}s): a condition that does not mention the target's rows
 * does not restrict them.
 *
 * <p>A condition restricts the target's rows when it references a column of the target in every branch of an
 * {@code OR} ({@code XOR}, and MySQL's {@code ||} unless {@code PIPES_AS_CONCAT}, count as OR); one conjunct of an
 * {@code AND} is enough; {@code NOT} turns one into the other ({@code NOT (a AND b)} needs both). A boolean expression
 * nested inside an operand ({@code (id = 1 OR true) IS TRUE}) must restrict whichever way its context reads it. A
 * column reference is
 * <ul>
 *   <li>a name qualified by the target's name or alias ({@code t.id}, {@code public.t.id}, {@code a.id}), also inside
 *       a subquery (a correlated subquery such as {@code EXISTS (SELECT 1 FROM u WHERE u.t_id = t.id)}) unless that
 *       subquery declares the same name itself;</li>
 *   <li>an unqualified name at the statement's own level where it can only be the target's: no other table is in
 *       scope (no {@code USING}, {@code FROM}, join or MERGE source), or only tables tied to the target (below). With
 *       other tables in scope it counts in a predicate that names each of them with a qualified reference, the way
 *       join predicates are written ({@code UPDATE runs SET ... FROM run_states rs WHERE rs.uuid = start_uuid});
 *       {@code UPDATE t SET c = 1 FROM u WHERE id = 1} may mean {@code u.id} and is unscoped. Inside a subquery an
 *       unqualified name may be the subquery's own column, so it does not count;</li>
 *   <li>a qualified name of a table a join ties to the target: its {@code ON} condition restricts the target's rows,
 *       or it joins {@code USING (...)}, as in MySQL's {@code DELETE t FROM t JOIN u ON u.t_id = t.id WHERE u.x = 1}.
 *       A table joined without such a condition is not tied: {@code UPDATE t, u SET t.c = NULL WHERE u.id = 1}
 *       changes every row of {@code t}.</li>
 * </ul>
 * Function names (a word before {@code (}), keywords ({@code TRUE}, {@code NULL}, {@code CASE}, {@code ARRAY},
 * {@code INTERVAL}, {@code CURRENT_DATE}, ...), type names (after {@code ::}, {@code AS} in {@code CAST}, the second
 * argument of MySQL's {@code CONVERT}), interval units, string and number literals, parameters and MySQL
 * {@code @variables} are not column references. {@code WHERE CURRENT OF cursor} restricts to one row.
 *
 * <p>{@code WHERE id = id}, {@code WHERE id > 0} and {@code WHERE id IS NOT NULL} are scoped: they ask something of
 * every row of the target, which is what an application's deliberate bulk statement looks like; dbguard does not
 * reason about values.
 *
 * <p>Parentheses, {@code NOT} chains, {@code CASE} and subqueries nest at most {@value #MAX_NESTING} levels deep;
 * whatever lies deeper restricts nothing, so that a condition too deep to read is unscoped (the refusal can be
 * allowed like any other). Work is linear in the number of tokens times that bound.
 */
final class RowScope {

    /** How deep parentheses, NOT chains, CASE expressions and subqueries nest before the rest restricts nothing. */
    static final int MAX_NESTING = 32;
    /**
     * How many tables and joins a statement may name before joins tie nothing and unqualified names count nowhere
     * but in a one-table statement (the work for ties grows with tables times joins).
     */
    static final int MAX_TABLES = 64;

    private static final int POSITIVE = 1;
    private static final int NEGATIVE = 2;
    private static final int BOTH = POSITIVE | NEGATIVE;

    /** Words that are never a column of their own in a condition. */
    static final Set<String> KEYWORDS = Set.of("TRUE", "FALSE", "NULL", "UNKNOWN", "NOT", "AND", "OR", "XOR",
            "IS", "ISNULL", "NOTNULL", "IN", "EXISTS", "BETWEEN", "SYMMETRIC", "ASYMMETRIC", "LIKE", "ILIKE", "SIMILAR",
            "TO", "ESCAPE", "REGEXP", "RLIKE", "GLOB", "ANY", "ALL", "SOME", "ARRAY", "ROW", "VALUES", "CASE", "WHEN",
            "THEN", "ELSE", "END", "CAST", "AS", "DISTINCT", "FROM", "FOR", "INTERVAL", "DIV", "MOD", "COLLATE",
            "BINARY", "OVERLAPS", "OF", "DEFAULT", "SELECT", "LEADING", "TRAILING", "BOTH", "PLACING", "USING",
            "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "LOCALTIME", "LOCALTIMESTAMP", "CURRENT_USER",
            "SESSION_USER", "CURRENT_ROLE", "CURRENT_SCHEMA", "CURRENT_CATALOG", "SYSTEM_USER", "UTC_DATE", "UTC_TIME",
            "UTC_TIMESTAMP");
    /** What may follow {@code IS [NOT]}: {@code NULL}, {@code JSON OBJECT WITH UNIQUE KEYS}, {@code NFC NORMALIZED}. */
    static final Set<String> IS_PREDICATES = Set.of("NULL", "TRUE", "FALSE", "UNKNOWN", "JSON", "VALUE",
            "SCALAR", "ARRAY", "OBJECT", "WITH", "WITHOUT", "UNIQUE", "KEYS", "NORMALIZED", "NFC", "NFD", "NFKC",
            "NFKD", "DOCUMENT");
    /** Words that continue a type name: {@code double precision}, {@code timestamp with time zone}, ... */
    static final Set<String> TYPE_WORDS = Set.of("PRECISION", "VARYING", "WITH", "WITHOUT", "TIME", "ZONE",
            "LOCAL", "UNSIGNED", "SIGNED", "ZEROFILL", "INTEGER", "INT");
    static final Set<String> INTERVAL_UNITS = Set.of("MICROSECOND", "MILLISECOND", "SECOND", "MINUTE", "HOUR",
            "DAY", "WEEK", "MONTH", "QUARTER", "YEAR", "SECOND_MICROSECOND", "MINUTE_MICROSECOND", "MINUTE_SECOND",
            "HOUR_MICROSECOND", "HOUR_SECOND", "HOUR_MINUTE", "DAY_MICROSECOND", "DAY_SECOND", "DAY_MINUTE",
            "DAY_HOUR", "YEAR_MONTH");
    /** The other words a name in a condition is told apart by (see {@code Reader.name}). */
    static final Set<String> NAME_WORDS = Set.of("CASE", "IS", "AT", "AS", "COLLATE", "USING", "MEMBER", "USER");


    /**
     * A condition: {@code tokens[from, to)}, or its negation (MERGE's {@code WHEN NOT MATCHED BY SOURCE} acts on the
     * target rows its {@code ON} condition does not match).
     */
    record Condition(Tokens tokens, int from, int to, boolean negated) {

        /** {@code CURRENT OF}: a condition that restricts whatever the targets. */
        private static final Condition RESTRICTING = of("CURRENT OF c");

        private static Condition of(String text) {
            Tokens tokens = Lexer.lex(text, LexicalRules.POSTGRESQL);
            return new Condition(tokens, 0, tokens.size(), false);
        }

        /**
         * Lexes an expression JSqlParser deparsed, as the conditions to AND (one restricting is enough). The text is
         * read the way JSqlParser reads text: PostgreSQL's reading, where double quotes and backticks delimit
         * identifiers and {@code ||} concatenates; the tree already decided what the server's text means, and the
         * scanner reads the server's text itself. A text with a backslash is the exception: JSqlParser parses it with
         * and without backslash escapes, its deparse keeps the literals as written, and no one reading is right for
         * both parses, so it counts as restricting. The JSqlParser path may add refusals to the scanner's (which
         * reads the server's text with the session's rules), never invent one from a misread literal.
         */
        static List<Condition> deparsed(String expression) {
            if (expression.indexOf('\\') >= 0) {
                return List.of(RESTRICTING);
            }
            Tokens tokens = Lexer.lex(expression, LexicalRules.POSTGRESQL);
            return List.of(new Condition(tokens, 0, tokens.size(), false));
        }

        Condition negate() {
            return new Condition(tokens, from, to, !negated);
        }
    }

    /**
     * One table in scope: its dotted name as written and that name's parts (both null when not known), and alias;
     * derived tables are not relations.
     */
    private record Table(String name, String[] parts, String alias, boolean relation) {

        static Table named(String name, String alias) {
            if (name == null || name.isEmpty()) {
                return new Table(null, null, alias, true);
            }
            return new Table(name, name.indexOf('.') < 0 ? new String[] {name} : name.split("\\.", -1), alias, true);
        }
    }

    /** A join of {@code item} with its {@code ON} condition, or (null) a {@code USING (...)} join. */
    private record Join(int item, Condition on) {
    }

    private final List<Table> tables = new ArrayList<>(2);
    private List<Join> joins = List.of();

    // ---------------------------------------------------------------------------------------------------------
    // the tables in scope

    /** Adds a table named {@code name} (dotted, unquoted; null when only known at run time); returns its index. */
    int table(String name, String alias) {
        tables.add(Table.named(name, emptyToNull(alias)));
        return tables.size() - 1;
    }

    /** Adds a derived table (subquery, function, VALUES list) known by {@code alias} only; returns its index. */
    int derived(String alias) {
        tables.add(new Table(null, null, emptyToNull(alias), false));
        return tables.size() - 1;
    }

    /** Records that {@code item} is joined {@code ON on}. */
    void join(int item, Condition on) {
        joined().add(new Join(item, on));
    }

    /** Records that {@code item} is joined {@code USING (columns)} to the tables before it. */
    void usingJoin(int item) {
        joined().add(new Join(item, null));
    }

    private List<Join> joined() {
        if (joins.isEmpty()) {
            joins = new ArrayList<>(2); // most statements join nothing
        }
        return joins;
    }

    int size() {
        return tables.size();
    }

    /** The name of table {@code item} as written, or null for a derived table or a name known only at run time. */
    String name(int item) {
        return tables.get(item).name();
    }

    /** The names of the given tables, without unknown names and repeats. */
    List<String> names(List<Integer> items) {
        if (items.size() == 1) {
            String name = name(items.get(0));
            return name == null ? List.of() : List.of(name);
        }
        List<String> names = new ArrayList<>(items.size());
        for (int item : items) {
            String name = name(item);
            if (name != null && !names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /** Every table that is a relation (not a derived table). */
    List<Integer> relations() {
        List<Integer> relations = new ArrayList<>(tables.size());
        for (int i = 0; i < tables.size(); i++) {
            if (tables.get(i).relation()) {
                relations.add(i);
            }
        }
        return relations;
    }

    /** The table {@code qualifier} (dotted) names: by alias first, then by name; -1 when none. */
    int resolve(String qualifier) {
        String[] parts = qualifier.indexOf('.') < 0 ? new String[] {qualifier} : qualifier.split("\\.", -1);
        for (int i = 0; i < tables.size(); i++) {
            if (parts.length == 1 && parts[0].equalsIgnoreCase(tables.get(i).alias())) {
                return i;
            }
        }
        for (int i = 0; i < tables.size(); i++) {
            if (suffixMatch(tables.get(i).parts(), parts)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean suffixMatch(String[] name, String[] qualifier) {
        if (name == null) {
            return false;
        }
        int n = Math.min(name.length, qualifier.length);
        for (int p = 1; p <= n; p++) {
            if (!name[name.length - p].equalsIgnoreCase(qualifier[qualifier.length - p])) {
                return false;
            }
        }
        return n > 0;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    // ---------------------------------------------------------------------------------------------------------
    // the verdict

    /**
     * How the conditions scope the targets: none is {@link WhereScope#MISSING}; {@link WhereScope#SCOPED} when for
     * each target one of them restricts its rows (they are ANDed: the WHERE, or MERGE's ON and WHEN ... AND);
     * {@link WhereScope#UNRESTRICTED} otherwise.
     */
    WhereScope scope(List<Integer> targets, List<Condition> conditions) {
        if (conditions.isEmpty()) {
            return WhereScope.MISSING;
        }
        if (targets.isEmpty() || targets.size() > MAX_TABLES) {
            return WhereScope.UNRESTRICTED;
        }
        for (int target : targets) {
            boolean[] qualifying = tiedTo(target);
            boolean restricted = false;
            for (Condition condition : conditions) {
                if (restricts(condition, qualifying)) {
                    restricted = true;
                    break;
                }
            }
            if (!restricted) {
                return WhereScope.UNRESTRICTED;
            }
        }
        return WhereScope.SCOPED;
    }

    /** The target and every table a join ties to it, directly or through other tied tables. */
    private boolean[] tiedTo(int target) {
        boolean[] tied = new boolean[tables.size()];
        tied[target] = true;
        boolean changed = !joins.isEmpty() && joins.size() <= MAX_TABLES && tables.size() <= MAX_TABLES;
        for (int round = 0; changed && round <= joins.size(); round++) {
            changed = false;
            for (Join join : joins) {
                boolean[] participants = new boolean[tables.size()];
                boolean ties;
                if (join.on() == null) {
                    for (int i = 0; i <= join.item() && i < participants.length; i++) {
                        participants[i] = true;
                    }
                    ties = any(participants, tied);
                } else {
                    mentioned(join.on(), participants);
                    ties = restricts(join.on(), tied);
                }
                participants[join.item()] = true;
                if (ties) {
                    for (int i = 0; i < participants.length; i++) {
                        if (participants[i] && !tied[i]) {
                            tied[i] = true;
                            changed = true;
                        }
                    }
                }
            }
        }
        return tied;
    }

    private static boolean any(boolean[] a, boolean[] b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] && b[i]) {
                return true;
            }
        }
        return false;
    }

    private boolean restricts(Condition condition, boolean[] qualifying) {
        Tokens t = condition.tokens();
        int from = condition.from();
        int to = Math.min(condition.to(), t.size());
        if (from >= to) {
            return false;
        }
        if (t.isWord(from, "CURRENT") && t.isWord(from + 1, "OF")) {
            return true; // WHERE CURRENT OF cursor: the row the cursor is on
        }
        int bits = new Reader(t, qualifying).condition(from, to, 0);
        return (bits & (condition.negated() ? NEGATIVE : POSITIVE)) != 0;
    }

    /** Marks the tables that {@code condition} names in a qualified reference anywhere in it. */
    private void mentioned(Condition condition, boolean[] into) {
        Tokens t = condition.tokens();
        int to = Math.min(condition.to(), t.size());
        for (int k = condition.from(); k < to; k++) {
            if (!isIdentifier(t, k)) {
                continue;
            }
            int last = endOfChain(t, k, to);
            if (last > k && !t.is(last + 1, TokenType.LEFT_PAREN)) {
                for (int i = 0; i < tables.size(); i++) {
                    into[i] |= names(i, t, k, last);
                }
            }
            k = last;
        }
    }

    /** Whether the qualifier {@code tokens[first .. last)} (identifiers every second token) names table {@code i}. */
    private boolean names(int i, Tokens t, int first, int last) {
        Table table = tables.get(i);
        int count = (last - first) / 2;
        if (count == 1 && table.alias() != null && t.identifier(first).equalsIgnoreCase(table.alias())) {
            return true;
        }
        if (table.parts() == null) {
            return false;
        }
        int n = Math.min(count, table.parts().length);
        for (int p = 1; p <= n; p++) {
            if (!t.identifier(first + 2 * (count - p)).equalsIgnoreCase(table.parts()[table.parts().length - p])) {
                return false;
            }
        }
        return n > 0;
    }

    static boolean isIdentifier(Tokens t, int k) {
        return t.is(k, TokenType.WORD) || t.is(k, TokenType.QUOTED_IDENTIFIER);
    }

    /** The index of the last identifier of the dotted chain starting at {@code k} ({@code a.b.c}: the {@code c}). */
    private static int endOfChain(Tokens t, int k, int to) {
        int last = k;
        while (last + 2 < to && t.is(last + 1, TokenType.DOT) && isIdentifier(t, last + 2)) {
            last += 2;
        }
        return last;
    }

    static boolean isSubquery(Tokens t, int open, int to) {
        int k = open + 1;
        while (k < to && t.is(k, TokenType.LEFT_PAREN)) {
            k++;
        }
        return t.isWord(k, "SELECT") || t.isWord(k, "WITH") || t.isWord(k, "VALUES") || t.isWord(k, "TABLE");
    }

    /**
     * Reads one condition for one set of qualifying tables. Every method returns which readings restrict: bit
     * {@link #POSITIVE} as written, bit {@link #NEGATIVE} under an odd number of NOTs.
     */
    private final class Reader {

        private final Tokens t;
        private final boolean[] qualifying;
        /** Whether every table in scope is the target or tied to it, so that any unqualified column restricts. */
        private final boolean unqualified;
        private final boolean mysql;
        private final boolean pipesAreOr;
        /** Names the enclosing subqueries declare in their FROM lists; a qualifier equal to one is theirs. */
        private List<String> shadowed = List.of();

        Reader(Tokens tokens, boolean[] qualifying) {
            this.t = tokens;
            this.qualifying = qualifying;
            boolean all = true;
            for (boolean q : qualifying) {
                all &= q;
            }
            this.unqualified = all;
            this.mysql = tokens.rules.mysql();
            this.pipesAreOr = !tokens.rules.pipesConcatenate();
        }

        // ---- boolean structure: OR < XOR < AND < NOT ----------------------------------------------------------

        int condition(int from, int to, int nest) {
            if (from >= to || nest > MAX_NESTING) {
                return 0;
            }
            int level = t.depth(from);
            int cases = 0;
            int part = from;
            boolean split = false;
            boolean positive = true;
            boolean negative = false;
            for (int k = from; k < to; k++) {
                if (t.depth(k) != level) {
                    continue;
                }
                if (t.isWord(k, "CASE")) {
                    cases++;
                } else if (cases > 0 && t.isWord(k, "END")) {
                    cases--;
                } else if (cases == 0 && (t.isWord(k, "OR") || (pipesAreOr && t.isOperator(k, "||")))) {
                    int bits = xor(part, k, nest);
                    positive &= (bits & POSITIVE) != 0;
                    negative |= (bits & NEGATIVE) != 0;
                    part = k + 1;
                    split = true;
                }
            }
            if (!split) {
                return xor(from, to, nest);
            }
            int bits = xor(part, to, nest);
            positive &= (bits & POSITIVE) != 0;
            negative |= (bits & NEGATIVE) != 0;
            return (positive ? POSITIVE : 0) | (negative ? NEGATIVE : 0);
        }

        /** Each side of an XOR must restrict both ways: {@code a XOR b} is true where exactly one of them is. */
        private int xor(int from, int to, int nest) {
            if (from >= to) {
                return 0;
            }
            int level = t.depth(from);
            int cases = 0;
            int part = from;
            boolean split = false;
            boolean all = true;
            for (int k = from; k < to; k++) {
                if (t.depth(k) != level) {
                    continue;
                }
                if (t.isWord(k, "CASE")) {
                    cases++;
                } else if (cases > 0 && t.isWord(k, "END")) {
                    cases--;
                } else if (cases == 0 && t.isWord(k, "XOR")) {
                    all &= and(part, k, nest) == BOTH;
                    part = k + 1;
                    split = true;
                }
            }
            if (!split) {
                return and(from, to, nest);
            }
            all &= and(part, to, nest) == BOTH;
            return all ? BOTH : 0;
        }

        private int and(int from, int to, int nest) {
            if (from >= to) {
                return 0;
            }
            int level = t.depth(from);
            int cases = 0;
            int betweens = 0;
            int part = from;
            boolean split = false;
            boolean positive = false;
            boolean negative = true;
            for (int k = from; k < to; k++) {
                if (t.depth(k) != level) {
                    continue;
                }
                if (t.isWord(k, "CASE")) {
                    cases++;
                } else if (cases > 0 && t.isWord(k, "END")) {
                    cases--;
                } else if (cases == 0 && t.isWord(k, "BETWEEN")) {
                    betweens++;
                } else if (cases == 0 && (t.isWord(k, "AND") || (mysql && t.isOperator(k, "&&")))) {
                    if (betweens > 0 && t.isWord(k, "AND")) {
                        betweens--; // x BETWEEN a AND b
                        continue;
                    }
                    int bits = not(part, k, nest);
                    positive |= (bits & POSITIVE) != 0;
                    negative &= (bits & NEGATIVE) != 0;
                    part = k + 1;
                    split = true;
                }
            }
            if (!split) {
                return not(from, to, nest);
            }
            int bits = not(part, to, nest);
            positive |= (bits & POSITIVE) != 0;
            negative &= (bits & NEGATIVE) != 0;
            return (positive ? POSITIVE : 0) | (negative ? NEGATIVE : 0);
        }

        private int not(int from, int to, int nest) {
            if (from >= to || nest > MAX_NESTING) {
                return 0;
            }
            if (t.isWord(from, "NOT") || t.isOperator(from, "!")) {
                int bits = not(from + 1, to, nest + 1);
                return ((bits & POSITIVE) != 0 ? NEGATIVE : 0) | ((bits & NEGATIVE) != 0 ? POSITIVE : 0);
            }
            if (t.is(from, TokenType.LEFT_PAREN) && t.closingParen(from, to) == to - 1 && !isSubquery(t, from, to)) {
                return condition(from + 1, to - 1, nest + 1);
            }
            return operand(from, to, nest) ? BOTH : 0;
        }

        // ---- operands -----------------------------------------------------------------------------------------

        /**
         * Whether the predicate {@code tokens[from, to)} (no boolean connective at its level) references the target.
         * Where other tables are in scope, an unqualified name at the predicate's level counts when the predicate
         * names each of them with a qualified reference ({@code rs.uuid = start_run_state_uuid}): a predicate
         * written that way leaves the target's columns unqualified.
         */
        private boolean operand(int from, int to, int nest) {
            Predicate predicate = unqualified || qualifying.length > MAX_TABLES ? null : new Predicate();
            int k = from;
            while (k < to) {
                switch (t.type(k)) {
                    case LEFT_PAREN -> {
                        int close = t.closingParen(k, to);
                        if (group(k, Math.min(close, to), from, nest)) {
                            return true;
                        }
                        k = close + 1;
                    }
                    case WORD, QUOTED_IDENTIFIER -> {
                        int next = name(k, from, to, nest, predicate);
                        if (next < 0) {
                            return true;
                        }
                        k = next;
                    }
                    case OPERATOR -> {
                        if (t.isOperator(k, "::")) {
                            k = skipType(k + 1, to);
                        } else if (mysql && endsWithAt(k) && k + 1 < to && t.start(k + 1) == t.end(k)) {
                            k = isIdentifier(t, k + 1) ? endOfChain(t, k + 1, to) + 1 : k + 2; // @var, @@session.x
                        } else {
                            k++;
                        }
                    }
                    default -> k++;
                }
            }
            return predicate != null && predicate.unqualifiedName && predicate.namesEveryOtherTable();
        }

        /** What one predicate mentions: an unqualified column name, and which other tables it names. */
        private final class Predicate {

            boolean unqualifiedName;
            final boolean[] named = new boolean[qualifying.length];

            void named(int first, int last) {
                for (int i = 0; i < named.length; i++) {
                    named[i] |= !qualifying[i] && names(i, t, first, last);
                }
            }

            boolean namesEveryOtherTable() {
                for (int i = 0; i < named.length; i++) {
                    if (!qualifying[i] && !named[i]) {
                        return false;
                    }
                }
                return true;
            }
        }

        private boolean endsWithAt(int k) {
            return t.source.charAt(t.end(k) - 1) == '@';
        }

        /**
         * Reads the name at {@code k}: returns -1 when it is a column reference that counts, else the index after what
         * it read (a function name, keyword, type, or a column of another table).
         */
        private int name(int k, int from, int to, int nest, Predicate predicate) {
            int last = endOfChain(t, k, to);
            if (t.is(last + 1, TokenType.DOT)) {
                // t.* is a reference to the whole row; pg_catalog.= (an operator's schema) is not a name at all
                return last + 2 < to && t.isOperator(last + 2, "*") && qualifies(k, last + 2) ? -1 : last + 2;
            }
            if (t.is(last + 1, TokenType.LEFT_PAREN)) {
                return last + 1; // a function: its arguments are read as a group
            }
            if (last > k) {
                if (qualifies(k, last)) {
                    return -1;
                }
                if (predicate != null) {
                    predicate.named(k, last);
                }
                return last + 1;
            }
            if (t.is(k, TokenType.QUOTED_IDENTIFIER)) {
                return column(k, predicate);
            }
            String word = t.keyword(k); // null: none of the words below (Keywords holds them all)
            switch (word == null ? "" : word) {
                case "CASE":
                    return caseExpression(k, to, nest);
                case "IS": {
                    int j = k + 1;
                    if (t.isWord(j, "NOT")) {
                        j++;
                    }
                    if (t.isWord(j, "DISTINCT")) {
                        return t.isWord(j + 1, "FROM") ? j + 2 : j + 1;
                    }
                    while (j < to && t.is(j, TokenType.WORD) && IS_PREDICATES.contains(t.upper(j))) {
                        j++;
                    }
                    return j;
                }
                case "AT":
                    if (t.isWord(k + 1, "TIME") && t.isWord(k + 2, "ZONE")) {
                        return k + 3;
                    }
                    if (t.isWord(k + 1, "LOCAL")) {
                        return k + 2;
                    }
                    break;
                case "AS":
                    return skipType(k + 1, to);
                case "COLLATE", "USING":
                    return isIdentifier(t, k + 1) ? endOfChain(t, k + 1, to) + 1 : k + 1;
                case "MEMBER":
                    if (t.isWord(k + 1, "OF")) {
                        return k + 2;
                    }
                    break;
                case "USER":
                    if (!mysql) {
                        return k + 1; // PostgreSQL's USER is CURRENT_USER; MySQL's is USER() or a column
                    }
                    break;
                default:
                    if (word != null && KEYWORDS.contains(word)) {
                        return k + 1;
                    }
            }
            if (t.is(k + 1, TokenType.STRING)) {
                return k + 1; // a typed literal or an introducer: DATE '2024-01-01', _utf8mb4'x'
            }
            if (k > from && (t.is(k - 1, TokenType.STRING) || t.is(k - 1, TokenType.NUMBER)
                    || t.is(k - 1, TokenType.PARAMETER) || t.is(k - 1, TokenType.RIGHT_PAREN))) {
                return k + 1; // a word right after an operand is a unit or keyword: INTERVAL 1 DAY, 'a' SOUNDS LIKE
            }
            if (word != null && INTERVAL_UNITS.contains(word) && t.isWord(k - 1, "TO")) {
                return k + 1; // INTERVAL '1' YEAR TO MONTH
            }
            return column(k, predicate);
        }

        /** An unqualified column name: the target's when only the target's tables are in scope. */
        private int column(int k, Predicate predicate) {
            if (unqualified) {
                return -1;
            }
            if (predicate != null) {
                predicate.unqualifiedName = true;
            }
            return k + 1;
        }

        /** Whether the qualifier {@code tokens[first .. last)} names a qualifying table not shadowed by a subquery. */
        private boolean qualifies(int first, int last) {
            if (!shadowed.isEmpty()) {
                String innermost = t.identifier(last - 2);
                for (String name : shadowed) {
                    if (name.equalsIgnoreCase(innermost)) {
                        return false;
                    }
                }
            }
            for (int i = 0; i < qualifying.length; i++) {
                if (qualifying[i] && names(i, t, first, last)) {
                    return true;
                }
            }
            return false;
        }

        /** A type name after {@code ::} or {@code AS}: {@code numeric(10, 2)}, {@code int[]}, {@code double precision}. */
        private int skipType(int k, int to) {
            if (k < to && isIdentifier(t, k)) {
                k = endOfChain(t, k, to) + 1;
            }
            while (k < to) {
                if (t.is(k, TokenType.LEFT_PAREN)) {
                    k = t.closingParen(k, to) + 1;
                } else if (t.is(k, TokenType.OTHER) && (t.source.charAt(t.start(k)) == '['
                        || t.source.charAt(t.start(k)) == ']')) {
                    k++;
                } else if (t.isWord(k, "CHARACTER") || t.isWord(k, "CHARSET")) {
                    k += t.isWord(k + 1, "SET") ? 2 : 1;
                    if (isIdentifier(t, k)) {
                        k++;
                    }
                } else if (t.is(k, TokenType.WORD) && TYPE_WORDS.contains(t.upper(k))) {
                    k++;
                } else {
                    break;
                }
            }
            return k;
        }

        /**
         * {@code CASE [x] WHEN a THEN b ... [ELSE c] END}: references the target when one of its parts does (read
         * both ways, since the CASE's value may be compared with anything); returns -1 then, else the index after
         * its END.
         */
        private int caseExpression(int k, int to, int nest) {
            int level = t.depth(k);
            int cases = 0;
            int part = k + 1;
            for (int j = k + 1; j < to; j++) {
                if (t.depth(j) != level) {
                    continue;
                }
                boolean end = t.isWord(j, "END");
                if (t.isWord(j, "CASE")) {
                    cases++;
                } else if (end && cases > 0) {
                    cases--;
                } else if (cases == 0 && (end || t.isWord(j, "WHEN") || t.isWord(j, "THEN")
                        || t.isWord(j, "ELSE"))) {
                    if (condition(part, j, nest + 1) == BOTH) {
                        return -1;
                    }
                    part = j + 1;
                    if (end) {
                        return j + 1;
                    }
                }
            }
            return to; // no END: not SQL the server runs, and nothing to read further
        }

        /**
         * A parenthesized group inside an operand: a subquery, or a list (function arguments, IN list, row) whose
         * elements are each read as a condition, both ways. A few functions take a keyword or type where other
         * functions take an expression ({@code EXTRACT(YEAR FROM x)}, {@code CONVERT(x, DATE)}).
         */
        private boolean group(int open, int close, int operandStart, int nest) {
            if (nest + 1 > MAX_NESTING) {
                return false;
            }
            if (isSubquery(t, open, close)) {
                return subquery(open + 1, close, nest + 1);
            }
            String function = open > operandStart && isIdentifier(t, open - 1) ? t.upper(open - 1) : "";
            if (function.equals("OPERATOR") || function.equals("AGAINST")) {
                return false; // OPERATOR(pg_catalog.=), MATCH (...) AGAINST ('text' IN BOOLEAN MODE)
            }
            int element = 0;
            int start = open + 1;
            int level = t.depth(open) + 1;
            for (int k = open + 1; k <= close; k++) {
                if (k < close && !(t.depth(k) == level && t.is(k, TokenType.COMMA))) {
                    continue;
                }
                if (readsElement(function, element)) {
                    int from = start;
                    if (element == 0 && function.equals("EXTRACT") && from < k && t.is(from, TokenType.WORD)) {
                        from++; // the field: EXTRACT(YEAR FROM created_at)
                    }
                    if (condition(from, k, nest + 1) == BOTH) {
                        return true;
                    }
                }
                element++;
                start = k + 1;
            }
            return false;
        }

        private boolean readsElement(String function, int element) {
            return switch (function) {
                case "CONVERT" -> element == 0; // MySQL CONVERT(expr, type)
                case "TIMESTAMPDIFF", "TIMESTAMPADD", "GET_FORMAT" -> element > 0; // the unit comes first
                default -> true;
            };
        }

        /**
         * A subquery: only a qualified reference to a qualifying table counts, and not when the subquery (or one
         * between it and the reference) declares that name itself ({@code EXISTS (SELECT 1 FROM t WHERE t.x = 1)}
         * reads the subquery's own {@code t}).
         */
        private boolean subquery(int from, int to, int nest) {
            if (nest > MAX_NESTING) {
                return false;
            }
            if (shadowed.isEmpty()) {
                shadowed = new ArrayList<>(2);
            }
            int mark = shadowed.size();
            declare(from, to);
            boolean found = inside(from, to, nest);
            while (shadowed.size() > mark) {
                shadowed.remove(shadowed.size() - 1);
            }
            return found;
        }

        private boolean inside(int from, int to, int nest) {
            int k = from;
            while (k < to) {
                if (t.is(k, TokenType.LEFT_PAREN)) {
                    int close = Math.min(t.closingParen(k, to), to);
                    boolean found = isSubquery(t, k, close) ? subquery(k + 1, close, nest + 1)
                            : nest + 1 <= MAX_NESTING && inside(k + 1, close, nest + 1);
                    if (found) {
                        return true;
                    }
                    k = close + 1;
                } else if (t.isOperator(k, "::")) {
                    k = skipType(k + 1, to);
                } else if (isIdentifier(t, k)) {
                    int last = endOfChain(t, k, to);
                    if (last > k && !t.is(last + 1, TokenType.LEFT_PAREN) && qualifies(k, last)) {
                        return true;
                    }
                    if (t.is(last + 1, TokenType.DOT) && last + 2 < to && t.isOperator(last + 2, "*")
                            && qualifies(k, last + 2)) {
                        return true;
                    }
                    k = last + 1;
                } else {
                    k++;
                }
            }
            return false;
        }

        /**
         * Adds the names the subquery's FROM lists declare at its own level: each item's alias, or the last part of
         * its table name when it has none (an alias hides the table's own name: in {@code FROM t AS t2} a reference
         * {@code t.id} is the outer {@code t}'s).
         */
        private void declare(int from, int to) {
            int level = t.depth(from);
            boolean inFrom = false;
            boolean itemStart = false;
            for (int k = from; k < to; k++) {
                if (t.depth(k) != level) {
                    continue;
                }
                if (t.is(k, TokenType.WORD)) {
                    String word = t.upper(k);
                    if (word.equals("FROM") || inFrom && (word.equals("JOIN") || word.equals("STRAIGHT_JOIN"))) {
                        inFrom = true;
                        itemStart = true;
                        continue;
                    }
                    if (word.equals("WHERE") || word.equals("GROUP") || word.equals("HAVING") || word.equals("WINDOW")
                            || word.equals("ORDER") || word.equals("LIMIT") || word.equals("OFFSET")
                            || word.equals("FETCH") || word.equals("UNION") || word.equals("INTERSECT")
                            || word.equals("EXCEPT") || word.equals("FOR") || word.equals("RETURNING")) {
                        inFrom = false;
                        itemStart = false;
                        continue;
                    }
                    if (itemStart && (word.equals("LATERAL") || word.equals("ONLY"))) {
                        continue;
                    }
                }
                if (inFrom && t.is(k, TokenType.COMMA)) {
                    itemStart = true;
                    continue;
                }
                if (!itemStart) {
                    continue; // ON conditions, join words, USING lists
                }
                itemStart = false;
                String name = null;
                int j = k;
                if (isIdentifier(t, k)) {
                    int last = endOfChain(t, k, to);
                    name = t.identifier(last);
                    j = last + 1;
                }
                if (j < to && t.is(j, TokenType.LEFT_PAREN)) {
                    j = Math.min(t.closingParen(j, to), to) + 1; // a subquery, or a function's arguments
                }
                String[] alias = new String[1];
                j = TableReferences.readAlias(t, j, to, alias);
                if (alias[0] != null || name != null) {
                    shadowed.add(alias[0] != null ? alias[0] : name);
                }
                k = j - 1;
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("RowScope[");
        for (int i = 0; i < tables.size(); i++) {
            Table table = tables.get(i);
            text.append(i == 0 ? "" : ", ").append(table.relation() ? String.valueOf(table.name()) : "(derived)");
            if (table.alias() != null) {
                text.append(" ").append(table.alias().toLowerCase(Locale.ROOT));
            }
        }
        return text.append(']').toString();
    }
}
