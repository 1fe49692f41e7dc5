package dev.dbguard.core;

import dev.dbguard.core.audit.AuditSink;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The dialect verdict tables: every row of every file under {@code verdicts/} is a statement, the dialects it is read
 * in, the verdict it must get in production and the rule that fires. Each row runs through the guard for each of its
 * dialects on both analysis paths (parser where it can, scanner alone), and in staging (audited exactly when
 * production refuses or audits) and development (allowed). {@code AUDIT} is the verdict of a rule of severity
 * {@code warn} and of a statement a {@code dbguard:allow} annotation lets through: it runs, with an audit event.
 *
 * <p>Format: {@code dialects | DECISION | rule or - | SQL}; dialects is a comma-separated list of
 * {@code postgresql}, {@code mysql}, {@code mariadb}, {@code unknown}, or {@code all} for the four; {@code \n} in
 * the SQL stands for a line break, {@code \t} for a tab; lines starting with {@code #} are comments.
 *
 * <p>A file whose first row is {@code @mode read-only} gives the verdicts of production in read-only mode instead
 * ({@code dbguard.modes.production=read-only}), checked on both analysis paths.
 */
class DialectVerdictTableTest {

    private static final StatementGuard PRODUCTION = guard("production", GuardConfig.DEFAULT_MAX_PARSE_LENGTH);
    private static final StatementGuard PRODUCTION_SCANNER_ONLY = guard("production", 0);
    private static final StatementGuard STAGING = guard("staging", GuardConfig.DEFAULT_MAX_PARSE_LENGTH);
    private static final StatementGuard DEVELOPMENT = guard("development", GuardConfig.DEFAULT_MAX_PARSE_LENGTH);
    private static final StatementGuard READ_ONLY = readOnly(GuardConfig.DEFAULT_MAX_PARSE_LENGTH);
    private static final StatementGuard READ_ONLY_SCANNER_ONLY = readOnly(0);
    private static final String MODE_DIRECTIVE = "@mode ";

    /** One row; {@code mode} is null for the production tables, else the mode the file's verdicts are for. */
    record Row(String file, int line, Dialect dialect, Decision decision, String rule, String sql, Mode mode) {
    }

    static List<Row> table() {
        List<Row> rows = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory())) {
            for (Path file : files.filter(path -> path.toString().endsWith(".txt")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                Mode mode = null;
                for (int n = 0; n < lines.size(); n++) {
                    String line = lines.get(n);
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    if (line.startsWith(MODE_DIRECTIVE)) {
                        mode = Mode.fromId(line.substring(MODE_DIRECTIVE.length()));
                        continue;
                    }
                    String[] parts = line.split(" \\| ", 4);
                    if (parts.length < 4) {
                        throw new IllegalStateException(file.getFileName() + ":" + (n + 1) + ": malformed row: " + line);
                    }
                    String sql = parts[3].replace("\\n", "\n").replace("\\t", "\t");
                    Decision decision = Decision.valueOf(parts[1].trim());
                    String rule = parts[2].trim().equals("-") ? null : parts[2].trim();
                    for (Dialect dialect : dialects(parts[0])) {
                        rows.add(new Row(file.getFileName().toString(), n + 1, dialect, decision, rule, sql, mode));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    static List<Arguments> rows() {
        return arguments(null);
    }

    static List<Arguments> readOnlyRows() {
        return arguments(Mode.READ_ONLY);
    }

    private static List<Arguments> arguments(Mode mode) {
        return table().stream()
                .filter(row -> row.mode() == mode)
                .map(row -> Arguments.of(Named.of(row.file() + ":" + row.line() + " "
                                + row.dialect().name().toLowerCase(Locale.ROOT) + " " + row.sql().replace("\n", "⏎"), row.sql()),
                        row.dialect(), row.decision(), row.rule()))
                .toList();
    }

    @Test
    void tablesAreNotEmpty() {
        assertThat(table()).hasSizeGreaterThan(100);
    }

    @ParameterizedTest(name = "{2} {3}: {0}")
    @MethodSource("rows")
    void productionVerdict(String sql, Dialect dialect, Decision decision, String rule) {
        Verdict verdict = PRODUCTION.check(sql, PRODUCTION.target("orders", null, dialect));

        assertThat(verdict.decision()).as("decision").isEqualTo(decision);
        assertThat(verdict.ruleId()).as("rule").isEqualTo(rule);
    }

    static List<Arguments> refusedRows() {
        return rows().stream().filter(row -> row.get()[2] == Decision.BLOCK).toList();
    }

    @ParameterizedTest(name = "{2} {3}: {0}")
    @MethodSource("refusedRows")
    void aRefusalIsABlockedStatementExceptionNamingTheRule(String sql, Dialect dialect, Decision decision,
                                                            String rule) {
        Target target = PRODUCTION.target("orders", null, dialect);

        assertThat(PRODUCTION.check(sql, target).message()).startsWith("dbguard: refused")
                .contains("(rule " + rule + ")");
        assertThatThrownBy(() -> PRODUCTION.enforce(sql, target))
                .isInstanceOfSatisfying(BlockedStatementException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("42501");
                    assertThat(e.ruleId()).isEqualTo(rule);
                });
    }

    @ParameterizedTest(name = "{2} {3}: {0}")
    @MethodSource("rows")
    void scannerAloneGivesTheSameVerdict(String sql, Dialect dialect, Decision decision, String rule) {
        Verdict verdict = PRODUCTION_SCANNER_ONLY.check(sql, PRODUCTION_SCANNER_ONLY.target("orders", null, dialect));

        assertThat(verdict.decision()).as("decision").isEqualTo(decision);
        assertThat(verdict.ruleId()).as("rule").isEqualTo(rule);
    }

    @ParameterizedTest(name = "{2} {3}: {0}")
    @MethodSource("rows")
    void stagingAuditsExactlyWhatProductionRefuses(String sql, Dialect dialect, Decision decision, String rule)
            throws Exception {
        Verdict verdict = STAGING.enforce(sql, STAGING.target("orders", null, dialect));

        assertThat(verdict.decision()).isEqualTo(decision == Decision.ALLOW ? Decision.ALLOW : Decision.AUDIT);
        assertThat(verdict.ruleId()).isEqualTo(rule);
    }

    @ParameterizedTest(name = "{2} {3}: {0}")
    @MethodSource("rows")
    void developmentRunsEverything(String sql, Dialect dialect, Decision decision, String rule) throws Exception {
        assertThat(DEVELOPMENT.enforce(sql, DEVELOPMENT.target("orders", null, dialect)).decision())
                .isEqualTo(Decision.ALLOW);
    }

    @ParameterizedTest(name = "{2} {3}: {0}")
    @MethodSource("readOnlyRows")
    void readOnlyVerdict(String sql, Dialect dialect, Decision decision, String rule) {
        for (StatementGuard guard : List.of(READ_ONLY, READ_ONLY_SCANNER_ONLY)) {
            Verdict verdict = guard.check(sql, guard.target("orders", null, dialect));

            assertThat(verdict.decision()).as("decision").isEqualTo(decision);
            assertThat(verdict.ruleId()).as("rule").isEqualTo(rule);
            if (decision == Decision.BLOCK) {
                assertThat(verdict.message()).startsWith("dbguard: refused").contains("(rule " + rule + ")",
                        "read-only mode");
            }
        }
    }

    private static List<Dialect> dialects(String column) {
        List<Dialect> dialects = new ArrayList<>();
        for (String name : column.split(",")) {
            String trimmed = name.trim().toUpperCase(Locale.ROOT);
            if (trimmed.equals("ALL")) {
                dialects.addAll(List.of(Dialect.values()));
            } else {
                dialects.add(Dialect.valueOf(trimmed));
            }
        }
        return dialects;
    }

    private static Path directory() {
        try {
            return Path.of(DialectVerdictTableTest.class.getResource("verdicts").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static StatementGuard guard(String environment, int maxParseLength) {
        return new StatementGuard(GuardConfig.builder().environment(environment).maxParseLength(maxParseLength)
                .auditSink(AuditSink.NONE).build());
    }

    private static StatementGuard readOnly(int maxParseLength) {
        return new StatementGuard(GuardConfig.builder().environment("production").mode("production", Mode.READ_ONLY)
                .maxParseLength(maxParseLength).auditSink(AuditSink.NONE).build());
    }
}
