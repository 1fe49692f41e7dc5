package dev.dbguard.core.sql;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.arithmetic.Multiplication;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.conditional.XorExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.CosineSimilarity;
import net.sf.jsqlparser.expression.operators.relational.DoubleAnd;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsBooleanExpression;
import net.sf.jsqlparser.expression.operators.relational.IsDistinctExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.IsUnknownExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;

/**
 * Decides whether a WHERE condition is built from constants only and is always true, so that the DELETE or UPDATE
 * carrying it touches every row ({@code 1=1}, {@code true}, {@code id = 5 OR 2 > 1}).
 *
 * <p>The condition is evaluated twice: once as PostgreSQL reads it and once as MySQL/MariaDB read it (a non-zero
 * number is true, {@code 'a' = 'A'} under the default case-insensitive collation, {@code <=>} and {@code &&} are
 * operators). It is always true when either reading says so, since the classifier does not know the database.
 *
 * <p>Anything that is not a literal makes its part of the condition unknown, and unknown is never taken for true: a
 * column (so {@code id = id} counts as scoped, a known gap), a bind parameter, a function call ({@code random() < 2}),
 * a subquery, {@code CASE}, {@code LIKE}. A condition that is always false ({@code 1=0}) deletes nothing and is not
 * always true either. Numbers compare exactly as {@link BigDecimal}s, strings as strings.
 */
final class ConstantCondition {

    private ConstantCondition() {
    }

    /** True when {@code condition} is constant and evaluates to TRUE in PostgreSQL or in MySQL/MariaDB. */
    static boolean isAlwaysTrue(Expression condition) {
        if (condition == null) {
            return false;
        }
        for (Dialect dialect : Dialect.values()) {
            if (truth(new Evaluator(dialect).value(condition), dialect) == Truth.TRUE) {
                return true;
            }
        }
        return false;
    }

    private enum Dialect { POSTGRESQL, MYSQL }

    /** SQL's three truth values, plus "cannot tell" for anything that is not a constant. */
    private enum Truth {
        TRUE, FALSE, NULL, UNKNOWN;

        static Truth of(boolean value) {
            return value ? TRUE : FALSE;
        }

        Truth not() {
            return switch (this) {
                case TRUE -> FALSE;
                case FALSE -> TRUE;
                default -> this;
            };
        }

        Truth and(Truth other) {
            if (this == FALSE || other == FALSE) {
                return FALSE;
            }
            if (this == TRUE && other == TRUE) {
                return TRUE;
            }
            return this == UNKNOWN || other == UNKNOWN ? UNKNOWN : NULL;
        }

        Truth or(Truth other) {
            if (this == TRUE || other == TRUE) {
                return TRUE;
            }
            if (this == FALSE && other == FALSE) {
                return FALSE;
            }
            return this == UNKNOWN || other == UNKNOWN ? UNKNOWN : NULL;
        }

        Value asValue() {
            return switch (this) {
                case TRUE -> new Bool(true);
                case FALSE -> new Bool(false);
                case NULL -> Null.INSTANCE;
                case UNKNOWN -> Unknown.INSTANCE;
            };
        }
    }

    /** What a constant expression evaluates to. */
    private sealed interface Value permits Unknown, Null, Bool, Num, Str {
    }

    private enum Unknown implements Value { INSTANCE }

    private enum Null implements Value { INSTANCE }

    private record Bool(boolean value) implements Value {
    }

    private record Num(BigDecimal value) implements Value {
    }

    /**
     * A string constant. {@code ambiguous} when the literal holds a backslash: whether it is an escape depends on the
     * database and its settings, so only two identically written literals are known to be equal.
     */
    private record Str(String text, boolean ambiguous) implements Value {
    }

    /** The outcome of comparing two values; {@code DIFFERENT} when they are unequal but their order is unknown. */
    private enum Order { LESS, EQUAL, GREATER, DIFFERENT, NULL, UNKNOWN }

    private static final Set<String> PG_TRUE = Set.of("t", "tr", "tru", "true", "y", "ye", "yes", "on", "1");
    private static final Set<String> PG_FALSE = Set.of("f", "fa", "fal", "fals", "false", "n", "no", "of", "off", "0");
    private static final Set<String> NUMERIC_TYPES = Set.of("int", "integer", "int2", "int4", "int8", "smallint",
            "bigint", "tinyint", "mediumint", "signed", "unsigned", "signed integer", "unsigned integer", "numeric",
            "decimal", "dec", "real", "float", "float4", "float8", "double", "double precision", "number");
    private static final Set<String> INTEGER_TYPES = Set.of("int", "integer", "int2", "int4", "int8", "smallint",
            "bigint", "tinyint", "mediumint", "signed", "unsigned", "signed integer", "unsigned integer");
    private static final Set<String> TEXT_TYPES = Set.of("text", "varchar", "character varying", "string",
            "nvarchar");
    /** MySQL converts a string to a number by reading its longest numeric prefix, 0 when there is none. */
    private static final Pattern NUMERIC_PREFIX =
            Pattern.compile("^[ \\t\\n\\r]*([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?)");
    /** JSqlParser reads a PostgreSQL dollar-quoted string ({@code $$x$$}, {@code $q$x$q$}) as a column name. */
    private static final Pattern DOLLAR_QUOTED =
            Pattern.compile("^\\$([A-Za-z_][A-Za-z0-9_]*|)\\$(.*)\\$\\1\\$$", Pattern.DOTALL);
    private static final int MAX_DIGITS = 1_000;
    private static final Pattern TYPE_ARGUMENTS = Pattern.compile("\\s*\\(.*$", Pattern.DOTALL);

    private static Truth truth(Value value, Dialect dialect) {
        if (value instanceof Bool bool) {
            return Truth.of(bool.value());
        }
        if (value instanceof Null) {
            return Truth.NULL;
        }
        if (value instanceof Num num) {
            // PostgreSQL refuses a number as a condition; MySQL takes any non-zero number as true.
            return dialect == Dialect.MYSQL ? Truth.of(num.value().signum() != 0) : Truth.UNKNOWN;
        }
        if (value instanceof Str str && !str.ambiguous()) {
            if (dialect == Dialect.POSTGRESQL) {
                Boolean parsed = postgresBoolean(str.text());
                return parsed == null ? Truth.UNKNOWN : Truth.of(parsed);
            }
            BigDecimal number = mysqlNumber(str.text());
            return number == null ? Truth.UNKNOWN : Truth.of(number.signum() != 0);
        }
        return Truth.UNKNOWN;
    }

    /** PostgreSQL's boolean input: true/false, yes/no, on/off, 1/0 and unique prefixes, any case; null if none. */
    private static Boolean postgresBoolean(String text) {
        String word = text.strip().toLowerCase(Locale.ROOT);
        if (PG_TRUE.contains(word)) {
            return Boolean.TRUE;
        }
        return PG_FALSE.contains(word) ? Boolean.FALSE : null;
    }

    /** The number MySQL reads from a string, or null when it is beyond what this class evaluates. */
    private static BigDecimal mysqlNumber(String text) {
        Matcher matcher = NUMERIC_PREFIX.matcher(text);
        return matcher.find() ? decimal(matcher.group(1)) : BigDecimal.ZERO;
    }

    /** Evaluates constant expressions as one database reads them. */
    private static final class Evaluator {

        private final Dialect dialect;

        Evaluator(Dialect dialect) {
            this.dialect = dialect;
        }

        Value value(Expression expression) {
            if (expression instanceof ParenthesedExpressionList<?> list) {
                // One element is a parenthesised expression; more are a row value, which is not evaluated.
                return list.size() == 1 ? value(list.get(0)) : Unknown.INSTANCE;
            }
            if (expression instanceof AndExpression || expression instanceof OrExpression) {
                return chain(expression).asValue();
            }
            if (expression instanceof XorExpression xor) {
                return xor(condition(xor.getLeftExpression()), condition(xor.getRightExpression())).asValue();
            }
            if (expression instanceof DoubleAnd and) {
                // && is AND in MySQL and array overlap in PostgreSQL.
                return dialect == Dialect.MYSQL
                        ? condition(and.getLeftExpression()).and(condition(and.getRightExpression())).asValue()
                        : Unknown.INSTANCE;
            }
            if (expression instanceof NotExpression not) {
                return condition(not.getExpression()).not().asValue();
            }
            Truth predicate = predicate(expression);
            if (predicate != null) {
                return predicate.asValue();
            }
            return scalar(expression);
        }

        /**
         * A chain of ANDs or of ORs, walked with a stack rather than recursion: JSqlParser builds {@code a OR b OR c
         * ...} as a tree as deep as the chain is long.
         */
        private Truth chain(Expression root) {
            boolean isAnd = root instanceof AndExpression;
            Truth result = Truth.of(isAnd);
            Deque<Expression> pending = new ArrayDeque<>();
            pending.push(root);
            while (!pending.isEmpty()) {
                Expression next = pending.pop();
                if (isAnd && next instanceof AndExpression and) {
                    pending.push(and.getRightExpression());
                    pending.push(and.getLeftExpression());
                } else if (!isAnd && next instanceof OrExpression or) {
                    pending.push(or.getRightExpression());
                    pending.push(or.getLeftExpression());
                } else {
                    result = isAnd ? result.and(condition(next)) : result.or(condition(next));
                }
            }
            return result;
        }

        private Truth condition(Expression expression) {
            return truth(value(expression), dialect);
        }

        private static Truth xor(Truth left, Truth right) {
            if (left == Truth.UNKNOWN || right == Truth.UNKNOWN) {
                return Truth.UNKNOWN;
            }
            if (left == Truth.NULL || right == Truth.NULL) {
                return Truth.NULL;
            }
            return Truth.of(left != right);
        }

        /** Comparisons and IS tests; null when {@code expression} is neither. */
        private Truth predicate(Expression expression) {
            if (expression instanceof EqualsTo equals) {
                return equal(compare(equals.getLeftExpression(), equals.getRightExpression()));
            }
            if (expression instanceof NotEqualsTo notEquals) {
                return equal(compare(notEquals.getLeftExpression(), notEquals.getRightExpression())).not();
            }
            if (expression instanceof GreaterThan greater) {
                return ordered(compare(greater.getLeftExpression(), greater.getRightExpression()), Order.GREATER,
                        false);
            }
            if (expression instanceof GreaterThanEquals greater) {
                return ordered(compare(greater.getLeftExpression(), greater.getRightExpression()), Order.GREATER, true);
            }
            if (expression instanceof MinorThan less) {
                return ordered(compare(less.getLeftExpression(), less.getRightExpression()), Order.LESS, false);
            }
            if (expression instanceof MinorThanEquals less) {
                return ordered(compare(less.getLeftExpression(), less.getRightExpression()), Order.LESS, true);
            }
            if (expression instanceof IsDistinctExpression distinct) {
                Truth same = notDistinct(distinct.getLeftExpression(), distinct.getRightExpression());
                return distinct.isNot() ? same : same.not();
            }
            if (expression instanceof CosineSimilarity nullSafeEquals) {
                // JSqlParser reads MySQL's null-safe equality <=> as pgvector's cosine distance operator.
                return dialect == Dialect.MYSQL
                        ? notDistinct(nullSafeEquals.getLeftExpression(), nullSafeEquals.getRightExpression())
                        : Truth.UNKNOWN;
            }
            if (expression instanceof IsNullExpression isNull) {
                Value operand = value(isNull.getLeftExpression());
                if (operand instanceof Unknown) {
                    return Truth.UNKNOWN;
                }
                Truth isNullValue = Truth.of(operand instanceof Null);
                return isNull.isNot() || isNull.isUseNotNull() ? isNullValue.not() : isNullValue;
            }
            if (expression instanceof IsBooleanExpression isBoolean) {
                Truth operand = condition(isBoolean.getLeftExpression());
                if (operand == Truth.UNKNOWN) {
                    return Truth.UNKNOWN;
                }
                Truth matches = Truth.of(operand == (isBoolean.isTrue() ? Truth.TRUE : Truth.FALSE));
                return isBoolean.isNot() ? matches.not() : matches;
            }
            if (expression instanceof IsUnknownExpression isUnknown) {
                Truth operand = condition(isUnknown.getLeftExpression());
                if (operand == Truth.UNKNOWN) {
                    return Truth.UNKNOWN;
                }
                Truth matches = Truth.of(operand == Truth.NULL);
                return isUnknown.isNot() ? matches.not() : matches;
            }
            if (expression instanceof Between between) {
                Truth inside = ordered(compare(between.getLeftExpression(), between.getBetweenExpressionStart()),
                        Order.GREATER, true)
                        .and(ordered(compare(between.getLeftExpression(), between.getBetweenExpressionEnd()),
                                Order.LESS, true));
                return between.isNot() ? inside.not() : inside;
            }
            if (expression instanceof InExpression in) {
                Truth found = in(in);
                return in.isNot() ? found.not() : found;
            }
            return null;
        }

        private Truth in(InExpression in) {
            if (!(in.getRightExpression() instanceof ExpressionList<?> items) || items.isEmpty()) {
                return Truth.UNKNOWN; // a subquery, or a form we do not evaluate
            }
            Value left = value(in.getLeftExpression());
            Truth found = Truth.FALSE;
            for (Expression item : items) {
                found = found.or(equal(compare(left, value(item))));
            }
            return found;
        }

        private Truth notDistinct(Expression leftExpression, Expression rightExpression) {
            Value left = value(leftExpression);
            Value right = value(rightExpression);
            if (left instanceof Null || right instanceof Null) {
                if (left instanceof Unknown || right instanceof Unknown) {
                    return Truth.UNKNOWN;
                }
                return Truth.of(left instanceof Null && right instanceof Null);
            }
            return equal(compare(left, right));
        }

        private static Truth equal(Order order) {
            return switch (order) {
                case EQUAL -> Truth.TRUE;
                case LESS, GREATER, DIFFERENT -> Truth.FALSE;
                case NULL -> Truth.NULL;
                case UNKNOWN -> Truth.UNKNOWN;
            };
        }

        /** {@code left > right} (or {@code <}, with {@code direction} LESS), or {@code >=} when {@code orEqual}. */
        private static Truth ordered(Order order, Order direction, boolean orEqual) {
            if (order == Order.NULL) {
                return Truth.NULL;
            }
            if (order == Order.UNKNOWN || order == Order.DIFFERENT) {
                return Truth.UNKNOWN;
            }
            return Truth.of(order == direction || (orEqual && order == Order.EQUAL));
        }

        private Order compare(Expression left, Expression right) {
            return compare(value(left), value(right));
        }

        private Order compare(Value left, Value right) {
            if (left instanceof Unknown || right instanceof Unknown) {
                return Order.UNKNOWN;
            }
            if (left instanceof Null || right instanceof Null) {
                return Order.NULL;
            }
            if (left instanceof Str a && right instanceof Str b) {
                return compareStrings(a, b);
            }
            if (left instanceof Bool a && right instanceof Bool b) {
                return order(Boolean.compare(a.value(), b.value()));
            }
            BigDecimal a = number(left, right);
            BigDecimal b = number(right, left);
            return a == null || b == null ? Order.UNKNOWN : order(a.compareTo(b));
        }

        private Order compareStrings(Str a, Str b) {
            if (a.ambiguous() || b.ambiguous()) {
                return a.text().equals(b.text()) ? Order.EQUAL : Order.UNKNOWN;
            }
            if (a.text().equals(b.text())) {
                return Order.EQUAL;
            }
            if (dialect == Dialect.POSTGRESQL) {
                return Order.DIFFERENT;
            }
            // MySQL's default collations ignore case; whether they also ignore accents and trailing spaces depends
            // on the collation, so such pairs stay unknown.
            if (a.text().equalsIgnoreCase(b.text())) {
                return Order.EQUAL;
            }
            return folded(a.text()).equals(folded(b.text())) ? Order.UNKNOWN : Order.DIFFERENT;
        }

        private static String folded(String text) {
            String withoutAccents = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
            return withoutAccents.stripTrailing().toLowerCase(Locale.ROOT);
        }

        /** {@code value} as a number when compared with {@code other}, following each database's conversions. */
        private BigDecimal number(Value value, Value other) {
            if (value instanceof Num num) {
                return num.value();
            }
            if (dialect == Dialect.MYSQL) {
                if (value instanceof Bool bool) {
                    return bool.value() ? BigDecimal.ONE : BigDecimal.ZERO;
                }
                if (value instanceof Str str && !str.ambiguous()) {
                    return mysqlNumber(str.text());
                }
                return null;
            }
            // PostgreSQL gives an untyped string literal the type of the other side, and compares no booleans with
            // numbers.
            if (value instanceof Str str && !str.ambiguous() && other instanceof Num) {
                return decimal(str.text().strip());
            }
            if (value instanceof Str str && !str.ambiguous() && other instanceof Bool) {
                Boolean parsed = postgresBoolean(str.text());
                return parsed == null ? null : parsed ? BigDecimal.ONE : BigDecimal.ZERO;
            }
            if (value instanceof Bool bool && other instanceof Str) {
                return bool.value() ? BigDecimal.ONE : BigDecimal.ZERO;
            }
            return null;
        }

        private static Order order(int comparison) {
            return comparison < 0 ? Order.LESS : comparison == 0 ? Order.EQUAL : Order.GREATER;
        }

        /** Literals, signs, arithmetic on numbers, and simple casts; unknown for everything else. */
        private Value scalar(Expression expression) {
            if (expression instanceof NullValue) {
                return Null.INSTANCE;
            }
            if (expression instanceof BooleanValue bool) {
                return new Bool(bool.getValue());
            }
            if (expression instanceof LongValue number) {
                return numberOrUnknown(decimal(number.getStringValue()));
            }
            if (expression instanceof DoubleValue number) {
                return numberOrUnknown(decimal(number.toString()));
            }
            if (expression instanceof StringValue string) {
                return string(string);
            }
            if (expression instanceof Column column) {
                Matcher dollarQuoted = DOLLAR_QUOTED.matcher(column.getFullyQualifiedName());
                return dollarQuoted.matches() ? new Str(dollarQuoted.group(2), false) : Unknown.INSTANCE;
            }
            if (expression instanceof SignedExpression signed) {
                Value operand = value(signed.getExpression());
                if (!(operand instanceof Num num)) {
                    return Unknown.INSTANCE;
                }
                return switch (signed.getSign()) {
                    case '-' -> new Num(num.value().negate());
                    case '+' -> num;
                    default -> Unknown.INSTANCE;
                };
            }
            if (expression instanceof Addition addition) {
                return arithmetic(addition.getLeftExpression(), addition.getRightExpression(), '+');
            }
            if (expression instanceof Subtraction subtraction) {
                return arithmetic(subtraction.getLeftExpression(), subtraction.getRightExpression(), '-');
            }
            if (expression instanceof Multiplication multiplication) {
                return arithmetic(multiplication.getLeftExpression(), multiplication.getRightExpression(), '*');
            }
            if (expression instanceof CastExpression cast) {
                return cast(cast);
            }
            return Unknown.INSTANCE;
        }

        private static Value string(StringValue string) {
            String prefix = string.getPrefix();
            boolean plain = prefix == null || prefix.equalsIgnoreCase("N") || prefix.equalsIgnoreCase("E")
                    || prefix.startsWith("_"); // MySQL character set introducer, _utf8mb4'x'
            if (!plain) {
                return Unknown.INSTANCE; // bit strings, hex strings, ...
            }
            String raw = string.getValue();
            if (raw.indexOf('\\') >= 0) {
                return new Str(raw, true);
            }
            return new Str(raw.replace("''", "'"), false);
        }

        private Value arithmetic(Expression leftExpression, Expression rightExpression, char operator) {
            if (value(leftExpression) instanceof Num left && value(rightExpression) instanceof Num right) {
                return numberOrUnknown(tame(switch (operator) {
                    case '+' -> left.value().add(right.value());
                    case '-' -> left.value().subtract(right.value());
                    default -> left.value().multiply(right.value());
                }));
            }
            return Unknown.INSTANCE;
        }

        private Value cast(CastExpression cast) {
            if (cast.getColDataType() == null || cast.getColDataType().getDataType() == null) {
                return Unknown.INSTANCE;
            }
            String type = TYPE_ARGUMENTS.matcher(cast.getColDataType().getDataType()).replaceFirst("")
                    .strip().toLowerCase(Locale.ROOT);
            Value operand = value(cast.getLeftExpression());
            if (operand instanceof Null || operand instanceof Unknown) {
                return operand;
            }
            if (type.equals("boolean") || type.equals("bool")) {
                return toBoolean(operand);
            }
            if (NUMERIC_TYPES.contains(type)) {
                BigDecimal number = operand instanceof Num num ? num.value()
                        : operand instanceof Str str && !str.ambiguous() ? decimal(str.text().strip())
                        : operand instanceof Bool bool ? (bool.value() ? BigDecimal.ONE : BigDecimal.ZERO)
                        : null;
                // Databases round a fraction cast to an integer differently; leave that unknown.
                if (number == null || (INTEGER_TYPES.contains(type) && number.stripTrailingZeros().scale() > 0)) {
                    return Unknown.INSTANCE;
                }
                return new Num(number);
            }
            if (TEXT_TYPES.contains(type)) {
                if (operand instanceof Str) {
                    return operand;
                }
                return operand instanceof Num num ? new Str(num.value().toPlainString(), false) : Unknown.INSTANCE;
            }
            return Unknown.INSTANCE;
        }

        private static Value toBoolean(Value operand) {
            if (operand instanceof Bool) {
                return operand;
            }
            if (operand instanceof Str str && !str.ambiguous()) {
                Boolean parsed = postgresBoolean(str.text());
                return parsed == null ? Unknown.INSTANCE : new Bool(parsed);
            }
            if (operand instanceof Num num && num.value().stripTrailingZeros().scale() <= 0) {
                return new Bool(num.value().signum() != 0);
            }
            return Unknown.INSTANCE;
        }

        private static Value numberOrUnknown(BigDecimal number) {
            return number == null ? Unknown.INSTANCE : new Num(number);
        }
    }

    /** {@code text} as a number, or null when it is none or beyond what this class evaluates. */
    private static BigDecimal decimal(String text) {
        try {
            return tame(new BigDecimal(text));
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    /**
     * {@code number}, or null when its digits or exponent are so large that adding it or printing it could take
     * gigabytes ({@code 1e999999999 + 1}); such a literal is left unknown.
     */
    private static BigDecimal tame(BigDecimal number) {
        return number.precision() <= MAX_DIGITS && Math.abs(number.scale()) <= MAX_DIGITS ? number : null;
    }
}
