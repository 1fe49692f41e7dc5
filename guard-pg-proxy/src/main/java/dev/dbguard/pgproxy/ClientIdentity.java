package dev.dbguard.pgproxy;

import java.util.Map;

/**
 * Who a client session is, from its connection and its {@code StartupMessage}: what audit events name in place of
 * the Java caller frame the JDBC path reports.
 *
 * @param address         the client's remote address, e.g. {@code 127.0.0.1:53122}
 * @param user            the {@code user} startup parameter
 * @param database        the {@code database} startup parameter (PostgreSQL defaults it to the user)
 * @param applicationName the {@code application_name} startup parameter, or null when not sent
 */
record ClientIdentity(String address, String user, String database, String applicationName) {

    static ClientIdentity of(String address, Map<String, String> startupParameters) {
        String user = startupParameters.getOrDefault("user", "");
        return new ClientIdentity(address, user, startupParameters.getOrDefault("database", user),
                startupParameters.get("application_name"));
    }

    ClientIdentity withApplicationName(String name) {
        return new ClientIdentity(address, user, database, name);
    }

    /**
     * The audit events' caller: {@code client 10.0.0.5:51234 user=app database=shop application_name=psql
     * route=production} ({@code application_name} left out when the client sent none).
     */
    String caller(String route) {
        return "client " + address + " user=" + user + " database=" + database
                + (applicationName == null || applicationName.isEmpty() ? "" : " application_name=" + applicationName)
                + " route=" + route;
    }

    /** One line for the data source name of audit events and refusals: route, then the client. */
    String describe(String route) {
        return route + " (client " + address + " user " + user + " database " + database
                + (applicationName == null || applicationName.isEmpty() ? "" : " application " + applicationName)
                + ")";
    }
}
