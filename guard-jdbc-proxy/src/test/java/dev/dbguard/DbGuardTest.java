package dev.dbguard;

import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.GuardOverride;
import dev.dbguard.core.Mode;
import dev.dbguard.core.StatementGuard;
import dev.dbguard.jdbc.GuardedDataSource;
import dev.dbguard.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The fluent entry point; building never connects, so the data source only has to exist. */
class DbGuardTest {

    private final DataSource pool = TestDatabases.postgres().dataSource();

    @ParameterizedTest(name = "config {0}, environment({1}) -> {2} in mode {3}")
    @CsvSource({
        "production, ,           production, BLOCK",
        "staging,    ,           staging,    AUDIT",
        "staging,    production, production, BLOCK",
        "production, dev,        development, OFF"})
    void theEnvironmentShortcutWinsOverTheConfiguration(String configured, String shortcut, String environment,
                                                        Mode mode) {
        DbGuard.Builder builder = DbGuard.wrap(pool).config(GuardConfig.builder().environment(configured).build());
        if (shortcut != null) {
            builder.environment(shortcut);
        }

        GuardedDataSource guarded = (GuardedDataSource) builder.build();

        assertThat(guarded.target().environment().environment().name()).isEqualTo(environment);
        assertThat(guarded.target().mode()).isEqualTo(mode);
    }

    @Test
    void theNameDefaultsToDataSource() {
        GuardedDataSource guarded = (GuardedDataSource) DbGuard.wrap(pool).environment("production").build();

        assertThat(guarded.name()).isEqualTo("dataSource");
        assertThat(guarded.target().dataSourceName()).isEqualTo("dataSource");
    }

    @Test
    void dataSourcesCanShareOneEngine() {
        StatementGuard engine = new StatementGuard(GuardConfig.builder().environment("production").build());

        GuardedDataSource orders = (GuardedDataSource) DbGuard.wrap(pool).name("orders").guard(engine).build();
        GuardedDataSource billing = (GuardedDataSource) DbGuard.wrap(pool).name("billing").guard(engine).build();

        assertThat(orders.statementGuard()).isSameAs(engine).isSameAs(billing.statementGuard());
        assertThat(orders.target().dataSourceName()).isEqualTo("orders");
    }

    @Test
    void aSharedEngineExcludesAConfigurationOfItsOwn() {
        StatementGuard engine = new StatementGuard(GuardConfig.builder().environment("production").build());

        assertThatIllegalStateException()
                .isThrownBy(() -> DbGuard.wrap(pool).guard(engine).environment("staging").build())
                .withMessageContaining("either guard(...) or config(...)/environment(...)");
    }

    @Test
    void aGuardedDataSourceIsNotGuardedTwice() {
        DataSource guarded = DbGuard.wrap(pool).environment("production").build();

        assertThat(DbGuard.isGuarded(guarded)).isTrue();
        assertThat(DbGuard.isGuarded(pool)).isFalse();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DbGuard.wrap(guarded).build())
                .withMessageContaining("already guarded");
    }

    @Test
    void overridesAreGuardCoreOverrides() {
        try (GuardOverride override = DbGuard.override("JIRA-1234: purge scratch rows", "truncate", "drop")) {
            assertThat(override.ruleIds()).containsExactlyInAnyOrder("truncate", "drop");
            assertThat(override.reason()).isEqualTo("JIRA-1234: purge scratch rows");
        }
    }
}
