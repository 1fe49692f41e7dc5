package dev.dbguard.spring;

import dev.dbguard.DbGuard;
import dev.dbguard.testsupport.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dbguard.enabled} is read by guard-core's one switch parser: every spelling the core accepts for "on" keeps
 * the guard on (Boot's {@code havingValue = "true"} took {@code on} and {@code yes} for "off", failing open), and a
 * value that is no switch stops the start naming the key.
 */
class EnabledSwitchTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DbGuardAutoConfiguration.class))
            .withBean("orders", DataSource.class, () -> TestDatabases.postgres().dataSource())
            .withPropertyValues("dbguard.env=production");

    @ParameterizedTest
    @ValueSource(strings = {"true", "TRUE", "True", "yes", "YES", "on", "On", " on "})
    void everySpellingOfOnGuards(String value) {
        runner.withPropertyValues("dbguard.enabled=" + value).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(GuardedDataSources.class);
            assertThat(DbGuard.isGuarded(context.getBean("orders", DataSource.class))).isTrue();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "FALSE", "no", "No", "off", "OFF"})
    void everySpellingOfOffSwitchesTheGuardOff(String value) {
        runner.withPropertyValues("dbguard.enabled=" + value).run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(GuardedDataSources.class);
            assertThat(DbGuard.isGuarded(context.getBean("orders", DataSource.class))).isFalse();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"maybe", "1", "0", "enabled", "tru"})
    void anythingElseStopsTheStartNamingTheKey(String value) {
        runner.withPropertyValues("dbguard.enabled=" + value).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("expected true or false");
            assertThat(context.getStartupFailure()).hasStackTraceContaining("dbguard.enabled=" + value);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"on", "yes"})
    void theSpellingsOfOnAlsoGuardThroughTheCore(String value) {
        // the same spellings through guard-core's own reading of the key (JDBC URL parameters, system properties)
        assertThat(dev.dbguard.core.GuardConfig.builder().properties(java.util.Map.of("dbguard.enabled", value),
                "test").build().enabled()).isTrue();
    }
}
