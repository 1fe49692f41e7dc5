package dev.dbguard.scan;

import dev.dbguard.core.AllowAnnotation;
import dev.dbguard.core.BlockedStatementException;
import dev.dbguard.core.Dialect;
import dev.dbguard.core.Mode;
import dev.dbguard.core.SessionState;
import dev.dbguard.core.StatementGuard;
import dev.dbguard.core.Target;
import dev.dbguard.core.Verdict;
import dev.dbguard.core.audit.AuditEvent;
import dev.dbguard.core.audit.Outcome;
import dev.dbguard.core.sql.AnalyzedStatement;
import dev.dbguard.core.internal.LexicalRules;
import dev.dbguard.core.internal.SqlAnalyzer;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Judges migration files with the runtime's engine, statement by statement, as the migration tool would send them:
 * each statement goes through {@link StatementGuard#enforce} for the scan's {@link Target}, with one
 * {@link SessionState} per file (a temporary table created early in a migration may be dropped later in it), and
 * every hit the engine hands to its audit sink becomes a finding with the outcome production would give it.
 */
final class MigrationScanner {

    /** The rule id of a file that could not be read or parsed. */
    static final String SCAN_ERROR = "scan-error";

    private static final Pattern FLYWAY_UNDO = Pattern.compile("U\\d[^/\\\\]*__[^/\\\\]*\\.sql",
            Pattern.CASE_INSENSITIVE);

    private final StatementGuard guard;
    private final Target target;
    private final CollectingSink sink;
    private final LexicalRules reading;
    /** Splits files into statements; it parses nothing (the guard does, per statement). */
    private final SqlAnalyzer splitter = new SqlAnalyzer(0);

    private final ScanPaths paths;
    /** The files this scan reads on their own: a changelog's include of one of them is not read twice. */
    private final Set<Path> scanned;
    /** Whether the configuration honours {@code dbguard:allow} annotations ({@code dbguard.annotations.enabled}). */
    private final boolean annotations;

    MigrationScanner(StatementGuard guard, Target target, CollectingSink sink, ScanPaths paths, Set<Path> scanned) {
        this.paths = paths;
        this.scanned = scanned;
        this.guard = guard;
        this.target = target;
        this.sink = sink;
        this.reading = LexicalRules.defaultFor(target.dialect());
        this.annotations = guard.config().annotationsEnabled();
    }

    ScanPaths paths() {
        return paths;
    }

    /** Whether {@code file} is scanned on its own by this scan (an include of it need not be followed). */
    boolean scannedOnItsOwn(Path file) {
        return scanned.contains(file.toAbsolutePath().normalize());
    }

    Dialect dialect() {
        return target.dialect();
    }

    /** Whether the SQL is MySQL's or MariaDB's (Liquibase sends other SQL for some changes there). */
    boolean mysql() {
        return target.dialect() == Dialect.MYSQL || target.dialect() == Dialect.MARIADB;
    }

    /**
     * Scans one file: a Liquibase changelog when it ends in {@code .xml}, {@code .yaml}/{@code .yml} or {@code .json},
     * else SQL (Flyway, Prisma, Liquibase formatted SQL, plain). Never throws: what cannot be read is reported.
     */
    FileReport scan(Path file, String display) {
        return scan(file, display, Set.of(file.toAbsolutePath().normalize()));
    }

    private FileReport scan(Path file, String display, Set<Path> chain) {
        FileReport report = new FileReport(display);
        String text;
        try {
            text = read(file);
        } catch (IOException e) {
            problem(report, "cannot read the file: " + describe(e));
            return report;
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".xml")) {
                LiquibaseChangelog.scan(this, file, new SourceText(text), report, chain);
            } else if (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json")) {
                LiquibaseYamlChangelog.scan(this, file, text, report, chain);
            } else {
                scanSqlText(report, new SourceText(text), FLYWAY_UNDO.matcher(file.getFileName().toString()).matches());
            }
        } catch (RuntimeException e) {
            // a defect of the scan, not of the file: reported for this file, the others are still scanned
            problem(report, "internal error while scanning this file (please report it): " + e);
        }
        return report;
    }

    /**
     * Follows a changelog's include of {@code file}, reached through the changelogs {@code chain}, into
     * {@code parent}: not when this scan reads the file on its own anyway, nor when it closes an include cycle.
     */
    void scanIncluded(Path file, FileReport parent, Set<Path> chain) {
        Path included = file.toAbsolutePath().normalize();
        if (scannedOnItsOwn(included) || chain.contains(included)) {
            return;
        }
        Set<Path> longer = new HashSet<>(chain);
        longer.add(included);
        parent.absorb(scan(included, paths.display(included), Set.copyOf(longer)));
    }

    /** Scans SQL text that is a whole file of its own ({@code -} for stdin, a Liquibase {@code sqlFile}). */
    void scanSqlText(FileReport report, SourceText text, boolean undo) {
        String sql = LiquibaseFormattedSql.forwardSql(text.text());
        if (target.dialect() == Dialect.POSTGRESQL) {
            sql = PostgresCopyData.blank(sql);
        }
        SourceText source = sql == text.text() ? text : new SourceText(sql);
        reportMalformedAnnotations(report, text); // as written: the annotations Liquibase strips are blanked in source
        SessionState session = new SessionState(target.dialect());
        List<MysqlDelimiters.Part> parts = mysql() ? MysqlDelimiters.parts(sql) : null;
        if (parts == null) {
            judgeSql(report, session, source, sql, 0, undo);
            return;
        }
        for (MysqlDelimiters.Part part : parts) {
            if (part.delimiter().equals(";")) {
                judgeSql(report, session, source, sql.substring(part.start(), part.end()), part.start(), undo);
                continue;
            }
            for (int[] statement : MysqlDelimiters.statements(sql, part)) {
                judge(report, session, source, sql.substring(statement[0], statement[1]).strip(),
                        source.line(statement[0]), source.column(statement[0]), undo);
            }
        }
    }

    /**
     * Judges the statements of {@code sql}, which starts at {@code origin} in {@code source} (the whole file, or the
     * text of a Liquibase {@code <sql>} element).
     */
    void judgeSql(FileReport report, SessionState session, SourceText source, String sql, int origin, boolean undo) {
        List<AnalyzedStatement> pieces = splitter.analyze(sql, reading);
        int from = 0;
        int rawFrom = origin;
        Set<String> judged = new HashSet<>();
        for (AnalyzedStatement piece : pieces) {
            String text = piece.text();
            int at = sql.indexOf(text, from);
            if (at < 0) {
                at = Math.max(0, sql.indexOf(text)); // a second reading of the rest after a SET: listed again
            } else {
                from = at + text.length();
            }
            if (!judged.add(at + ":" + text)) {
                continue;
            }
            int position = origin + at;
            if (sql != source.text()) {
                position = locate(source, text, rawFrom, position);
                rawFrom = Math.max(rawFrom, position + 1);
            }
            judge(report, session, source, text, source.line(position), source.column(position), undo);
        }
    }

    /**
     * Judges one statement found at {@code line}:{@code column} of {@code source} and records what production would
     * do with each of its findings.
     */
    void judge(FileReport report, SessionState session, SourceText source, String statement, int line, int column,
               boolean undo) {
        sink.drain();
        Verdict verdict = null;
        Placeholders placeholders = Placeholders.in(statement);
        try {
            // sent as the migration tool sends it: with the comment lines above, where an annotation is read
            verdict = guard.enforce(annotations ? Annotations.leadingComments(source, line) + placeholders.judged()
                    : placeholders.judged(), target, session);
        } catch (BlockedStatementException refused) {
            // refused: it does not run, so it changes nothing in the session; its finding arrives in the sink
        }
        if (verdict != null) {
            session.record(verdict);
        }
        report.statements++;
        for (AuditEvent event : sink.drain()) {
            if (event.ruleId().equals(AllowAnnotation.RULE)) {
                continue; // the malformed annotation is reported on its own line (reportMalformedAnnotations)
            }
            if (event.outcome() == Outcome.OVERRIDDEN) {
                // the scan opens no override: an annotation let it through
                report.allowed++;
                report.findings.add(new ScanFinding(report.path, line, column, event.ruleId(), Severity.NOTE,
                        placeholders.restore(what(event)) + ": allowed by annotation (reason: " + event.reason()
                                + "); runs in " + target.environment().environment().name() + " as an audited override",
                        oneLine(statement), event.fingerprint()));
                continue;
            }
            boolean refused = event.outcome() == Outcome.REFUSED;
            Severity severity = refused && !undo ? Severity.ERROR : Severity.WARNING;
            report.findings.add(new ScanFinding(report.path, line, column, event.ruleId(), severity,
                    placeholders.restore(message(event, undo)), oneLine(statement), event.fingerprint()));
        }
    }

    /** Records that (part of) a file could not be scanned. */
    static void problem(FileReport report, String why) {
        report.problem = report.problem == null ? why : report.problem;
        report.findings.add(new ScanFinding(report.path, 1, 1, SCAN_ERROR, Severity.ERROR, why, "", ""));
    }

    static void problem(FileReport report, int line, int column, String why) {
        report.problem = report.problem == null ? why : report.problem;
        report.findings.add(new ScanFinding(report.path, line, column, SCAN_ERROR, Severity.ERROR, why, "", ""));
    }

    /**
     * Reports each {@code dbguard:allow} annotation that names no rule, an unknown rule, or gives no reason (the engine
     * refuses the statement below it); nothing when the configuration turns annotations off.
     */
    void reportMalformedAnnotations(FileReport report, SourceText source) {
        if (!annotations || !source.text().contains(AllowAnnotation.MARKER)) {
            return;
        }
        for (int line = 1; line <= source.line(source.text().length()); line++) {
            String text = source.lineText(line);
            AllowAnnotation annotation = AllowAnnotation.parse(text);
            String problem = annotation == null ? null : annotation.valid() ? null : annotation.problem();
            if (annotation != null && problem == null && LiquibaseFormattedSql.stripsCommentsAt(source, line)) {
                problem = "Liquibase strips the comments of a formatted SQL changeset before sending it, so production"
                        + " never sees this annotation and refuses the statement: add stripComments:false to the"
                        + " --changeset line";
            }
            if (problem != null) {
                int column = text.indexOf("--") + 1;
                report.findings.add(new ScanFinding(report.path, line, Math.max(1, column), AllowAnnotation.RULE,
                        Severity.ERROR, problem, text.strip(), ""));
            }
        }
    }

    static String read(Path file) throws IOException {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (MalformedInputException e) {
            throw new IOException("not UTF-8 text", e);
        }
    }

    static String describe(IOException e) {
        String message = e.getMessage();
        return e instanceof java.nio.file.NoSuchFileException ? "no such file"
                : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : message == null ? e.getClass().getSimpleName() : message;
    }

    private static String what(AuditEvent event) {
        return event.finding() != null ? event.finding() : event.ruleId() + " " + event.objects();
    }

    private String message(AuditEvent event, boolean undo) {
        String what = what(event);
        String env = target.environment().environment().name();
        return switch (event.outcome()) {
            case REFUSED -> undo
                    ? what + ": refused in " + env + " (a Flyway undo script, expected to be destructive: reported, not failing)"
                    : what + ": refused in " + env + "; to ship it deliberately, allow-list it (dbguard.allow="
                    + event.ruleId() + ":" + (event.objects().isEmpty() ? "<object>" : event.objects().get(0))
                    + ") or write '-- dbguard:allow " + event.ruleId() + " reason=\"<why>\"' on the line above";
            case ALLOW_LISTED -> what + ": runs in " + env + " because the allow-list matches it (audited)";
            case AUDITED -> what + ": runs in " + env + " and is audited (" + (target.mode() == Mode.BLOCK
                    ? "not refused" : "mode " + target.mode().id()) + ")";
            case OVERRIDDEN -> what + ": runs in " + env + " under an override (audited)";
        };
    }

    /**
     * Where a statement of an embedded text (a Liquibase {@code <sql>} body, whose entities and CDATA markers the XML
     * reader removed) begins in the raw file: its first line searched from the body's start; the computed position
     * when not found.
     */
    static int locate(SourceText source, String statement, int origin, int computed) {
        int newline = statement.indexOf('\n');
        String firstLine = (newline < 0 ? statement : statement.substring(0, newline)).stripTrailing();
        if (firstLine.isEmpty()) {
            return computed;
        }
        int found = source.text().indexOf(firstLine, origin);
        return found >= 0 ? found : computed;
    }

    private static String oneLine(String statement) {
        String flat = statement.replaceAll("\\s+", " ").strip();
        return flat.length() > 500 ? flat.substring(0, 500) + "..." : flat;
    }
}
