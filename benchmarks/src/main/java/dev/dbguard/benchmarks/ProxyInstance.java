package dev.dbguard.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dbguard-pg-proxy as a user runs it ({@code java -jar dbguard-pg-proxy.jar ... --env production}, mode block), in a
 * JVM of its own so that its heap can be measured alone.
 */
final class ProxyInstance extends ServerProcess {

    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");

    private ProxyInstance(List<String> command, int port, Path log) throws IOException, InterruptedException {
        super(command, port, log);
    }

    /** Starts the jar in front of {@code upstreamHost:upstreamPort} as route {@code route}. */
    static ProxyInstance start(Path jar, String route, String upstreamHost, int upstreamPort, Path log)
            throws IOException, InterruptedException {
        int port = freePort();
        return new ProxyInstance(List.of(javaExecutable(), "-jar", jar.toString(), "--listen", "127.0.0.1:" + port,
                "--upstream", upstreamHost + ":" + upstreamPort, "--env", "production", "--route", route), port, log);
    }

    /** Runs {@code jcmd} on this JVM with these arguments, for its output. */
    String jcmd(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd")
                .toString(), String.valueOf(pid())));
        command.addAll(List.of(arguments));
        return ChildCommand.run(command, Map.of(), Duration.ofMinutes(1)).checked(command).stdout();
    }

    /** The heap in use after a full collection, in KiB ({@code jcmd GC.run}, then {@code GC.heap_info}). */
    long heapUsedAfterGcKib() throws IOException, InterruptedException {
        jcmd("GC.run");
        jcmd("GC.run");
        String heap = jcmd("GC.heap_info");
        Matcher used = HEAP_USED.matcher(heap);
        if (!used.find()) {
            throw new IllegalStateException("no heap figure in jcmd GC.heap_info: " + heap);
        }
        return Long.parseLong(used.group(1));
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
