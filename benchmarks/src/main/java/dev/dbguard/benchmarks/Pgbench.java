package dev.dbguard.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** pgbench, the PostgreSQL client package's own benchmark, run as a process against a {@link PgbenchTarget}. */
final class Pgbench {

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

    private final String executable;
    private final Path logs;

    /** @param logs a directory for the per-transaction logs, emptied after each run */
    Pgbench(String executable, Path logs) {
        this.executable = executable;
        this.logs = logs;
    }

    /** {@code pgbench -i -q -s scale}: creates and fills the tables (its DROP TABLE goes to PostgreSQL directly). */
    void initialise(PgbenchTarget direct, int scale) throws IOException, InterruptedException {
        List<String> command = List.of(executable, "-i", "-q", "-s", String.valueOf(scale));
        ChildCommand.run(command, direct.libpqEnvironment(), Duration.ofMinutes(10)).checked(command);
    }

    /** Runs {@code point} for {@code seconds} against {@code target}, logging every transaction's latency. */
    PgbenchResult run(PgbenchTarget target, PgbenchPoint point, int seconds, int threads)
            throws IOException, InterruptedException {
        clearLogs();
        List<String> command = new ArrayList<>(List.of(executable));
        command.addAll(point.arguments(threads));
        command.addAll(List.of("-T", String.valueOf(seconds), "--log", "--log-prefix=" + logs.resolve("tx")));
        ChildCommand.Output output = ChildCommand.run(command, target.libpqEnvironment(),
                Duration.ofSeconds(seconds + 120)).checked(command);
        Matcher tps = TPS.matcher(output.stdout());
        if (!tps.find()) {
            throw new IllegalStateException("pgbench printed no tps line: " + output.stdout());
        }
        if (output.stdout().contains("number of failed transactions: ") && !output.stdout().contains(
                "number of failed transactions: 0 ")) {
            throw new IllegalStateException("pgbench had failed transactions against " + target.name() + ": "
                    + output.stdout());
        }
        return PgbenchResult.of(Double.parseDouble(tps.group(1)), latencies());
    }

    /** The third field of every line of the per-transaction logs: the transaction's latency in microseconds. */
    private long[] latencies() throws IOException {
        List<long[]> parts = new ArrayList<>();
        int total = 0;
        try (Stream<Path> files = Files.list(logs)) {
            for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
                long[] values;
                try (Stream<String> lines = Files.lines(file)) {
                    values = lines.mapToLong(line -> Long.parseLong(line.split(" ", 4)[2])).toArray();
                }
                parts.add(values);
                total += values.length;
            }
        }
        long[] all = new long[total];
        int at = 0;
        for (long[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    private void clearLogs() throws IOException {
        try (Stream<Path> files = Files.list(logs)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
    }
}
