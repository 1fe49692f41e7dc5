package dev.dbguard.toolsit;

import liquibase.integration.commandline.LiquibaseCommandLine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Liquibase's command line ({@code liquibase update}, {@code rollback-count}, {@code drop-all}) through a
 * {@code jdbc:dbguard:} URL in production, run in-process as its launcher runs it, on the change log of
 * {@code src/it/liquibase-maven-plugin}.
 */
class LiquibaseCommandLineTest {

    private static final String CHANGE_LOG_DIRECTORY = "src/it/liquibase-maven-plugin";

    @TempDir
    Path basedir;

    private ToolProject project;

    @BeforeEach
    void setUp() throws SQLException {
        ToolProject.setUp(basedir.toFile());
        project = ToolProject.of(basedir.toFile());
    }

    @AfterEach
    void tearDown() throws SQLException {
        project.tearDown();
    }

    @Test
    void updateRunsAndARollbackThatDropsAndDropAllAreRefusedInProduction() throws SQLException {
        assertThat(liquibase("update").exitCode()).isZero();

        Run rollback = liquibase("rollback-count", "--count=1");
        assertThat(rollback.exitCode()).isNotZero();
        assertThat(rollback.output()).containsPattern("dbguard: refused DROP TABLE \\S*audit_log");

        Run dropAll = liquibase("drop-all");
        assertThat(dropAll.exitCode()).isNotZero();
        assertThat(dropAll.output()).contains("dbguard: refused DROP ");

        LiquibaseCheck.assertIntact(project);
    }

    /** What a command printed and its exit code. */
    private record Run(int exitCode, String output) {
    }

    private Run liquibase(String command, String... arguments) {
        List<String> args = new ArrayList<>(List.of(
                "--url=" + project.setting("it.url"),
                "--username=" + project.setting("it.user"),
                "--driver=dev.dbguard.jdbc.DbGuardDriver",
                "--default-schema-name=" + project.schema(),
                "--search-path=" + new File(CHANGE_LOG_DIRECTORY).getAbsolutePath(),
                "--changelog-file=changelog.xml",
                "--analytics-enabled=false",
                "--show-banner=false",
                command));
        args.addAll(List.of(arguments));
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            int exitCode = new LiquibaseCommandLine().execute(args.toArray(String[]::new));
            return new Run(exitCode, printed.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
            out.print(printed.toString(StandardCharsets.UTF_8));
        }
    }
}
