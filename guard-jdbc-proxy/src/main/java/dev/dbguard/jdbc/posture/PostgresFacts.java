package dev.dbguard.jdbc.posture;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the posture facts of a PostgreSQL account in one query: its role attributes and those of the roles it is a
 * member of, what it owns in its search path, the TLS state of its own backend ({@code pg_stat_ssl}) and two
 * settings. Every catalog it reads is readable by any role.
 */
final class PostgresFacts implements FactsReader {

    /**
     * Ownership counts through membership: a member of the owning role can {@code SET ROLE} to it and drop. The
     * database owner is implicitly {@code pg_database_owner}, which owns {@code public} since PostgreSQL 15.
     */
    static final String QUERY = """
            WITH RECURSIVE member_of(roleid) AS (
                SELECT oid FROM pg_roles WHERE rolname = current_user
              UNION
                SELECT m.roleid FROM pg_auth_members m JOIN member_of r ON m.member = r.roleid
            ), owners AS (
                SELECT roleid FROM member_of
              UNION
                SELECT r.oid FROM pg_roles r WHERE r.rolname = 'pg_database_owner' AND (SELECT datdba
                    FROM pg_database WHERE datname = current_database()) IN (SELECT roleid FROM member_of)
            ), used_schemas AS (
                SELECT s.nspname, s.ord, n.oid, n.nspowner IN (SELECT roleid FROM owners) AS owned
                FROM unnest(current_schemas(false)) WITH ORDINALITY AS s(nspname, ord)
                JOIN pg_namespace n ON n.nspname = s.nspname
            ), used_tables AS (
                SELECT c.oid, c.relowner IN (SELECT roleid FROM owners) AS owned
                FROM pg_class c JOIN used_schemas s ON s.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'p')
            )
            SELECT current_user,
                   (SELECT concat_ws(',', CASE WHEN r.rolsuper THEN 'superuser' END,
                               CASE WHEN r.rolcreaterole THEN 'createrole' END,
                               CASE WHEN r.rolcreatedb THEN 'createdb' END,
                               CASE WHEN r.rolbypassrls THEN 'bypassrls' END)
                      FROM pg_roles r WHERE r.rolname = current_user),
                   (SELECT string_agg(r.rolname || '=' || concat_ws(',', CASE WHEN r.rolsuper THEN 'superuser' END,
                               CASE WHEN r.rolcreaterole THEN 'createrole' END,
                               CASE WHEN r.rolcreatedb THEN 'createdb' END,
                               CASE WHEN r.rolbypassrls THEN 'bypassrls' END), ';' ORDER BY r.rolname)
                      FROM pg_roles r JOIN member_of m ON m.roleid = r.oid
                     WHERE r.rolname <> current_user
                       AND (r.rolsuper OR r.rolcreaterole OR r.rolcreatedb OR r.rolbypassrls)),
                   (SELECT string_agg(nspname, ',' ORDER BY ord) FROM used_schemas),
                   (SELECT string_agg(nspname, ',' ORDER BY ord) FROM used_schemas WHERE owned),
                   (SELECT count(*) FROM used_tables),
                   (SELECT count(*) FROM used_tables WHERE owned),
                   (SELECT count(*) FROM used_tables WHERE NOT owned AND has_table_privilege(oid, 'TRUNCATE')),
                   (SELECT count(*) FROM used_tables WHERE NOT owned AND has_table_privilege(oid, 'REFERENCES')),
                   (SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()),
                   current_setting('default_transaction_read_only'),
                   current_setting('statement_timeout')
            """;

    @Override
    public PostureFacts read(Connection connection, int timeoutSeconds) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(timeoutSeconds);
            try (ResultSet row = statement.executeQuery(QUERY)) {
                row.next();
                boolean tls = row.getBoolean(10);
                Boolean tlsKnown = row.wasNull() ? null : tls;
                String timeout = row.getString(12);
                return new PostureFacts("PostgreSQL", row.getString(1), split(row.getString(4), ","),
                        new LinkedHashSet<>(split(row.getString(2), ",")), rolePowers(row.getString(3)),
                        row.getInt(6), row.getInt(7), split(row.getString(5), ","), row.getInt(8),
                        row.getInt(9), tlsKnown, "on".equals(row.getString(11)), timeout, !"0".equals(timeout));
            }
        }
    }

    /** {@code admin=superuser,createrole;ops=createdb} into role -> powers. */
    private static Map<String, Set<String>> rolePowers(String text) {
        Map<String, Set<String>> powers = new LinkedHashMap<>();
        for (String entry : split(text, ";")) {
            int equals = entry.lastIndexOf('=');
            powers.put(entry.substring(0, equals), new LinkedHashSet<>(split(entry.substring(equals + 1), ",")));
        }
        return powers;
    }

    static List<String> split(String text, String separator) {
        List<String> items = new ArrayList<>();
        if (text != null) {
            for (String item : text.split(separator)) {
                if (!item.isEmpty()) {
                    items.add(item);
                }
            }
        }
        return items;
    }
}
