package dev.dbguard.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where pgbench connects: PostgreSQL itself, PgBouncer, or dbguard-pg-proxy.
 *
 * @param name     how the report names it
 * @param host     its host
 * @param port     its port
 * @param database the database to ask for
 * @param user     the user
 * @param password the password, empty when none is needed
 */
record PgbenchTarget(String name, String host, int port, String database, String user, String password) {

    /** libpq's variables for this target, with nothing of the machine's own libpq settings left to matter. */
    Map<String, String> libpqEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PGHOST", host);
        environment.put("PGPORT", String.valueOf(port));
        environment.put("PGDATABASE", database);
        environment.put("PGUSER", user);
        environment.put("PGPASSWORD", password);
        // the proxy and PgBouncer are reached in plain text on 127.0.0.1: no TLS round trip at connect
        environment.put("PGSSLMODE", "disable");
        environment.put("PGOPTIONS", "");
        environment.put("PGAPPNAME", "pgbench");
        return environment;
    }

    /** The same server under another name and port (PgBouncer or the proxy in front of it). */
    PgbenchTarget via(String name, int port) {
        return new PgbenchTarget(name, "127.0.0.1", port, database, user, password);
    }
}
