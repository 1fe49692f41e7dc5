package dev.dbguard.testsupport;

import org.testcontainers.DockerClientFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks Testcontainers whether a Docker engine answers, but only after a cheap look for signs of one: Testcontainers
 * logs a multi-line ERROR when it finds none, which would greet every newcomer without Docker on each test run.
 */
final class DockerProbe {

    private DockerProbe() {
    }

    static boolean dockerAnswers() {
        if (!dockerLikelyPresent()) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static boolean dockerLikelyPresent() {
        if (System.getenv("DOCKER_HOST") != null || System.getProperty("os.name", "").startsWith("Windows")) {
            return true;
        }
        String home = System.getProperty("user.home", "");
        if (Files.isRegularFile(Path.of(home, ".testcontainers.properties"))) {
            return true;
        }
        List<Path> sockets = new ArrayList<>(List.of(
                Path.of("/var/run/docker.sock"),
                Path.of(home, ".docker", "run", "docker.sock"),
                Path.of(home, ".docker", "desktop", "docker.sock"),
                Path.of(home, ".colima", "default", "docker.sock"),
                Path.of(home, ".rd", "docker.sock")));
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        if (runtimeDir != null) {
            sockets.add(Path.of(runtimeDir, "docker.sock"));
            sockets.add(Path.of(runtimeDir, "podman", "podman.sock"));
        }
        return sockets.stream().anyMatch(Files::exists);
    }
}
