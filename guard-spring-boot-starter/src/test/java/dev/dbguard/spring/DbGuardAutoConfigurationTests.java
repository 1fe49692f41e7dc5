package dev.dbguard.spring;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import dev.dbguard.DbGuard;
import dev.dbguard.jdbc.GuardedDataSource;
import dev.dbguard.testsupport.TestDatabases;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.DataSourceUnwrapper;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.jdbc.support.SQLExceptionTranslator;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which data sources the starter guards, and when it stays out of the way. */
@ExtendWith(OutputCaptureExtension.class)
class DbGuardAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DbGuardAutoConfiguration.class,
                    DbGuardEndpointAutoConfiguration.class))
            .withPropertyValues("dbguard.env=production");

    @Test
    void guardsTheAutoConfiguredHikariPoolAndKeepsItReachableForBootsPoolMetrics() {
        runner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + TestDatabases.postgres().jdbcUrl())
                .run(context -> {
                    DataSource dataSource = context.getBean(DataSource.class);
                    assertThat(dataSource).isInstanceOfSatisfying(GuardedDataSource.class,
                            guarded -> assertThat(guarded.name()).isEqualTo("dataSource"));
                    assertThat(dataSource.isWrapperFor(HikariDataSource.class)).isTrue();
                    assertThat(dataSource.unwrap(HikariDataSource.class).getJdbcUrl())
                            .isEqualTo(TestDatabases.postgres().jdbcUrl());
                    // The exact lookup Spring Boot's Hikari metrics and JMX support make.
                    assertThat(DataSourceUnwrapper.unwrap(dataSource, HikariConfigMXBean.class,
                            HikariDataSource.class)).isInstanceOf(HikariDataSource.class);
                });
    }

    @Test
    void guardsAUserDefinedDataSourceUnderItsBeanName() {
        runner.withBean("reportingDataSource", DataSource.class, () -> TestDatabases.postgres().dataSource())
                .run(context -> assertThat(context.getBean("reportingDataSource"))
                        .isInstanceOfSatisfying(GuardedDataSource.class,
                                guarded -> assertThat(guarded.name()).isEqualTo("reportingDataSource")));
    }

    @Test
    void guardsEveryDataSourceEachUnderItsOwnName() {
        runner.withBean("orders", DataSource.class, () -> TestDatabases.postgres().dataSource())
                .withBean("billing", DataSource.class, () -> TestDatabases.postgres().dataSource())
                .run(context -> {
                    assertThat(guardedName(context.getBean("orders"))).isEqualTo("orders");
                    assertThat(guardedName(context.getBean("billing"))).isEqualTo("billing");
                    assertThat(context.getBean(GuardedDataSources.class).all())
                            .containsOnlyKeys("orders", "billing");
                });
    }

    @Test
    void leavesExcludedBeansUnguarded() {
        runner.withBean("orders", DataSource.class, () -> TestDatabases.postgres().dataSource())
                .withBean("replica", DataSource.class, () -> TestDatabases.postgres().dataSource())
                .withPropertyValues("dbguard.exclude-beans=replica")
                .run(context -> {
                    assertThat(DbGuard.isGuarded(context.getBean("orders", DataSource.class))).isTrue();
                    assertThat(DbGuard.isGuarded(context.getBean("replica", DataSource.class))).isFalse();
                });
    }

    @Test
    void guardingCanBeSwitchedOff() {
        runner.withBean("orders", DataSource.class, () -> TestDatabases.postgres().dataSource())
                .withPropertyValues("dbguard.enabled=false")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(GuardedDataSources.class);
                    assertThat(DbGuard.isGuarded(context.getBean("orders", DataSource.class))).isFalse();
                });
    }

    @Test
    void startsWithoutAnyDataSource() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(GuardedDataSources.class);
            assertThat(context.getBean(GuardedDataSources.class).all()).isEmpty();
        });
    }

    @Test
    void backsOffWithoutJdbcOnTheClassPath() {
        runner.withClassLoader(new FilteredClassLoader(DataSource.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(GuardedDataSources.class));
    }

    @Test
    void guardsAScopedProxyButNotItsScopedTargets() {
        runner.withUserConfiguration(ScopedDataSourceConfiguration.class).run(context -> {
            assertThat(guardedName(context.getBean("tenantDataSource"))).isEqualTo("tenantDataSource");
            assertThat(DbGuard.isGuarded(context.getBean("scopedTarget.tenantDataSource", DataSource.class)))
                    .isFalse();
            assertThat(context.getBean(GuardedDataSources.class).all()).containsOnlyKeys("tenantDataSource");
        });
    }

    @Test
    void neverGuardsADataSourceTwice() {
        runner.withUserConfiguration(AlreadyGuardedConfiguration.class).run(context -> {
            DataSource manual = context.getBean("manual", DataSource.class);
            assertThat(guardedName(manual)).isEqualTo("manually-guarded");
            assertThat(manual.unwrap(GuardedDataSource.class).target().environment().environment().name())
                    .isEqualTo("staging");
            assertThat(context.getBean("sameAgain")).isSameAs(manual);
            assertThat(context.getBean(GuardedDataSources.class).all()).isEmpty();
        });
    }

    @Test
    void exposesTheEndpointOnlyWhenAsked() {
        runner.withBean("orders", DataSource.class, () -> TestDatabases.postgres().dataSource()).run(context ->
                assertThat(context).doesNotHaveBean(DbGuardEndpoint.class));
        runner.withBean("orders", DataSource.class, () -> TestDatabases.postgres().dataSource())
                .withPropertyValues("management.endpoints.web.exposure.include=dbguard")
                .run(context -> assertThat(context).hasSingleBean(DbGuardEndpoint.class));
    }

    @Test
    void guardsWithoutActuator() {
        runner.withBean("orders", DataSource.class, () -> TestDatabases.postgres().dataSource())
                .withPropertyValues("management.endpoints.web.exposure.include=dbguard")
                .withClassLoader(new FilteredClassLoader(Endpoint.class))
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(DbGuardEndpoint.class);
                    assertThat(DbGuard.isGuarded(context.getBean("orders", DataSource.class))).isTrue();
                });
    }

    @Test
    void guardsWithoutMicrometer() {
        runner.withBean("orders", DataSource.class, () -> TestDatabases.postgres().dataSource())
                .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(DbGuardMetrics.class);
                    assertThat(DbGuard.isGuarded(context.getBean("orders", DataSource.class))).isTrue();
                });
    }

    @Test
    void countsStatementsWhenMicrometerIsPresent() {
        runner.run(context -> assertThat(context).hasSingleBean(DbGuardMetrics.class));
    }

    @Test
    void guardsWithoutSpringJdbcOnTheClassPath() {
        runner.withClassLoader(new FilteredClassLoader(SQLExceptionTranslator.class))
                .withBean("orders", DataSource.class, () -> TestDatabases.postgres().dataSource())
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(DbGuard.isGuarded(context.getBean("orders", DataSource.class))).isTrue();
                });
    }

    @Test
    void logsOneLinePerDataSourceWithEnvironmentSourceModeAndRules(CapturedOutput output) {
        runner.withBean("orders", DataSource.class, () -> TestDatabases.postgres().dataSource())
                .withBean("billing", DataSource.class, () -> TestDatabases.postgres().dataSource())
                .withPropertyValues("dbguard.rules.alter-drop.enabled=false")
                .run(context -> {
                    assertThat(output).contains("dbguard: guarding data source 'orders': environment production"
                            + " (from Spring property dbguard.env (");
                    assertThat(output.getOut().lines().filter(line -> line.contains("guarding data source")))
                            .hasSize(2)
                            .allSatisfy(line -> assertThat(line).endsWith(
                                    "mode block, rules [drop, truncate, unscoped-delete, unscoped-update, dynamic-sql, rename, alter-type]"));
                });
    }

    @Test
    void warnsAboutADataSourceCreatedBeforeItCouldBeGuarded(CapturedOutput output) {
        runner.withUserConfiguration(EagerDataSourceConfiguration.class).run(context -> {
            assertThat(DbGuard.isGuarded(context.getBean("early", DataSource.class))).isFalse();
            assertThat(output).contains("dbguard: data source bean 'early' is NOT guarded");
        });
    }

    private static String guardedName(Object bean) {
        assertThat(bean).isInstanceOf(GuardedDataSource.class);
        return ((GuardedDataSource) bean).name();
    }

    @Configuration(proxyBeanMethods = false)
    static class ScopedDataSourceConfiguration {

        @Bean
        @Scope(scopeName = "prototype", proxyMode = ScopedProxyMode.INTERFACES)
        DataSource tenantDataSource() {
            return TestDatabases.postgres().dataSource();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class AlreadyGuardedConfiguration {

        @Bean
        DataSource manual() {
            return DbGuard.wrap(TestDatabases.postgres().dataSource()).name("manually-guarded")
                    .environment("staging").build();
        }

        @Bean
        DataSource sameAgain(DataSource manual) {
            return manual;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class EagerDataSourceConfiguration {

        @Bean
        DataSource early() {
            return TestDatabases.postgres().dataSource();
        }

        // A post-processor that needs a data source makes it exist before dbguard's post-processor does.
        @Bean
        static BeanPostProcessor needsTheDataSource(DataSource early) {
            return new BeanPostProcessor() {
            };
        }
    }
}
