package dev.dbguard.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Files of the project (its README, a module's sources) or beside it, found from wherever a test runs. */
public final class ProjectFiles {

    private ProjectFiles() {
    }

    /**
     * The first existing {@code relative} path in Maven's project directory, the working directory or a directory
     * above either.
     */
    public static Optional<Path> above(Path relative) {
        for (String start : new String[] {System.getProperty("maven.multiModuleProjectDirectory"),
                System.getProperty("user.dir"), ""}) {
            if (start == null) {
                continue;
            }
            for (Path dir = Path.of(start).toAbsolutePath(); dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve(relative);
                if (Files.exists(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** A file of the project, e.g. {@code README.md} or {@code guard-core/src/main/java/...}; fails if absent. */
    public static Path require(String relative) {
        return above(Path.of(relative)).orElseThrow(() -> new IllegalStateException(
                relative + " not found above " + System.getProperty("user.dir")));
    }
}
