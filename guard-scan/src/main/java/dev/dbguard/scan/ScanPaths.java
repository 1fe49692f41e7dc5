package dev.dbguard.scan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Which files a scan reads: the paths given (files as they are, directories walked for {@code .sql} files and
 * Liquibase XML changelogs, in sorted order), or the usual migration locations under the working directory; and,
 * with {@code --changed-since}, only those git lists as added or modified since a ref.
 */
final class ScanPaths {

    /** Where migrations usually live, relative to the project directory. */
    static final List<String> DEFAULT_LOCATIONS = List.of("src/main/resources/db/migration", "db/migration",
            "prisma/migrations", "src/main/resources/db/changelog", "migrations");

    private static final long GIT_TIMEOUT_SECONDS = 60;

    private final Path workingDirectory;

    ScanPaths(Path workingDirectory) {
        this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
    }

    Path workingDirectory() {
        return workingDirectory;
    }

    /** How a file is named in reports: relative to the working directory when under it, with {@code /}. */
    String display(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path shown = absolute.startsWith(workingDirectory) ? workingDirectory.relativize(absolute) : absolute;
        return shown.toString().replace('\\', '/');
    }

    /**
     * The files to scan, in a stable order, without duplicates.
     *
     * @throws UsageException when a given path does not exist
     */
    List<Path> files(List<String> given) throws UsageException {
        Set<Path> files = new LinkedHashSet<>();
        if (given.isEmpty()) {
            for (String location : DEFAULT_LOCATIONS) {
                Path dir = workingDirectory.resolve(location);
                if (Files.isDirectory(dir)) {
                    walk(dir, files);
                }
            }
            return new ArrayList<>(files);
        }
        for (String path : given) {
            Path p = workingDirectory.resolve(path).normalize();
            if (Files.isDirectory(p)) {
                walk(p, files);
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new UsageException("no such file or directory: " + path);
            }
        }
        return new ArrayList<>(files);
    }

    /**
     * The files of {@link #files} that git lists as added or modified between {@code ref} and HEAD ({@code git diff
     * --name-only --diff-filter=AM ref...}), found from git's list rather than by walking the directories, so that a
     * repository of ten thousand migrations costs what its changed files cost.
     *
     * @throws UsageException when a given path does not exist, or git fails (not a repository, unknown ref) or is not
     *                        installed
     */
    List<Path> changedSince(String ref, List<String> given) throws UsageException {
        if (ref.startsWith("-")) {
            throw new UsageException("--changed-since needs a git ref, not an option: " + ref);
        }
        List<Path> directories = new ArrayList<>();
        Set<Path> givenFiles = new HashSet<>();
        if (given.isEmpty()) {
            for (String location : DEFAULT_LOCATIONS) {
                Path dir = workingDirectory.resolve(location);
                if (Files.isDirectory(dir)) {
                    directories.add(dir);
                }
            }
        }
        for (String path : given) {
            Path p = workingDirectory.resolve(path).normalize();
            if (Files.isDirectory(p)) {
                directories.add(p);
            } else if (Files.isRegularFile(p)) {
                givenFiles.add(p);
            } else {
                throw new UsageException("no such file or directory: " + path);
            }
        }
        Path root = real(Path.of(git(List.of("git", "rev-parse", "--show-toplevel")).strip()));
        // git names files from the repository's real root: seen from the working directory as the other paths are
        Path realWorkingDirectory = real(workingDirectory);
        Set<Path> kept = new TreeSet<>();
        for (String line : git(List.of("git", "diff", "--name-only", "--diff-filter=AM", ref + "...")).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            Path changed = root.resolve(line.strip()).normalize();
            Path file = changed.startsWith(realWorkingDirectory)
                    ? workingDirectory.resolve(realWorkingDirectory.relativize(changed)) : changed;
            if (givenFiles.contains(file) || Files.isRegularFile(file) && scannable(file)
                    && directories.stream().anyMatch(file::startsWith)) {
                kept.add(file);
            }
        }
        return new ArrayList<>(kept);
    }

    private String git(List<String> command) throws UsageException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File(nullDevice())));
        Path errors = null;
        try {
            errors = Files.createTempFile("dbguard-scan-git", ".err");
            builder.redirectError(errors.toFile());
            Process process = builder.start();
            byte[] out;
            try (InputStream in = process.getInputStream()) {
                out = in.readAllBytes();
            }
            if (!process.waitFor(GIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new UsageException(String.join(" ", command) + " did not finish in " + GIT_TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                String why = Files.readString(errors).strip();
                throw new UsageException("--changed-since: " + String.join(" ", command) + " failed"
                        + (why.isEmpty() ? "" : ": " + why.lines().findFirst().orElse("")));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("--changed-since needs git on the PATH: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UsageException("interrupted while running git");
        } finally {
            if (errors != null) {
                try {
                    Files.deleteIfExists(errors);
                } catch (IOException ignored) {
                    // a temporary file left behind
                }
            }
        }
    }

    private static String nullDevice() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows") ? "NUL" : "/dev/null";
    }

    private static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    private static void walk(Path dir, Set<Path> files) throws UsageException {
        try (Stream<Path> stream = Files.walk(dir)) {
            stream.filter(Files::isRegularFile).filter(ScanPaths::scannable).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UsageException("cannot list " + dir + ": " + e.getMessage());
        }
    }

    /** {@code .sql} files, and XML, YAML and JSON files that are Liquibase changelogs. */
    private static boolean scannable(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".sql")) {
            return true;
        }
        if (!name.endsWith(".xml") && !name.endsWith(".yaml") && !name.endsWith(".yml") && !name.endsWith(".json")) {
            return false;
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.contains("databaseChangeLog");
        } catch (IOException e) {
            return true; // reported as unreadable by the scan, not silently skipped
        }
    }
}
