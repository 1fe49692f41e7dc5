package dev.dbguard.jdbc;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.dbguard.core.StatementGuard;
import dev.dbguard.testsupport.TestDatabase.Kind;
import dev.dbguard.testsupport.TestDatabases;
import dev.dbguard.testsupport.TestSchema;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * dbguard as a SQL IDE or a tool with a drivers folder loads it: dbguard's jars and the database's driver in a class
 * loader of their own, which the application class path cannot see into, and {@code DbGuardDriver} instantiated by
 * name. The jars are those the README tells users to add; a runtime dependency missing from that list fails here.
 */
class IsolatedClassLoaderTest {

    private final List<URLClassLoader> loaders = new ArrayList<>();

    @AfterEach
    void closeLoaders() throws Exception {
        for (URLClassLoader loader : loaders) {
            loader.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void findsTheDriverBesideItInTheToolsOwnClassLoader(Kind database) throws Exception {
        URLClassLoader tool = isolated(Stream.concat(dbguardJars(), Stream.of(jarOf(driverClass(database))))
                .toArray(URL[]::new), null);

        assertRefusesDropInProduction(database, tool, tool);
    }

    /** A tool that keeps dbguard in a shared folder and puts the drivers in the thread's context class loader. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void findsTheDriverInTheThreadsContextClassLoader(Kind database) throws Exception {
        URLClassLoader shared = isolated(dbguardJars().toArray(URL[]::new), null);
        URLClassLoader drivers = isolated(new URL[] {jarOf(driverClass(database))}, shared);

        assertRefusesDropInProduction(database, shared, drivers);
    }

    private void assertRefusesDropInProduction(Kind database, ClassLoader dbguardLoader, ClassLoader context)
            throws Exception {
        try (TestSchema schema = TestSchema.create(TestDatabases.of(database), "proxy_isolated")) {
            schema.execute("CREATE TABLE victim (id int PRIMARY KEY)", "INSERT INTO victim VALUES (1), (2), (3)");
            Driver driver = (Driver) dbguardLoader.loadClass("dev.dbguard.jdbc.DbGuardDriver")
                    .getConstructor().newInstance();
            Properties info = new Properties();
            info.setProperty("user", schema.database().user());
            info.setProperty("password", schema.database().password());

            connectAndDrop(driver, schema.dbguardUrl("dbguard.env=production"), info, dbguardLoader, context);

            assertThat(schema.count("victim")).isEqualTo(3);
        }
    }

    private static void connectAndDrop(Driver driver, String url, Properties info, ClassLoader dbguardLoader,
                                       ClassLoader context) throws SQLException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(context);
        try (Connection connection = driver.connect(url, info); Statement statement = connection.createStatement()) {
            assertThat(connection.getClass().getClassLoader()).isSameAs(dbguardLoader);
            assertThat(statement.executeQuery("SELECT count(*) FROM victim").next()).isTrue();
            assertThatThrownBy(() -> statement.execute("DROP TABLE victim"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageStartingWith("dbguard:")
                    .satisfies(refusal -> assertThat(refusal.getClass().getName())
                            .isEqualTo("dev.dbguard.core.BlockedStatementException"));
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The driver class the README's recipe names for each database. */
    private static String driverClass(Kind database) {
        return switch (database) {
            case POSTGRESQL -> "org.postgresql.Driver";
            case MARIADB -> "org.mariadb.jdbc.Driver";
        };
    }

    /** A class loader over {@code jars} alone: its parent is {@code parent} or the platform loader (java.sql). */
    private URLClassLoader isolated(URL[] jars, ClassLoader parent) {
        URLClassLoader loader = new URLClassLoader("isolated-tool", jars,
                parent != null ? parent : ClassLoader.getPlatformClassLoader());
        loaders.add(loader);
        return loader;
    }

    /** guard-jdbc-proxy, guard-core and their runtime dependencies, as this build resolved them. */
    private static Stream<URL> dbguardJars() throws URISyntaxException {
        return Stream.of(jarOf(DbGuardDriver.class), jarOf(StatementGuard.class), jarOf(CCJSqlParserUtil.class),
                jarOf(Caffeine.class), jarOf(LoggerFactory.class));
    }

    private static URL jarOf(String className) throws ClassNotFoundException, URISyntaxException {
        return jarOf(Class.forName(className));
    }

    private static URL jarOf(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }
}
