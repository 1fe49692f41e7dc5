package dev.dbguard.pgproxy;

import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.Mode;
import dev.dbguard.core.StatementGuard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line: options, the config file of dbguard.* keys, and exit code 2 for a user error. */
class PgProxyCommandTest {

    @Test
    void helpListsEveryOptionWithItsDefault() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = PgProxyCommand.commandLine();
        commandLine.setOut(new PrintWriter(out));
        assertThat(commandLine.execute("--help")).isZero();
        assertThat(out.toString()).contains("--listen=HOST:PORT", "default: 127.0.0.1:6432", "--upstream=HOST:PORT",
                "--env=ENVIRONMENT", "--config=FILE", "--route=NAME", "--max-message-length=BYTES",
                "--connect-timeout=SECONDS");
    }

    @Test
    void theConfigFileGivesTheSameKeysAsTheDriverAndEnvWins(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("proxy.properties");
        Files.writeString(file, "dbguard.env=staging\ndbguard.modes.production=audit\ndbguard.allow=drop:scratch_*\n");
        PgProxyCommand command = parse("--upstream", "db.example.com:5432", "--config", file.toString());
        GuardConfig fromFile = command.guardConfig();
        assertThat(fromFile.environment()).isEqualTo("staging");

        PgProxyCommand overridden = parse("--upstream", "db.example.com:5432", "--config", file.toString(),
                "--env", "production");
        StatementGuard guard = new StatementGuard(overridden.guardConfig());
        assertThat(guard.config().environment()).isEqualTo("production");
        assertThat(guard.target("r", "jdbc:postgresql://db.example.com:5432/app").mode()).isEqualTo(Mode.AUDIT);
        assertThat(overridden.route().upstream().getHostString()).isEqualTo("db.example.com");
        assertThat(overridden.route().upstream().getPort()).isEqualTo(5432);
        assertThat(overridden.route().listen().getPort()).isEqualTo(6432);
        assertThat(overridden.route().connectTimeoutMillis()).isEqualTo(10_000);
        assertThat(parse("--upstream", "db:5432", "--connect-timeout", "3").route().connectTimeoutMillis())
                .isEqualTo(3_000);
    }

    @Test
    void aMalformedAddressIsAUsageErrorWithExitCode2() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = PgProxyCommand.commandLine();
        commandLine.setErr(new PrintWriter(err));
        assertThat(commandLine.execute("--upstream", "db.example.com")).isEqualTo(2);
        assertThat(err.toString()).contains("--upstream must be HOST:PORT, got 'db.example.com'");
    }

    @Test
    void aMissingUpstreamIsAUsageError() {
        CommandLine commandLine = PgProxyCommand.commandLine();
        commandLine.setErr(new PrintWriter(new StringWriter()));
        assertThat(commandLine.execute("--listen", "127.0.0.1:0")).isEqualTo(2);
    }

    private static PgProxyCommand parse(String... arguments) {
        PgProxyCommand command = new PgProxyCommand();
        new CommandLine(command).parseArgs(arguments);
        return command;
    }
}
