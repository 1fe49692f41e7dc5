package dev.dbguard.benchmarks;

import dev.dbguard.core.Decision;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The end-to-end comparison. For each mix and thread count, every layer's pool is opened once; then come many short
 * rounds in which every layer runs the mix once, in a different order each round (shuffled with a fixed seed, so
 * reruns use the same orders). Short interleaved slices pair each layer with raw HikariCP under the same machine
 * conditions, which on a shared machine matters more than long runs. The table is vacuumed before each round so
 * that dead rows do not pile up.
 */
final class EndToEnd {

    /** The layers compared on the prepared mix. */
    static final List<Layer> PREPARED_LAYERS = List.of(Layer.RAW, Layer.DBGUARD, Layer.DBGUARD_URL,
            Layer.DATASOURCE_PROXY, Layer.P6SPY, Layer.DRUID, Layer.DRUID_WALL);
    /** On the inlined mix, only the layers with a cache to defeat, dbguard without its cache, and the raw pools. */
    static final List<Layer> INLINED_LAYERS = List.of(Layer.RAW, Layer.DBGUARD, Layer.DBGUARD_NO_CACHE, Layer.DRUID,
            Layer.DRUID_WALL);
    /**
     * The most connections one pool holds: all pools stay open together, and seven pools of 16 would pass
     * PostgreSQL's default limit of 100 connections. Sixteen threads then share eight connections, as they would
     * in an application whose pool is sized for a 2-core server.
     */
    static final int MAX_POOL_SIZE = 8;

    private final SuiteSettings settings;
    private final BenchDatabase database;
    private final Consumer<String> progress;

    EndToEnd(SuiteSettings settings, BenchDatabase database, Consumer<String> progress) {
        this.settings = settings;
        this.database = database;
        this.progress = progress;
    }

    EndToEndResults run() throws Exception {
        EndToEndResults results = new EndToEndResults();
        run(Mix.PREPARED, PREPARED_LAYERS, results);
        run(Mix.INLINED, INLINED_LAYERS, results);
        return results;
    }

    static int poolSize(int threads) {
        return Math.min(threads, MAX_POOL_SIZE);
    }

    private void run(Mix mix, List<Layer> layers, EndToEndResults results) throws Exception {
        Random random = new Random(20_26_11_23L);
        String name = mix.name().toLowerCase(Locale.ROOT);
        for (int threads : settings.threadCounts()) {
            Map<Layer, Layer.Opened> opened = new EnumMap<>(Layer.class);
            try {
                for (Layer layer : layers) {
                    opened.put(layer, layer.open(database, poolSize(threads)));
                }
                // Unrecorded: fills the pools, loads classes and compiles before the first measured round.
                for (Layer layer : layers) {
                    ThroughputRun.run(opened.get(layer).dataSource(), mix, threads, settings.runWarmup(),
                            settings.runMeasure().multipliedBy(2));
                }
                for (int round = 0; round < settings.rounds(); round++) {
                    database.vacuum();
                    StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                            "  %-8s %2d threads  round %2d/%d  tx/s:", name, threads, round + 1, settings.rounds()));
                    for (Layer layer : shuffled(layers, random)) {
                        RunFigures figures = ThroughputRun.run(opened.get(layer).dataSource(), mix, threads,
                                settings.runWarmup(), settings.runMeasure());
                        results.add(mix, threads, layer, figures);
                        line.append(String.format(Locale.ROOT, " %s %.0f", layer.shortName(),
                                figures.transactionsPerSecond()));
                    }
                    progress.accept(line.toString());
                }
                countGuarded(opened.get(Layer.DBGUARD), results);
            } finally {
                for (Layer.Opened open : opened.values()) {
                    open.close();
                }
            }
        }
    }

    private static void countGuarded(Layer.Opened opened, EndToEndResults results) throws SQLException {
        if (opened == null || opened.guard() == null) {
            return;
        }
        long refused = opened.guard().statistics().count(Decision.BLOCK);
        if (refused > 0) {
            throw new SQLException("dbguard refused " + refused + " statements of the mix: the mix must hold no"
                    + " destructive statement");
        }
        results.countGuarded(opened.guard().statistics().count(Decision.ALLOW)
                + opened.guard().statistics().count(Decision.AUDIT), refused);
    }

    static <T> List<T> shuffled(List<T> items, Random random) {
        List<T> shuffled = new ArrayList<>(items);
        Collections.shuffle(shuffled, random);
        return shuffled;
    }
}
