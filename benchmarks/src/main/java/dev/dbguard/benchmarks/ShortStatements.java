package dev.dbguard.benchmarks;

import dev.dbguard.core.sql.AnalyzedStatement;
import dev.dbguard.core.internal.SqlAnalyzer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Statements under 4 KB that could make one check slow: families of the shapes that make parsers work hardest,
 * each grown from one repetition until it passes the size, in scoped and unscoped forms (an unscoped statement is
 * the one the engine gives JSqlParser); seeded random combinations of their parts; and, when found, every statement
 * of the shared SQL corpus (PostgreSQL's regression tests, real migrations) under the size.
 */
final class ShortStatements {

    /** The size every statement stays under. */
    static final int LIMIT = 4_096;

    /** A statement to time and the family it belongs to. */
    record Candidate(String family, String sql) {
    }

    private ShortStatements() {
    }

    /** The generated families and the random combinations; {@code quick} grows each family in coarser steps. */
    static List<Candidate> generated(boolean quick) {
        List<Candidate> candidates = new ArrayList<>();
        families().forEach((family, shape) -> {
            for (int n = 1; ; n = quick ? n * 2 : n + Math.max(1, n / 3)) {
                String sql = shape.apply(n);
                if (sql.length() >= LIMIT) {
                    break;
                }
                candidates.add(new Candidate(family, sql));
            }
        });
        Random random = new Random(20_26_11_24L);
        for (int i = 0; i < (quick ? 500 : 3_000); i++) {
            String sql = RandomStatement.next(random);
            if (sql.length() < LIMIT) {
                candidates.add(new Candidate("random combinations", sql));
            }
        }
        return candidates;
    }

    /**
     * Every statement under the size in the corpus directory's {@code .sql} files, split by the engine's own
     * splitter; psql meta-commands (lines starting with a backslash) are dropped. Empty when there is no corpus.
     */
    static List<Candidate> corpus(Path directory) throws IOException {
        List<Candidate> candidates = new ArrayList<>();
        if (directory == null || !Files.isDirectory(directory)) {
            return candidates;
        }
        SqlAnalyzer splitter = new SqlAnalyzer(0);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(path -> path.toString().endsWith(".sql")).sorted().toList();
        }
        for (Path file : files) {
            String text = Files.readAllLines(file, StandardCharsets.ISO_8859_1).stream()
                    .filter(line -> !line.startsWith("\\")).collect(Collectors.joining("\n"));
            String family = "corpus " + directory.relativize(file).getName(0);
            for (AnalyzedStatement statement : splitter.analyze(text)) {
                String sql = statement.text().strip();
                if (!sql.isEmpty() && sql.length() < LIMIT) {
                    candidates.add(new Candidate(family, sql));
                }
            }
        }
        return candidates;
    }

    /** Where the shared corpus is: {@code DBGUARD_CORPUS}, else a {@code shared/corpus} beside a parent directory. */
    static Path findCorpus() {
        String configured = System.getenv("DBGUARD_CORPUS");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            Path candidate = at.resolve("shared").resolve("corpus");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    static Map<String, IntFunction<String>> families() {
        Map<String, IntFunction<String>> families = new LinkedHashMap<>();
        families.put("array slices, open-ended (a[3:], a[:2])", n -> "UPDATE arr SET "
                + list(n, i -> "a" + i + "[" + (i + 3) + ":] = '{23, 24, 25}', b" + i + "[:" + (i + 2) + "][2:] = '{{1}}'"));
        families.put("array slices and subscripts, scoped", n -> "UPDATE arr SET "
                + list(n, i -> "a[" + (i + 1) + ":" + (i + 2) + "] = b[" + i + "]") + " WHERE id = 1");
        families.put("array slices in WHERE", n -> "DELETE FROM arr WHERE "
                + join(n, " OR ", i -> "a[" + i + ":] = '{1}' OR a[:" + i + "] = '{2}'"));
        families.put("nested parentheses", n -> "UPDATE t SET a = " + "(".repeat(n) + "1" + ")".repeat(n));
        families.put("nested parentheses in WHERE", n -> "DELETE FROM t WHERE a = " + "(".repeat(n) + "1"
                + ")".repeat(n));
        families.put("nested IN subqueries", n -> "DELETE FROM t WHERE a IN "
                + "(SELECT b FROM u WHERE c IN ".repeat(n) + "(1)" + ")".repeat(n));
        families.put("nested scalar subqueries", n -> "UPDATE t SET a = " + "(SELECT ".repeat(n) + "1"
                + ")".repeat(n));
        families.put("nested EXISTS", n -> "DELETE FROM t WHERE " + "EXISTS (SELECT 1 FROM u WHERE ".repeat(n)
                + "u.id = t.id" + ")".repeat(n));
        families.put("EXISTS chains", n -> "DELETE FROM t WHERE "
                + join(n, " OR ", i -> "EXISTS (SELECT 1 FROM u" + i + " WHERE u" + i + ".id = t.id)"));
        families.put("long IN lists", n -> "UPDATE t SET a = 1 WHERE b IN (" + list(n, Integer::toString)
                + ") OR 1 = 1");
        families.put("long IN lists, scoped", n -> "DELETE FROM t WHERE id IN (" + list(n, Integer::toString) + ")");
        families.put("many IN predicates", n -> "UPDATE t SET a = 1 WHERE "
                + join(n, " OR ", i -> "b" + i + " IN (1, 2)") + " OR 1 = 1");
        families.put("many ORs, always true", n -> "UPDATE t SET a = 1 WHERE " + join(n, " OR ", i -> "1 = " + i));
        families.put("many ORs, scoped", n -> "DELETE FROM t WHERE " + join(n, " OR ", i -> "id = " + i));
        families.put("many ANDs", n -> "DELETE FROM t WHERE " + join(n, " AND ", i -> "c" + i + " > " + i)
                + " OR TRUE");
        families.put("many CTEs", n -> "WITH " + list(n, i -> "c" + i + " AS (SELECT " + i + " AS x)")
                + " DELETE FROM t");
        families.put("many CTEs, data-modifying", n -> "WITH "
                + list(n, i -> "d" + i + " AS (DELETE FROM t" + i + " WHERE id = " + i + " RETURNING id)")
                + " UPDATE t SET a = 1");
        families.put("JSON operators", n -> "UPDATE t SET a = "
                + join(n, " || ", i -> "j->'k" + i + "'->>'v' || (j #>> '{a," + i + "}')"));
        families.put("JSON containment and existence", n -> "DELETE FROM t WHERE "
                + join(n, " OR ", i -> "j @> '{\"a\": " + i + "}' AND j ? 'b" + i + "' AND j ?| ARRAY['x']")
                + " OR TRUE");
        families.put("MySQL IF nesting", n -> "UPDATE t SET a = " + "IF(b > 1, ".repeat(n) + "1"
                + ", 2)".repeat(n));
        families.put("MySQL IF lists", n -> "UPDATE t SET a = " + join(n, " + ", i -> "IF(b > " + i + ", 1, 2)"));
        families.put("MySQL forms", n -> "UPDATE LOW_PRIORITY IGNORE `t` SET "
                + list(n, i -> "`c" + i + "` = @v" + i + " := " + i) + " ORDER BY `id` LIMIT 10");
        families.put("MySQL multi-table DELETE", n -> "DELETE t1 FROM t1 "
                + join(n, " ", i -> "JOIN u" + i + " ON u" + i + ".id = t1.id") + " WHERE 1 = 1");
        families.put("MySQL ON DUPLICATE KEY UPDATE", n -> "INSERT INTO t VALUES "
                + list(n, i -> "(" + i + ", 'x')") + " ON DUPLICATE KEY UPDATE "
                + list(n, i -> "c" + i + " = VALUES(c" + i + ")"));
        families.put("CASE chains", n -> "UPDATE t SET a = CASE " + join(n, " ", i -> "WHEN b = " + i + " THEN "
                + i) + " ELSE 0 END");
        families.put("nested CASE", n -> "UPDATE t SET a = " + "CASE WHEN b > 1 THEN ".repeat(n) + "1"
                + " ELSE 2 END".repeat(n));
        families.put("nested function calls", n -> "UPDATE t SET a = " + "coalesce(".repeat(n) + "b"
                + ", 0)".repeat(n));
        families.put("function calls with conditions", n -> "UPDATE t SET a = "
                + join(n, " + ", i -> "coalesce(b" + i + " = " + i + ", c IS NULL)"));
        families.put("casts", n -> "UPDATE t SET a = " + join(n, " + ", i -> "b" + i + "::int::text::varchar(10)"));
        families.put("long SET lists", n -> "UPDATE t SET " + list(n, i -> "c" + i + " = " + i));
        families.put("long SET lists, scoped", n -> "UPDATE t SET " + list(n, i -> "c" + i + " = " + i)
                + " WHERE id = 1");
        families.put("joins", n -> "DELETE FROM t USING " + list(n, i -> "u" + i) + " WHERE "
                + join(n, " AND ", i -> "u" + i + ".id = 1"));
        families.put("UNION of a data-modifying CTE", n -> "WITH d AS (DELETE FROM t RETURNING id) "
                + join(n, " UNION ALL ", i -> "SELECT " + i + " FROM d"));
        families.put("VALUES rows with ON CONFLICT DO UPDATE", n -> "INSERT INTO t VALUES "
                + list(n, i -> "(" + i + ", 'x', true)") + " ON CONFLICT (id) DO UPDATE SET a = excluded.a");
        families.put("window functions and FILTER", n -> "UPDATE t SET a = (SELECT "
                + list(n, i -> "sum(x) FILTER (WHERE y > " + i + ") OVER (PARTITION BY z ORDER BY w)")
                + " FROM u)");
        families.put("RETURNING inside calls", n -> "UPDATE t SET doc = " + "JSON_ARRAY(".repeat(n)
                + "'[1]' RETURNING text" + ")".repeat(n));
        families.put("ALTER TABLE drop lists", n -> "ALTER TABLE t " + list(n, i -> "DROP COLUMN c" + i));
        families.put("DROP and TRUNCATE lists", n -> (n % 2 == 0 ? "DROP TABLE " : "TRUNCATE ")
                + list(n, i -> "s.t" + i));
        families.put("CREATE TABLE with ON DELETE CASCADE", n -> "CREATE TABLE t (id bigint PRIMARY KEY, "
                + list(n, i -> "c" + i + " bigint REFERENCES u" + i + " (id) ON DELETE CASCADE ON UPDATE CASCADE")
                + ")");
        families.put("long literals and comments", n -> "UPDATE t SET a = '" + "x".repeat(n * 40) + "' /* "
                + "y".repeat(n * 40) + " */ -- " + "z".repeat(n * 10));
        families.put("backslashes and E strings", n -> "UPDATE t SET a = " + join(n, " || ", i -> "E'x\\'" + i
                + "\\\\'"));
        families.put("dollar quotes and DO bodies", n -> "DO $body$ BEGIN "
                + join(n, " ", i -> "UPDATE t" + i + " SET a = 1 WHERE id = " + i + ";") + " END $body$");
        families.put("dynamic SQL", n -> "DO $$ BEGIN " + join(n, " ", i -> "EXECUTE 'DELETE FROM t" + i
                + " WHERE id = ' || " + i + ";") + " END $$");
        return families;
    }

    static String list(int n, IntFunction<String> item) {
        return join(n, ", ", item);
    }

    static String join(int n, String separator, IntFunction<String> item) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.append(separator);
            }
            out.append(item.apply(i));
        }
        return out.toString();
    }

    /** Random statements assembled from the families' parts: expressions nested and combined at random. */
    static final class RandomStatement {

        private static final String[] LEAVES = {"1", "b", "'x'", "a[2:]", "a[:3]", "j->>'k'", "j #> '{a}'", "b::int",
                "now()", "NULL", "TRUE", "?", "$1", "@v", "`c`", "\"Q\"", "E'\\''", "$$q$$", "ARRAY[1, 2]",
                "ROW(1, 2)", "DEFAULT"};
        private static final String[] UNARY = {"NOT (%s)", "-(%s)", "(%s)", "coalesce(%s, 0)", "(%s)::text",
                "IF(%s, 1, 2)", "CASE WHEN %s THEN 1 ELSE 2 END", "EXISTS (SELECT 1 FROM u WHERE %s)",
                "(SELECT %s FROM u)", "%s IS NULL", "ANY(ARRAY[%s])", "f(%s RETURNING text)", "%s IN (1, 2, 3)",
                "%s IN (SELECT x FROM u)", "JSON_ARRAY(%s)", "sum(%s) OVER (PARTITION BY b)"};
        private static final String[] BINARY = {"%s = %s", "%s OR %s", "%s AND %s", "%s || %s", "%s + %s",
                "%s > %s", "%s @> %s", "%s -> %s", "%s LIKE %s", "%s BETWEEN %s AND 3"};
        private static final String[] FRAMES = {"UPDATE t SET a = %s", "UPDATE t SET a = 1 WHERE %s",
                "DELETE FROM t WHERE %s", "UPDATE t SET a = %s WHERE id = 1",
                "WITH d AS (DELETE FROM t WHERE %s RETURNING *) SELECT * FROM d", "SELECT %s FROM t FOR UPDATE",
                "MERGE INTO t USING u ON %s WHEN MATCHED THEN DELETE", "UPDATE t, u SET t.a = %s WHERE u.id = 1"};

        private RandomStatement() {
        }

        static String next(Random random) {
            return String.format(FRAMES[random.nextInt(FRAMES.length)], expression(random, 0));
        }

        private static String expression(Random random, int depth) {
            int pick = random.nextInt(10);
            if (depth > 12 || pick < 3) {
                return LEAVES[random.nextInt(LEAVES.length)];
            }
            if (pick < 7) {
                return String.format(UNARY[random.nextInt(UNARY.length)], expression(random, depth + 1));
            }
            return String.format(BINARY[random.nextInt(BINARY.length)], expression(random, depth + 1),
                    expression(random, depth + 1));
        }
    }
}
