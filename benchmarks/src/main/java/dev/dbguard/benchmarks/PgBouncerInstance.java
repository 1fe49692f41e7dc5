package dev.dbguard.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * A PgBouncer of the benchmark's own: its configuration, log and port in a temporary directory, session pooling for
 * pgbench, transaction pooling for the idle sessions (so a thousand idle clients need no thousand server
 * connections). A system-wide PgBouncer, if any, is never touched.
 */
final class PgBouncerInstance extends ServerProcess {

    /** The database name that the idle-session measurement asks PgBouncer for. */
    static final String IDLE_DATABASE = "idle";

    private PgBouncerInstance(List<String> command, int port, Path log) throws IOException, InterruptedException {
        super(command, port, log);
    }

    /** Starts {@code executable} relaying {@code database} (and {@value #IDLE_DATABASE}) to {@code server}. */
    static PgBouncerInstance start(String executable, PgbenchTarget server, Path directory)
            throws IOException, InterruptedException {
        int port = freePort();
        String upstream = "host=" + server.host() + " port=" + server.port() + " dbname=" + server.database();
        Path userlist = directory.resolve("userlist.txt");
        Files.writeString(userlist, "\"" + server.user() + "\" \"" + server.password() + "\"\n");
        Path config = directory.resolve("pgbouncer.ini");
        Files.writeString(config, String.join("\n",
                "[databases]",
                server.database() + " = " + upstream,
                IDLE_DATABASE + " = " + upstream + " pool_mode=transaction pool_size=2",
                "",
                "[pgbouncer]",
                "listen_addr = 127.0.0.1",
                "listen_port = " + port,
                "unix_socket_dir =",
                "auth_type = trust",
                "auth_file = " + userlist,
                "pool_mode = session",
                "default_pool_size = 40",
                "max_client_conn = 1200",
                "max_db_connections = 45",
                "ignore_startup_parameters = extra_float_digits,options",
                "log_connections = 0",
                "log_disconnections = 0",
                ""));
        // PgBouncer refuses to run as root: as root, it is started as postgres, who must read the directory
        List<String> command = new ArrayList<>(List.of(executable));
        if ("root".equals(System.getProperty("user.name"))) {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            command.addAll(List.of("-u", "postgres"));
        }
        command.add(config.toString());
        return new PgBouncerInstance(command, port, directory.resolve("pgbouncer.log"));
    }
}
