package dev.dbguard.core.internal.posture;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The posture facts of a PostgreSQL account in one query: its role attributes and those of the roles it is a
 * member of, what it owns in its search path, the TLS state of its own backend ({@code pg_stat_ssl}) and two
 * settings. Every catalog it reads is readable by any role. The JDBC check runs it with a query timeout, the proxy
 * inside the client's session as a simple query; both read the one row it returns as text with {@link #facts}.
 */
public final class PostgresPostureQuery {

    /**
     * Ownership counts through membership: a member of the owning role can {@code SET ROLE} to it and drop. The
     * database owner is implicitly {@code pg_database_owner}, which owns {@code public} since PostgreSQL 15.
     */
    public static final String SQL = """
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
                   (SELECT reset_val FROM pg_settings WHERE name = 'statement_timeout')
            """;

    /** How many columns the row of {@link #SQL} has. */
    public static final int COLUMNS = 12;

    private PostgresPostureQuery() {
    }

    /**
     * The facts in the row {@link #SQL} returned, its columns in text form as the server sends them (a boolean
     * {@code t}/{@code f}, SQL NULL as null).
     *
     * @throws IllegalArgumentException when the row does not have {@value #COLUMNS} columns
     */
    public static PostureFacts facts(List<String> row) {
        if (row.size() != COLUMNS) {
            throw new IllegalArgumentException("the posture query returned " + row.size() + " columns, not "
                    + COLUMNS);
        }
        String timeout = row.get(11);
        return new PostureFacts("PostgreSQL", row.get(0), PostureFacts.split(row.get(3), ","),
                new LinkedHashSet<>(PostureFacts.split(row.get(1), ",")), rolePowers(row.get(2)),
                count(row.get(5)), count(row.get(6)), PostureFacts.split(row.get(4), ","), count(row.get(7)),
                count(row.get(8)), bool(row.get(9)),
                Boolean.TRUE.equals(bool(row.get(10))), timeout, timeout != null && !"0".equals(timeout));
    }

    /** {@code t}, {@code true} and {@code on} as PostgreSQL and PgJDBC write a true boolean; null stays null. */
    private static Boolean bool(String text) {
        if (text == null) {
            return null;
        }
        return text.equals("t") || text.equalsIgnoreCase("true") || text.equalsIgnoreCase("on");
    }

    private static int count(String text) {
        return text == null ? 0 : Integer.parseInt(text.trim());
    }

    /** {@code admin=superuser,createrole;ops=createdb} into role -> powers. */
    private static Map<String, Set<String>> rolePowers(String text) {
        Map<String, Set<String>> powers = new LinkedHashMap<>();
        for (String entry : PostureFacts.split(text, ";")) {
            int equals = entry.lastIndexOf('=');
            powers.put(entry.substring(0, equals),
                    new LinkedHashSet<>(PostureFacts.split(entry.substring(equals + 1), ",")));
        }
        return powers;
    }
}
