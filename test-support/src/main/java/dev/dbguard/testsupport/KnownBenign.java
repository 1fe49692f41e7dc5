package dev.dbguard.testsupport;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Classes of statements that destroy nothing, recognised from their text alone (not by the analyzer under test), so
 * that a corpus test can require that none of them is ever refused: a refusal there is a false positive.
 *
 * <ul>
 *   <li>{@code plain SELECT}: a SELECT with no CTE, no INTO and no word that could make it write or run other SQL;</li>
 *   <li>{@code plain INSERT}: {@code INSERT INTO table [(columns)] VALUES|SELECT}, with no CTE and no upsert;</li>
 *   <li>{@code CREATE}: {@code CREATE [UNIQUE] TABLE|INDEX|VIEW|SEQUENCE|TYPE|SCHEMA|DOMAIN|EXTENSION} (never
 *       {@code OR REPLACE}), whatever {@code ON DELETE}/{@code ON UPDATE} clauses it has;</li>
 *   <li>{@code scoped DML}: {@code DELETE FROM table} or {@code UPDATE table SET ...} whose WHERE starts with a
 *       column compared to something, without OR, joins, subqueries or operators that read differently per
 *       dialect.</li>
 * </ul>
 */
public final class KnownBenign {

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
    private static final String COLUMN = "(?:[a-z_][\\w.]*|\"[^\"]+\"|`[^`]+`)";
    private static final String TABLE = "(?:[\\w.]+|\"[^\"]+\"|`[^`]+`)(?:\\.(?:\\w+|\"[^\"]+\"|`[^`]+`))?";

    private record BenignClass(String name, Pattern shape, Pattern excluded) {
    }

    private static final List<BenignClass> CLASSES = List.of(
            new BenignClass("plain SELECT", Pattern.compile("^\\s*select\\b", FLAGS),
                    Pattern.compile("\\b(with|into|update|delete|insert|merge|drop|truncate|alter|exec\\w*"
                            + "|dblink\\w*|query_to_\\w*)\\b|/\\*!|\\$\\$", FLAGS)),
            new BenignClass("plain INSERT",
                    Pattern.compile("^\\s*insert\\s+into\\s+" + TABLE + "\\s*(\\([^)]*\\)\\s*)?(values|select)\\b",
                            FLAGS),
                    Pattern.compile("\\b(with|update|delete|merge|drop|truncate|alter|exec\\w*|dblink\\w*"
                            + "|returning)\\b|/\\*!|\\$\\$", FLAGS)),
            new BenignClass("CREATE",
                    Pattern.compile("^\\s*create\\s+(unique\\s+)?(table|index|view|sequence|type|schema|domain"
                            + "|extension)\\b", FLAGS),
                    Pattern.compile("(?<!\\bon\\s)\\b(delete|update|truncate|drop|merge|replace|exec\\w*)\\b"
                            + "|/\\*!|;", FLAGS)),
            new BenignClass("scoped DML",
                    Pattern.compile("^\\s*(delete\\s+from\\s+" + TABLE + "|update\\s+" + TABLE + "\\s+set\\s+[^;]*?)"
                            + "\\s+where\\s+" + COLUMN + "\\s*(=|<>|!=|<=|>=|<|>|is\\s|in\\s*\\(|like\\s)", FLAGS),
                    // a second FROM (DELETE) or any FROM (UPDATE) joins other tables, which may or may not scope it
                    Pattern.compile("\\b(or|xor|using|join|with|select|returning|limit)\\b|\\|\\||&&|!(?!=)|/\\*!|;"
                            + "|\\bfrom\\b.*\\bfrom\\b|^\\s*update\\b.*\\bfrom\\b", FLAGS)));

    private KnownBenign() {
    }

    /** The benign class {@code statement} belongs to, or empty when it is none of them (not that it is harmful). */
    public static Optional<String> classOf(String statement) {
        for (BenignClass benign : CLASSES) {
            if (benign.shape().matcher(statement).find() && !benign.excluded().matcher(statement).find()) {
                return Optional.of(benign.name());
            }
        }
        return Optional.empty();
    }

    /** The names of the classes, in the order they are tried. */
    public static List<String> classes() {
        return CLASSES.stream().map(BenignClass::name).toList();
    }
}
