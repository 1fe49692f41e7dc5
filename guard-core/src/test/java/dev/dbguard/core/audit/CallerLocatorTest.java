package dev.dbguard.core.audit;

import dev.dbguard.core.audit.CallerLocator;
import com.example.app.TaskAdmin;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.FutureTask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallerLocatorTest {

    private static final Path TASK_ADMIN = Path.of("src/test/java/com/example/app/TaskAdmin.java");
    private static final Path ORDER_DAO = Path.of("src/test/java/com/example/app/dao/OrderDao.java");

    @ParameterizedTest(name = "{0} -> application: {1}")
    @CsvSource({
            "com.acme.TaskAdmin,                                              true",
            "com.example.app.TaskAdmin$Inner,                                 true",
            "dev.dbguard.samples.QuickStart,                                  true",
            "dev.dbguard.jdbc.GuardedStatementTest,                           true",
            "dev.dbguard.jdbc.GuardedStatementTest$WhenClosed,                true",
            "dev.dbguard.spring.AutoConfigurationTests,                       true",
            "dev.dbguard.jdbc.PostgresGuardIT,                                true",
            "dev.dbguard.core.StatementGuard,                                 false",
            "dev.dbguard.jdbc.GuardedStatement,                               false",
            "dev.dbguard.core.audit.TestableThing,                            false",
            "java.lang.Thread,                                                false",
            "javax.sql.DataSource,                                            false",
            "jakarta.persistence.EntityManager,                               false",
            "jdk.internal.reflect.DirectMethodHandleAccessor,                 false",
            "jdk.proxy2.$Proxy12,                                             false",
            "sun.reflect.GeneratedMethodAccessor7,                            false",
            "com.sun.proxy.$Proxy3,                                           false",
            "org.postgresql.jdbc.PgStatement,                                 false",
            "org.mariadb.jdbc.Statement,                                      false",
            "com.mysql.cj.jdbc.StatementImpl,                                 false",
            "oracle.jdbc.driver.OracleStatement,                              false",
            "com.microsoft.sqlserver.jdbc.SQLServerStatement,                 false",
            "org.h2.jdbc.JdbcStatement,                                       false",
            "com.zaxxer.hikari.pool.ProxyStatement,                           false",
            "org.apache.commons.dbcp2.DelegatingStatement,                    false",
            "org.apache.tomcat.jdbc.pool.StatementFacade,                     false",
            "com.mchange.v2.c3p0.impl.NewProxyStatement,                      false",
            "com.alibaba.druid.pool.DruidPooledStatement,                     false",
            "org.springframework.jdbc.core.JdbcTemplate,                      false",
            "org.hibernate.engine.jdbc.internal.ResultSetReturnImpl,          false",
            "org.flywaydb.core.internal.jdbc.JdbcTemplate,                    false",
            "liquibase.executor.jvm.JdbcExecutor,                             false",
            "org.jooq.impl.AbstractQuery,                                     false",
            "org.apache.ibatis.executor.SimpleExecutor,                       false",
            "org.mybatis.spring.SqlSessionTemplate,                           false",
            "net.ttddyy.dsproxy.proxy.StatementProxyLogic,                    false",
            "com.acme.OrderService$$SpringCGLIB$$0,                           false",
            "com.acme.Order$HibernateProxy$$abc,                              false",
            "com.acme.Repo$Proxy,                                             false",
            "org.junit.platform.commons.util.ReflectionUtils,                 false",
            "org.apache.maven.surefire.booter.ForkedBooter,                   false",
            "com.intellij.rt.junit.JUnitStarter,                              false",
    })
    void classifiesFrames(String className, boolean application) {
        assertThat(new CallerLocator(List.of()).isApplication(className)).isEqualTo(application);
    }

    @ParameterizedTest
    @CsvSource({
            "org.junit.jupiter.engine.Foo,                true",
            "junit.framework.TestCase,                    true",
            "org.testng.TestRunner,                       true",
            "org.apache.maven.surefire.booter.Foo,        true",
            "org.gradle.api.internal.tasks.testing.Foo,   true",
            "com.acme.JunitLike,                          false",
    })
    void recognisesTestRunners(String className, boolean testRunner) {
        assertThat(CallerLocator.isTestRunner(className)).isEqualTo(testRunner);
    }

    @Test
    void findsTheApplicationFrameBehindTheGuard() throws IOException {
        assertThat(new TaskAdmin().purge()).isEqualTo(taskAdminFrame("purge", "direct"));
    }

    @Test
    void looksPastAJdkProxy() throws IOException {
        assertThat(new TaskAdmin().purgeThroughProxy()).isEqualTo(taskAdminFrame("purgeThroughProxy", "proxy"));
    }

    @Test
    void looksPastJdkFrames() throws IOException {
        assertThat(new TaskAdmin().purgeThroughJdk()).isEqualTo(taskAdminFrame("purgeThroughJdk", "jdk"));
    }

    @Test
    void looksPastReflection() throws Exception {
        assertThat(new TaskAdmin().purgeReflectively()).isEqualTo(taskAdminFrame("purgeReflectively", "reflection"));
    }

    @Test
    void extraPrefixesLookPastTheApplicationsOwnDataLayer() throws IOException {
        TaskAdmin admin = new TaskAdmin();

        assertThat(admin.purgeThroughDao(new CallerLocator(List.of())))
                .isEqualTo("com.example.app.dao.OrderDao.deleteAll(OrderDao.java:" + lineOf(ORDER_DAO, "dao-delete") + ")");
        assertThat(admin.purgeThroughDao(new CallerLocator(List.of("com.example.app.dao."))))
                .isEqualTo(taskAdminFrame("purgeThroughDao", "through-dao"));
    }

    @Test
    void dbguardTestClassesCountAsTheApplication() {
        int line = new Throwable().getStackTrace()[0].getLineNumber() + 1;
        String found = CallerLocator.find();

        assertThat(found).isEqualTo("dev.dbguard.core.audit.CallerLocatorTest."
                + "dbguardTestClassesCountAsTheApplication(CallerLocatorTest.java:" + line + ")");
    }

    @Test
    void unknownWhenOnlyTheGuardAndTheJdkAreOnTheStack() throws Exception {
        FutureTask<String> task = new FutureTask<>(GuardFrame::enforce);
        Thread thread = new Thread(task, "no-application-frames");
        thread.start();

        assertThat(task.get()).isEqualTo(CallerLocator.UNKNOWN);
    }

    @Test
    void rejectsBlankExtraPrefixes() {
        assertThatThrownBy(() -> new CallerLocator(List.of("com.acme.", " ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blank");
    }

    @Nested
    class WhenOnlyTheTestRunnerCallsTheGuard {

        @RegisterExtension
        final GuardFrame.BeforeEachProbe probe = new GuardFrame.BeforeEachProbe();

        @Test
        void reportsTheFirstTestRunnerFrameRatherThanUnknown() {
            assertThat(probe.found).startsWith("org.junit.").matches(".*\\(\\w+\\.java:\\d+\\)");
        }
    }

    private static String taskAdminFrame(String method, String marker) throws IOException {
        return "com.example.app.TaskAdmin." + method + "(TaskAdmin.java:" + lineOf(TASK_ADMIN, marker) + ")";
    }

    /** The 1-based line holding {@code // frame:marker}, so fixtures can change without breaking expectations. */
    private static int lineOf(Path source, String marker) throws IOException {
        List<String> lines = Files.readAllLines(source);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith("// frame:" + marker)) {
                return i + 1;
            }
        }
        throw new AssertionError("no // frame:" + marker + " in " + source);
    }
}
