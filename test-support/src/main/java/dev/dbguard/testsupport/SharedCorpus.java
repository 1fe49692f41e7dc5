package dev.dbguard.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The corpus of real SQL written by others ({@code shared/corpus/<name>} in a directory above the project, never
 * copied into it), when it is there: a fresh clone runs without it.
 */
public final class SharedCorpus {

    private SharedCorpus() {
    }

    /** {@code shared/corpus/<name>}, found by walking up from Maven's project directory and the working directory. */
    public static Optional<Path> find(String name) {
        return ProjectFiles.above(Path.of("shared", "corpus", name)).filter(Files::isDirectory);
    }
}
