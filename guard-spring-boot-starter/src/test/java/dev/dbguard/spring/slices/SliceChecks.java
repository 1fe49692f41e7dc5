package dev.dbguard.spring.slices;

import dev.dbguard.DbGuard;
import dev.dbguard.core.BlockedStatementException;
import dev.dbguard.spring.CustomerSchema;
import org.springframework.dao.PermissionDeniedDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every slice test checks, through the slice's own (guarded) data source and transaction. */
final class SliceChecks {

    private SliceChecks() {
    }

    /** In production the slice's TRUNCATE is refused and the rows are still there. */
    static void truncateIsRefused(DataSource dataSource, CustomerSchema schema) throws Exception {
        assertThat(DbGuard.isGuarded(dataSource)).as("the slice's data source is guarded").isTrue();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        assertThatThrownBy(() -> jdbc.execute("TRUNCATE customers"))
                .isInstanceOf(PermissionDeniedDataAccessException.class)
                .hasRootCauseInstanceOf(BlockedStatementException.class)
                .hasMessageContaining("dbguard: refused TRUNCATE customers (rule truncate)")
                .hasMessageContaining("in production");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM customers", Integer.class)).isEqualTo(CustomerSchema.ROWS);
        assertThat(schema.count("customers")).isEqualTo(CustomerSchema.ROWS);
    }

    /** In test or development the TRUNCATE runs (inside the slice's transaction, which is rolled back). */
    static void truncateRuns(DataSource dataSource) {
        assertThat(DbGuard.isGuarded(dataSource)).as("the slice's data source is guarded").isTrue();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("TRUNCATE customers");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM customers", Integer.class)).isZero();
    }
}
