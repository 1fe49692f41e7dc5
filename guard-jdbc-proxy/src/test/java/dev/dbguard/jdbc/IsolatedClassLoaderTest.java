package dev.dbguard.jdbc;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.dbguard.core.StatementGuard;
import dev.dbguard.testsupport.TestDatabase;
import dev.dbguard.testsupport.TestDatabases;
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

    /** The database drivers the README's recipe covers, each with its class and the server it is tried on. */
    enum Database {
        POSTGRESQL("org.postgresql.Driver"),
        MARIADB("org.mariadb.jdbc.Driver");

        private final String driverClass;

        Database(String driverClass) {
            this.driverClass = driverClass;
        }

        TestDatabase server() {
            return this == POSTGRESQL ? TestDatabases.postgres()
                    : TestDatabases.mariadb().orElseThrow(() -> new IllegalStateException("no MariaDB server for the"
                    + " isolated-loader test: set DBGUARD_TEST_MARIADB_URL=jdbc:mariadb://127.0.0.1:3306/test?user=root"));
        }
    }

    private final List<URLClassLoader> loaders = new ArrayList<>();
    private TestDatabase server;
    private String schema;

    @AfterEach
    void cleanUp() throws Exception {
        for (URLClassLoader loader : loaders) {
            loader.close();
        }
        if (schema != null) {
            server.dropSchema(schema);
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void findsTheDriverBesideItInTheToolsOwnClassLoader(Database database) throws Exception {
        URLClassLoader tool = isolated(Stream.concat(dbguardJars(), Stream.of(jarOf(database.driverClass)))
                .toArray(URL[]::new), null);

        assertRefusesDropInProduction(database, tool, tool);
    }

    /** A tool that keeps dbguard in a shared folder and puts the drivers in the thread's context class loader. */
    @ParameterizedTest
    @EnumSource(Database.class)
    void findsTheDriverInTheThreadsContextClassLoader(Database database) throws Exception {
        URLClassLoader shared = isolated(dbguardJars().toArray(URL[]::new), null);
        URLClassLoader drivers = isolated(new URL[] {jarOf(database.driverClass)}, shared);

        assertRefusesDropInProduction(database, shared, drivers);
    }

    private void assertRefusesDropInProduction(Database database, ClassLoader dbguardLoader, ClassLoader context)
            throws Exception {
        server = database.server();
        schema = server.freshSchema("proxy_isolated");
        try (Connection direct = server.dataSource(schema).getConnection();
             Statement statement = direct.createStatement()) {
            statement.execute("CREATE TABLE victim (id int PRIMARY KEY)");
            statement.execute("INSERT INTO victim VALUES (1), (2), (3)");
        }
        Driver driver = (Driver) dbguardLoader.loadClass("dev.dbguard.jdbc.DbGuardDriver")
                .getConstructor().newInstance();
        String url = "jdbc:dbguard:" + server.jdbcUrl(schema).substring("jdbc:".length()) + "&dbguard.env=production";
        Properties info = new Properties();
        info.setProperty("user", server.user());
        info.setProperty("password", server.password());

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

        assertThat(server.count(schema + ".victim")).isEqualTo(3);
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
