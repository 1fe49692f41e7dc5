package dev.dbguard.pgproxy;

import dev.dbguard.core.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Routes from the config file's route.* entries and from the command line: the same keys, the same errors. */
class RouteSettingsTest {

    @Test
    void theConfigFileDeclaresSeveralRoutesAndSharesTheDbguardKeys(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("proxy.properties");
        Files.writeString(file, String.join("\n",
                "dbguard.env=production",
                "dbguard.allow=drop:scratch_*",
                "route.production.listen=0.0.0.0:6432",
                "route.production.upstream=db.internal:5432",
                "route.production.mode=block",
                "route.debug.listen=0.0.0.0:6433",
                "route.debug.upstream=db.internal:5432",
                "route.debug.mode=read-only",
                "route.debug.idle-timeout=600", ""));
        PgProxyCommand command = parse("--config", file.toString());
        List<Route> routes = command.routes(command.configFile());
        assertThat(routes).extracting(Route::name).containsExactly("debug", "production");
        assertThat(routes.get(0).mode()).isEqualTo(Mode.READ_ONLY);
        assertThat(routes.get(0).listen().getPort()).isEqualTo(6433);
        assertThat(routes.get(0).idleTimeout()).hasSeconds(600);
        assertThat(routes.get(0).replicationAllowed()).isFalse();
        assertThat(routes.get(1).mode()).isEqualTo(Mode.BLOCK);
        assertThat(routes.get(1).upstream().getHostString()).isEqualTo("db.internal");
        assertThat(command.guardConfig().environment()).isEqualTo("production");
        assertThat(command.guardConfig().allowList()).hasSize(1);
    }

    @Test
    void theSingleRouteOfTheCommandLineReadsTheSameSettings() {
        Route route = parse("--upstream", "db:5432", "--mode", "read-only", "--allow-replication",
                "--idle-timeout", "30").route();
        assertThat(route.name()).isEqualTo("pg-proxy");
        assertThat(route.mode()).isEqualTo(Mode.READ_ONLY);
        assertThat(route.replicationAllowed()).isTrue();
        assertThat(route.idleTimeout()).hasSeconds(30);
        assertThat(parse("--upstream", "db:5432").route().mode()).isNull();
    }

    @Test
    void mistakesAreUsageErrorsNamingTheKey(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("proxy.properties");
        Files.writeString(file, "route.debug.listen=127.0.0.1:6433\nroute.debug.upstream=db:5432\nroute.debug.mod=read-only\n");
        assertThat(run("--config", file.toString())).contains("route.debug.mod (config file " + file
                + ") is not a route setting; a route takes [allow-replication, connect-timeout");
        Files.writeString(file, "route.debug.listen=127.0.0.1:6433\nroute.debug.upstream=db:5432\nroute.debug.mode=readonly\n");
        assertThat(run("--config", file.toString())).contains("route.debug.mode (config file " + file
                + "): Unknown dbguard mode 'readonly'");
        Files.writeString(file, "route.debug.listen=127.0.0.1:6433\n");
        assertThat(run("--config", file.toString())).contains("route.debug.upstream (config file " + file
                + ") is missing");
        Files.writeString(file, "route.debug.listen=127.0.0.1:6433\nroute.debug.upstream=db:5432\n");
        assertThat(run("--config", file.toString(), "--upstream", "db:5432"))
                .contains("--upstream and route.* entries in " + file + " both declare routes");
        assertThat(run("--upstream", "db:5432", "--mode", "nope")).contains("--mode: Unknown dbguard mode 'nope'");
        assertThat(run("--upstream", "db:5432", "--tls-required"))
                .contains("--tls-required needs --tls-certificate and --tls-key");
    }

    private static String run(String... arguments) {
        StringWriter err = new StringWriter();
        CommandLine commandLine = PgProxyCommand.commandLine();
        commandLine.setErr(new PrintWriter(err));
        assertThat(commandLine.execute(arguments)).isEqualTo(2);
        return err.toString();
    }

    private static PgProxyCommand parse(String... arguments) {
        PgProxyCommand command = new PgProxyCommand();
        new CommandLine(command).parseArgs(arguments);
        return command;
    }
}
