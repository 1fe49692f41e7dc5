package dev.dbguard.toolsit;

import dev.dbguard.testsupport.TestDatabase;
import dev.dbguard.testsupport.TestDatabases;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * One build under {@code src/it} and the PostgreSQL schema of its own it runs in, for the invoker's hook scripts:
 * {@code setup.groovy} calls {@link #setUp(java.io.File)}, which writes the connection settings to
 * {@value #PROPERTIES} for the build ({@code invoker.userPropertiesFile}); {@code verify.groovy} reads them back.
 */
public final class ToolProject {

    /** The user properties file the build reads its URL and schema from. */
    public static final String PROPERTIES = "dbguard-it.properties";

    private final Path basedir;
    private final Properties settings;

    private ToolProject(Path basedir, Properties settings) {
        this.basedir = basedir;
        this.settings = settings;
    }

    /** Creates the build's schema and writes its dbguard URL (production) for the build. */
    public static void setUp(java.io.File basedir) throws SQLException {
        TestDatabase postgres = TestDatabases.postgres();
        String schema = postgres.freshSchema("tools_it");
        Properties settings = new Properties();
        String url = postgres.jdbcUrl(schema);
        settings.setProperty("it.schema", schema);
        settings.setProperty("it.url", "jdbc:dbguard:" + url.substring("jdbc:".length())
                + "&dbguard.env=production");
        settings.setProperty("it.user", postgres.user());
        settings.setProperty("it.password", postgres.password() == null ? "" : postgres.password());
        Path path = basedir.toPath().resolve(PROPERTIES);
        try (Writer out = Files.newBufferedWriter(path)) {
            settings.store(out, "written by setup.groovy for this build");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The project set up for the build in {@code basedir}. */
    public static ToolProject of(java.io.File basedir) {
        Properties settings = new Properties();
        try (Reader in = Files.newBufferedReader(basedir.toPath().resolve(PROPERTIES))) {
            settings.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ToolProject(basedir.toPath(), settings);
    }

    /** The schema the build ran in. */
    public String schema() {
        return setting("it.schema");
    }

    /** One of the settings written for the build: {@code it.url}, {@code it.user}, {@code it.password}. */
    public String setting(String key) {
        return settings.getProperty(key);
    }

    /** The server the schema is on. */
    public TestDatabase database() {
        return TestDatabases.postgres();
    }

    /** Everything the build printed, all its invocations. */
    public String buildLog() {
        try {
            return Files.readString(basedir.resolve("build.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What invocation {@code n} (from 1, as in {@code invoker.goals.n}) of the build printed. */
    public String invocationLog(int n) {
        String[] invocations = buildLog().split("\\[INFO] Scanning for projects\\.\\.\\.");
        return n < invocations.length ? invocations[n] : "";
    }

    /** The rows of a table in the build's schema. */
    public int count(String table) throws SQLException {
        return database().count(schema() + "." + table);
    }

    /** The number a query of one number answers; {@code {schema}} in it stands for the build's schema. */
    public long number(String query) throws SQLException {
        try (Connection connection = database().connect();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query.replace("{schema}", schema()))) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Whether the build's schema has this column. */
    public boolean hasColumn(String table, String column) throws SQLException {
        return number("SELECT count(*) FROM information_schema.columns WHERE table_schema = '{schema}'"
                + " AND table_name = '" + table + "' AND column_name = '" + column + "'") == 1;
    }

    /** Whether the build's schema has this table. */
    public boolean hasTable(String table) throws SQLException {
        return number("SELECT count(*) FROM information_schema.tables WHERE table_schema = '{schema}'"
                + " AND table_name = '" + table + "'") == 1;
    }

    /** What a build must have left behind, checked on its log and its schema. */
    @FunctionalInterface
    public interface Check {
        void verify(ToolProject project) throws SQLException;
    }

    /** Runs {@code check} on the build in {@code basedir} (its {@code verify.groovy}), then drops its schema. */
    public static void verify(java.io.File basedir, Check check) throws SQLException {
        ToolProject project = of(basedir);
        try {
            check.verify(project);
        } finally {
            project.tearDown();
        }
    }

    /** Drops the build's schema. */
    public void tearDown() throws SQLException {
        database().dropSchema(schema());
    }
}
