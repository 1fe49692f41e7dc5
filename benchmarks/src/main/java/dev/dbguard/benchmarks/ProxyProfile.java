package dev.dbguard.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the proxy's event-loop threads spend their CPU time under pgbench: Java Flight Recorder's execution samples
 * ({@code settings=profile method-profiling=max}), each sample put in one bucket by what its stack holds, and the
 * methods most often on top.
 * Samples are taken only while a thread runs Java code, so time blocked in {@code epoll_wait} is not in them.
 *
 * @param workload what pgbench ran meanwhile
 * @param samples  the event-loop samples
 * @param buckets  samples per bucket: the dbguard engine, the proxy's own handlers, Netty and the JDK beneath them
 * @param hottest  the methods most often on top of the stack, with their sample counts, most first
 */
record ProxyProfile(String workload, int samples, Map<String, Integer> buckets, Map<String, Integer> hottest) {

    static final String ENGINE = "dbguard engine (judging the statement: dev.dbguard.core on the stack)";
    static final String HANDLERS = "proxy handlers (framing, relay, session state: dev.dbguard.pgproxy, no engine)";
    static final String NETTY = "Netty and the JDK beneath it (socket reads and writes, buffers, event loop)";

    private static final String RECORDING = "dbguard-bench";

    /** Starts recording in the running proxy ({@code jcmd JFR.start}). */
    static void start(ProxyInstance proxy) throws IOException, InterruptedException {
        proxy.jcmd("JFR.start", "name=" + RECORDING, "settings=profile", "method-profiling=max");
    }

    /** Stops the recording {@link #start} began, into {@code recording}, and reads its event-loop samples. */
    static ProxyProfile stop(ProxyInstance proxy, Path recording, String workload)
            throws IOException, InterruptedException {
        proxy.jcmd("JFR.stop", "name=" + RECORDING, "filename=" + recording);
        List<String> print = List.of(Path.of(System.getProperty("java.home"), "bin", "jfr").toString(), "print",
                "--events", "jdk.ExecutionSample", "--stack-depth", "64", recording.toString());
        String events = ChildCommand.run(print, Map.of(), Duration.ofMinutes(2)).checked(print).stdout();
        Map<String, Integer> buckets = new LinkedHashMap<>();
        buckets.put(ENGINE, 0);
        buckets.put(HANDLERS, 0);
        buckets.put(NETTY, 0);
        Map<String, Integer> tops = new LinkedHashMap<>();
        int samples = 0;
        for (String event : events.split("jdk\\.ExecutionSample \\{")) {
            if (!event.contains("sampledThread = \"multiThreadIoEventLoopGroup")) {
                continue;
            }
            List<String> frames = frames(event);
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            String bucket = frames.stream().anyMatch(frame -> frame.startsWith("dev.dbguard.core")) ? ENGINE
                    : frames.stream().anyMatch(frame -> frame.startsWith("dev.dbguard.pgproxy")) ? HANDLERS : NETTY;
            buckets.merge(bucket, 1, Integer::sum);
            tops.merge(frames.get(0), 1, Integer::sum);
        }
        Map<String, Integer> hottest = new LinkedHashMap<>();
        tops.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(12)
                .forEach(entry -> hottest.put(entry.getKey(), entry.getValue()));
        return new ProxyProfile(workload, samples, buckets, hottest);
    }

    /** The frames of one printed event, innermost first, without line numbers and parameter lists. */
    private static List<String> frames(String event) {
        List<String> frames = new ArrayList<>();
        int start = event.indexOf("stackTrace = [");
        if (start < 0) {
            return frames;
        }
        for (String line : event.substring(start).lines().skip(1).toList()) {
            String frame = line.strip();
            if (frame.startsWith("]")) {
                break;
            }
            int parameters = frame.indexOf('(');
            frames.add(parameters < 0 ? frame : frame.substring(0, parameters));
        }
        return frames;
    }
}
