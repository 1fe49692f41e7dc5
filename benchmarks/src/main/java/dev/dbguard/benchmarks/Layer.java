package dev.dbguard.benchmarks;

import com.alibaba.druid.DbType;
import com.alibaba.druid.pool.DruidDataSource;
import com.alibaba.druid.wall.WallFilter;
import com.p6spy.engine.spy.P6DataSource;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.dbguard.DbGuard;
import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.StatementGuard;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * One way of reaching PostgreSQL that the end-to-end runs compare: the raw pool, dbguard in its two forms, the
 * other interception layers on top of the same pool, and Druid's own pool with and without its SQL firewall.
 * Every layer's pool is configured alike; {@link EndToEnd} chooses its size.
 */
enum Layer {

    RAW("HikariCP (raw)", "raw") {
        @Override
        Opened open(BenchDatabase database, int poolSize) {
            HikariDataSource pool = hikari(database.jdbcUrl(), database, poolSize, name());
            return new Opened(pool, pool, null);
        }
    },

    DBGUARD("HikariCP + dbguard (wrapped DataSource)", "dbguard") {
        @Override
        Opened open(BenchDatabase database, int poolSize) {
            HikariDataSource pool = hikari(database.jdbcUrl(), database, poolSize, name());
            StatementGuard guard = new StatementGuard(
                    GuardConfig.builder().environment("production", "benchmark").build());
            return new Opened(DbGuard.wrap(pool).name("bench").guard(guard).build(), pool, guard);
        }
    },

    /**
     * dbguard with its verdict cache off: run only on the inlined mix, where no statement repeats, to show what the
     * cache costs when it can never hit.
     */
    DBGUARD_NO_CACHE("HikariCP + dbguard, verdict cache off", "dbguard, no cache") {
        @Override
        Opened open(BenchDatabase database, int poolSize) {
            HikariDataSource pool = hikari(database.jdbcUrl(), database, poolSize, name());
            StatementGuard guard = new StatementGuard(
                    GuardConfig.builder().environment("production", "benchmark").cacheSize(0).build());
            return new Opened(DbGuard.wrap(pool).name("bench").guard(guard).build(), pool, guard);
        }
    },

    DBGUARD_URL("HikariCP + dbguard (jdbc:dbguard: URL)", "dbguard URL") {
        @Override
        Opened open(BenchDatabase database, int poolSize) {
            String url = "jdbc:dbguard:" + database.jdbcUrl().substring("jdbc:".length()) + "&dbguard.env=production";
            HikariDataSource pool = hikari(url, database, poolSize, name());
            return new Opened(pool, pool, null);
        }
    },

    DATASOURCE_PROXY("HikariCP + datasource-proxy (no-op listener)", "datasource-proxy") {
        @Override
        Opened open(BenchDatabase database, int poolSize) {
            HikariDataSource pool = hikari(database.jdbcUrl(), database, poolSize, name());
            DataSource proxy = ProxyDataSourceBuilder.create(pool).name("bench").listener(NO_OP).build();
            return new Opened(proxy, pool, null);
        }
    },

    P6SPY("HikariCP + p6spy (logging module off)", "p6spy") {
        @Override
        Opened open(BenchDatabase database, int poolSize) {
            HikariDataSource pool = hikari(database.jdbcUrl(), database, poolSize, name());
            return new Opened(new P6DataSource(pool), pool, null);
        }
    },

    DRUID("Druid pool", "Druid") {
        @Override
        Opened open(BenchDatabase database, int poolSize) throws SQLException {
            DruidDataSource pool = druid(database, poolSize, false);
            return new Opened(pool, pool::close, null);
        }
    },

    DRUID_WALL("Druid pool + WallFilter", "Druid + Wall") {
        @Override
        Opened open(BenchDatabase database, int poolSize) throws SQLException {
            DruidDataSource pool = druid(database, poolSize, true);
            return new Opened(pool, pool::close, null);
        }
    };

    /** datasource-proxy's cheapest useful configuration: a listener that does nothing. */
    private static final QueryExecutionListener NO_OP = new QueryExecutionListener() {
        @Override
        public void beforeQuery(ExecutionInfo execution, List<QueryInfo> queries) {
        }

        @Override
        public void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {
        }
    };

    static {
        // p6spy as a pass-through, like datasource-proxy with a no-op listener: without its logging module it
        // writes no spy.log. Read once, when p6spy first loads.
        System.setProperty("p6spy.config.modulelist", "com.p6spy.engine.spy.P6SpyFactory");
        System.setProperty("p6spy.config.jmx", "false");
    }

    private final String title;
    private final String shortName;

    Layer(String title, String shortName) {
        this.title = title;
        this.shortName = shortName;
    }

    /** The name in report tables. */
    String title() {
        return title;
    }

    /** The name in the chart's legend. */
    String shortName() {
        return shortName;
    }

    /** Opens a pool of {@code poolSize} connections to the benchmark schema, with this layer in front. */
    abstract Opened open(BenchDatabase database, int poolSize) throws SQLException;

    private static HikariDataSource hikari(String url, BenchDatabase database, int poolSize, String name) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(database.user());
        config.setPassword(database.password());
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(poolSize);
        config.setPoolName("bench-" + name.toLowerCase(java.util.Locale.ROOT));
        return new HikariDataSource(config);
    }

    private static DruidDataSource druid(BenchDatabase database, int poolSize, boolean wall) throws SQLException {
        DruidDataSource pool = new DruidDataSource();
        pool.setUrl(database.jdbcUrl());
        pool.setUsername(database.user());
        pool.setPassword(database.password());
        pool.setDbType(DbType.postgresql);
        pool.setInitialSize(poolSize);
        pool.setMinIdle(poolSize);
        pool.setMaxActive(poolSize);
        pool.setMaxWait(30_000);
        pool.setValidationQuery("SELECT 1");
        if (wall) {
            WallFilter filter = new WallFilter();
            filter.setDbType(DbType.postgresql);
            pool.setProxyFilters(List.of(filter));
        }
        pool.init();
        return pool;
    }

    /**
     * An open layer: the data source the workload uses, what to close when done, and dbguard's engine when the
     * layer built one (to show that it judged every statement).
     */
    record Opened(DataSource dataSource, AutoCloseable pool, StatementGuard guard) implements AutoCloseable {

        @Override
        public void close() throws Exception {
            pool.close();
        }
    }
}
