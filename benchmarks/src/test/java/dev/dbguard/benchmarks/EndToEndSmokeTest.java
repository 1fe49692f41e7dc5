package dev.dbguard.benchmarks;

import dev.dbguard.core.BlockedStatementException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One short run of the end-to-end mix through every layer against the test PostgreSQL: the wiring works, the mix
 * passes dbguard in production, and the dbguard layers really guard. No timing is asserted.
 */
class EndToEndSmokeTest {

    // Long enough for the first transaction through a freshly opened pool on a busy 2-core machine; nothing is timed.
    private static final Duration WARM_UP = Duration.ofMillis(500);
    private static final Duration MEASURE = Duration.ofSeconds(1);

    private static BenchDatabase database;

    @BeforeAll
    static void createSchema() throws Exception {
        database = BenchDatabase.create();
    }

    @AfterAll
    static void dropSchema() throws Exception {
        if (database != null) {
            database.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Layer.class)
    void everyLayerRunsThePreparedMix(Layer layer) throws Exception {
        try (Layer.Opened opened = layer.open(database, 2)) {
            RunFigures figures = ThroughputRun.run(opened.dataSource(), Mix.PREPARED, 2, WARM_UP, MEASURE);

            assertThat(figures.transactions()).isPositive();
            assertThat(figures.p99Micros()).isGreaterThanOrEqualTo(figures.p50Micros());
            if (opened.guard() != null) {
                assertThat(opened.guard().statistics().count(dev.dbguard.core.Decision.ALLOW)).isPositive();
            }
        }
        assertThat(database.rowCount()).isEqualTo(BenchDatabase.ROWS);
    }

    @ParameterizedTest
    @EnumSource(value = Layer.class, names = {"RAW", "DBGUARD", "DRUID_WALL"})
    void inlinedMixPassesTheGuards(Layer layer) throws Exception {
        try (Layer.Opened opened = layer.open(database, 1)) {
            RunFigures figures = ThroughputRun.run(opened.dataSource(), Mix.INLINED, 1, WARM_UP, MEASURE);

            assertThat(figures.transactions()).isPositive();
        }
        assertThat(database.rowCount()).isEqualTo(BenchDatabase.ROWS);
    }

    @ParameterizedTest
    @EnumSource(value = Layer.class, names = {"DBGUARD", "DBGUARD_URL"})
    void dbguardLayersRefuseADestructiveStatement(Layer layer) throws Exception {
        try (Layer.Opened opened = layer.open(database, 1);
             Connection connection = opened.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM bench_accounts"))
                    .isInstanceOf(BlockedStatementException.class);
        }
        assertThat(database.rowCount()).isEqualTo(BenchDatabase.ROWS);
    }
}
