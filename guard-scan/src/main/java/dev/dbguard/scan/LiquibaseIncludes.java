package dev.dbguard.scan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a changelog names by path, whatever its format: {@code include} and {@code includeAll} (other changelogs,
 * followed once: a file this scan reads on its own is not read again, and an include cycle stops where it closes) and
 * {@code sqlFile} (SQL reported in that file, with its own lines). A path is resolved as Liquibase does: beside the
 * changelog when {@code relativeToChangelogFile}, else as a class-path path (under the changelog's {@code resources}
 * root, or the project's {@code src/main/resources}) or from the working directory.
 */
final class LiquibaseIncludes {

    private static final List<String> CHANGELOG_EXTENSIONS = List.of(".xml", ".yaml", ".yml", ".json", ".sql");

    private final MigrationScanner scanner;
    private final Path changelog;
    private final SourceText source;
    private final FileReport report;
    /** The changelogs from the scanned file down to this one. */
    private final Set<Path> chain;

    LiquibaseIncludes(MigrationScanner scanner, Path changelog, SourceText source, FileReport report, Set<Path> chain) {
        this.scanner = scanner;
        this.changelog = changelog;
        this.source = source;
        this.report = report;
        this.chain = chain;
    }

    /** {@code include file=...} at {@code offset} of the changelog. */
    void include(String path, boolean relative, int offset) {
        if (missing("include", "file", path, offset)) {
            return;
        }
        Path file = resolve(path.strip(), relative, false);
        if (file == null) {
            notFound("include file " + path, offset);
            return;
        }
        scanner.scanIncluded(file, report, chain);
    }

    /** {@code includeAll path=...}: every changelog under the directory, in path order, as Liquibase runs them. */
    void includeAll(String path, boolean relative, int offset) {
        if (missing("includeAll", "path", path, offset)) {
            return;
        }
        Path dir = resolve(path.strip(), relative, true);
        if (dir == null) {
            notFound("includeAll path " + path, offset);
            return;
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).filter(LiquibaseIncludes::changelogFile).sorted().forEach(files::add);
        } catch (IOException e) {
            MigrationScanner.problem(report, source.line(offset), source.column(offset),
                    "cannot list includeAll path " + path + ": " + MigrationScanner.describe(e));
            return;
        }
        for (Path file : files) {
            scanner.scanIncluded(file, report, chain);
        }
    }

    /** {@code sqlFile path=...}: its statements, reported in that file with its own lines. */
    void sqlFile(String path, boolean relative, int offset) {
        if (missing("sqlFile", "path", path, offset)) {
            return;
        }
        Path file = resolve(path.strip(), relative, false);
        if (file == null) {
            notFound("sqlFile " + path, offset);
            return;
        }
        try {
            SourceText included = new SourceText(MigrationScanner.read(file));
            FileReport inner = new FileReport(scanner.paths().display(file));
            scanner.scanSqlText(inner, included, false);
            report.absorb(inner);
        } catch (IOException e) {
            MigrationScanner.problem(report, source.line(offset), source.column(offset),
                    "cannot read sqlFile " + path + ": " + MigrationScanner.describe(e));
        }
    }

    private boolean missing(String change, String attribute, String path, int offset) {
        if (path != null && !path.isBlank()) {
            return false;
        }
        MigrationScanner.problem(report, source.line(offset), source.column(offset), change + " without a " + attribute);
        return true;
    }

    private void notFound(String what, int offset) {
        MigrationScanner.problem(report, source.line(offset), source.column(offset), what + " not found (looked "
                + "beside the changelog, under src/main/resources and in the working directory)");
    }

    private Path resolve(String path, boolean relativeToChangelog, boolean directory) {
        List<Path> candidates = new ArrayList<>();
        Path dir = changelog.toAbsolutePath().getParent();
        String classpath = path.startsWith("classpath:") ? path.substring("classpath:".length()) : path;
        String relative = classpath.startsWith("/") ? classpath.substring(1) : classpath;
        if (dir != null) {
            candidates.add(dir.resolve(relative));
        }
        if (!relativeToChangelog) {
            // a class-path path: find the resources root the changelog lives under
            for (Path d = dir; d != null; d = d.getParent()) {
                if (d.getFileName() != null && d.getFileName().toString().equals("resources")) {
                    candidates.add(d.resolve(relative));
                    break;
                }
            }
            candidates.add(scanner.paths().workingDirectory().resolve(relative));
            candidates.add(scanner.paths().workingDirectory().resolve("src/main/resources").resolve(relative));
        }
        for (Path candidate : candidates) {
            if (directory ? Files.isDirectory(candidate) : Files.isRegularFile(candidate)) {
                return candidate.normalize();
            }
        }
        return null;
    }

    private static boolean changelogFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return CHANGELOG_EXTENSIONS.stream().anyMatch(name::endsWith);
    }
}
