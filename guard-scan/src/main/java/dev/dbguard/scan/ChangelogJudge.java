package dev.dbguard.scan;

import dev.dbguard.core.SessionState;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What the XML and the YAML/JSON changelog readers share for one changelog file: its session (the changes of a
 * changelog run on one connection, in order), its report, and the judging of a change or of SQL found in it.
 */
final class ChangelogJudge {

    private final MigrationScanner scanner;
    private final SourceText source;
    private final FileReport report;
    private final SessionState session;
    private final LiquibaseIncludes includes;

    ChangelogJudge(MigrationScanner scanner, Path file, SourceText source, FileReport report, Set<Path> chain) {
        this.scanner = scanner;
        this.source = source;
        this.report = report;
        this.session = new SessionState(scanner.dialect());
        this.includes = new LiquibaseIncludes(scanner, file, source, report, chain);
    }

    /** Judges a refactoring as the SQL Liquibase sends for it, at the change's position. */
    void change(LiquibaseChange change) {
        scanner.judge(report, session, source, change.toSql(scanner.mysql()), source.line(change.offset()),
                source.column(change.offset()), false);
    }

    /**
     * Judges the statements of an {@code sql} change found at {@code origin} of the changelog, split as Liquibase
     * splits them: on {@code ;} by default, on its {@code endDelimiter} (a regular expression, as Liquibase reads it)
     * when it has one, not at all with {@code splitStatements="false"}.
     */
    void sql(String sql, int origin, String splitStatements, String endDelimiter) {
        if (!"false".equalsIgnoreCase(splitStatements) && (endDelimiter == null || endDelimiter.equals(";"))) {
            scanner.judgeSql(report, session, source, sql, origin, false);
            return;
        }
        List<String> statements = new ArrayList<>();
        if ("false".equalsIgnoreCase(splitStatements)) {
            statements.add(sql);
        } else {
            Pattern delimiter;
            try {
                delimiter = Pattern.compile(endDelimiter);
            } catch (PatternSyntaxException e) {
                delimiter = Pattern.compile(Pattern.quote(endDelimiter));
            }
            statements.addAll(List.of(delimiter.split(sql)));
        }
        int from = origin;
        for (String statement : statements) {
            String text = statement.strip();
            if (text.isEmpty()) {
                continue;
            }
            int at = MigrationScanner.locate(source, text, from, from);
            from = at + 1;
            scanner.judge(report, session, source, text, source.line(at), source.column(at), false);
        }
    }

    /** The changelog's include, includeAll and sqlFile. */
    LiquibaseIncludes includes() {
        return includes;
    }

    /** Records that (part of) the changelog could not be read, at 1-based {@code line}:{@code column}. */
    void problem(int line, int column, String why) {
        MigrationScanner.problem(report, line, column, why);
    }
}
