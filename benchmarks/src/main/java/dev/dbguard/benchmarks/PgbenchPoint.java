package dev.dbguard.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * One point of the pg-proxy benchmark: a pgbench script, a query mode and a number of clients.
 *
 * @param selectOnly {@code -S} (one primary-key SELECT per transaction) instead of the default TPC-B-like script
 * @param mode       {@code simple} or {@code prepared} ({@code -M})
 * @param clients    {@code -c}
 */
record PgbenchPoint(boolean selectOnly, String mode, int clients) {

    /** The points of a full run, in the order they are measured. */
    static List<PgbenchPoint> all() {
        List<PgbenchPoint> points = new ArrayList<>();
        for (boolean selectOnly : List.of(true, false)) {
            for (String mode : List.of("simple", "prepared")) {
                for (int clients : List.of(1, 8, 32)) {
                    points.add(new PgbenchPoint(selectOnly, mode, clients));
                }
            }
        }
        return points;
    }

    /** pgbench's arguments for this point, threads as many as cores allow. */
    List<String> arguments(int threads) {
        List<String> arguments = new ArrayList<>(List.of("-n", "-M", mode, "-c", String.valueOf(clients),
                "-j", String.valueOf(Math.max(1, Math.min(clients, threads)))));
        if (selectOnly) {
            arguments.add("-S");
        }
        return arguments;
    }

    /** {@code -S simple, 8 clients}. */
    String label() {
        return (selectOnly ? "-S" : "TPC-B") + " " + mode + ", " + clients + (clients == 1 ? " client" : " clients");
    }
}
