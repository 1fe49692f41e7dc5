package dev.dbguard.jdbc.posture;

import dev.dbguard.core.internal.posture.PostureFacts;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The SQL that gives a schema least-privilege roles: an owner role for migrations that takes over what the
 * application's account owns, the application's account left with {@code SELECT, INSERT, UPDATE, DELETE} on the
 * tables and {@code USAGE} on the sequences (and, through default privileges, on those migrations add later), and a
 * read-only role for looking at production. Generated for one account and its schemas; meant to be reviewed, then
 * run once by a superuser.
 */
final class FixUpScript {

    private static final Pattern PLAIN_NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    /** What the application's account owns directly in its schemas, as {@code KIND qualified-name} pairs. */
    private static final String OWNED_OBJECTS = """
            SELECT CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                       WHEN 'f' THEN 'FOREIGN TABLE' WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END,
                   format('%I.%I', n.nspname, c.relname)
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = ANY (current_schemas(false)) AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
               AND c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)
               AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                               AND d.objid = c.oid AND d.deptype IN ('a', 'i', 'e'))
            UNION ALL
            SELECT 'ROUTINE', format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid))
              FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
             WHERE n.nspname = ANY (current_schemas(false))
               AND p.proowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)
               AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
                               AND d.objid = p.oid AND d.deptype = 'e')
            ORDER BY 1, 2
            """;

    private FixUpScript() {
    }

    /**
     * The role names the script uses: the account itself stays the application's unless it is a superuser (which
     * must not run the application at all), then {@code <schema>_app} is created; {@code <schema>_owner} and
     * {@code <schema>_readonly} for the other two.
     */
    record RoleNames(String application, String owner, String readOnly, boolean newApplicationRole) {

        static RoleNames forFacts(PostureFacts facts) {
            String base = facts.schemas().isEmpty() ? "app" : facts.schemas().get(0);
            boolean superuser = facts.powers().contains("superuser");
            String account = facts.postgresql() ? facts.account() : facts.account().split("@")[0];
            return new RoleNames(superuser ? base + "_app" : account, base + "_owner", base + "_readonly", superuser);
        }
    }

    /** The script for a PostgreSQL account; reads what it owns through {@code connection}, which runs as it. */
    static String postgres(Connection connection, PostureFacts facts, RoleNames roles) throws SQLException {
        List<String> schemas = facts.schemas().stream().map(FixUpScript::quoted).toList();
        String app = quoted(roles.application());
        String owner = quoted(roles.owner());
        String readOnly = quoted(roles.readOnly());
        List<String> sql = new ArrayList<>();
        sql.add("-- dbguard least-privilege roles for account " + facts.account() + " in schema "
                + String.join(", ", facts.schemas()) + ". Review, then run once as a superuser.");
        sql.add("-- 1. The owner role, for migrations only: it owns the schema's objects, so only it can DROP or"
                + " ALTER them.");
        sql.add("--    Let the migration tool log in as it: ALTER ROLE " + owner + " LOGIN PASSWORD '...';");
        sql.add("CREATE ROLE " + owner + " NOLOGIN;");
        for (String schema : schemas) {
            sql.add("GRANT USAGE, CREATE ON SCHEMA " + schema + " TO " + owner + ";");
        }
        for (String schema : facts.ownedSchemas()) {
            sql.add("ALTER SCHEMA " + quoted(schema) + " OWNER TO " + owner + ";");
        }
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(PostureCheck.TIMEOUT_SECONDS * 5);
            try (ResultSet rows = statement.executeQuery(OWNED_OBJECTS)) {
                while (rows.next()) {
                    sql.add("ALTER " + rows.getString(1) + " " + rows.getString(2) + " OWNER TO " + owner + ";");
                }
            }
        }
        sql.add("-- 2. The application's role: no ownership, no role powers, only the data privileges it needs.");
        if (roles.newApplicationRole()) {
            sql.add("--    " + facts.account() + " is a superuser: give the application this new role instead,"
                    + " ALTER ROLE " + app + " LOGIN PASSWORD '...';");
            sql.add("CREATE ROLE " + app + " NOLOGIN;");
        } else {
            List<String> powers = new ArrayList<>();
            for (String power : List.of("createrole", "createdb", "bypassrls")) {
                if (facts.powers().contains(power)) {
                    powers.add("NO" + power.toUpperCase(Locale.ROOT));
                }
            }
            if (!powers.isEmpty()) {
                sql.add("ALTER ROLE " + app + " " + String.join(" ", powers) + ";");
            }
            for (String role : facts.rolePowers().keySet()) {
                sql.add("REVOKE " + quoted(role) + " FROM " + app + ";");
            }
        }
        for (String schema : schemas) {
            sql.add("REVOKE CREATE ON SCHEMA " + schema + " FROM " + app + ";");
            sql.add("GRANT USAGE ON SCHEMA " + schema + " TO " + app + ";");
            sql.add("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + schema + " TO " + app + ";");
            sql.add("REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA " + schema + " FROM " + app + ";");
            sql.add("GRANT USAGE ON ALL SEQUENCES IN SCHEMA " + schema + " TO " + app + ";");
        }
        sql.add("-- 3. Tables and sequences the migrations create later keep working for the application.");
        for (String schema : schemas) {
            sql.add("ALTER DEFAULT PRIVILEGES FOR ROLE " + owner + " IN SCHEMA " + schema
                    + " GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO " + app + ";");
            sql.add("ALTER DEFAULT PRIVILEGES FOR ROLE " + owner + " IN SCHEMA " + schema
                    + " GRANT USAGE ON SEQUENCES TO " + app + ";");
        }
        sql.add("-- 4. For looking at production: SELECT only, and every transaction read-only unless it asks.");
        sql.add("--    Let people log in as it: ALTER ROLE " + readOnly + " LOGIN PASSWORD '...';");
        sql.add("CREATE ROLE " + readOnly + " NOLOGIN;");
        sql.add("ALTER ROLE " + readOnly + " SET default_transaction_read_only = on;");
        for (String schema : schemas) {
            sql.add("GRANT USAGE ON SCHEMA " + schema + " TO " + readOnly + ";");
            sql.add("GRANT SELECT ON ALL TABLES IN SCHEMA " + schema + " TO " + readOnly + ";");
            sql.add("ALTER DEFAULT PRIVILEGES FOR ROLE " + owner + " IN SCHEMA " + schema
                    + " GRANT SELECT ON TABLES TO " + readOnly + ";");
        }
        return String.join("\n", sql) + "\n";
    }

    /**
     * The script for a MariaDB or MySQL account. Privileges granted on the database cover the tables added later,
     * so no default privileges are needed.
     */
    static String mariadb(PostureFacts facts, RoleNames roles) {
        String database = facts.schemas().isEmpty() ? "your_database" : facts.schemas().get(0);
        String on = "`" + database.replace("`", "``") + "`.*";
        String host = facts.account().contains("@") ? facts.account().substring(facts.account().indexOf('@') + 1)
                : "%";
        String app = account(roles.application(), host);
        String owner = account(roles.owner(), "%");
        String readOnly = account(roles.readOnly(), "%");
        List<String> sql = new ArrayList<>();
        sql.add("-- dbguard least-privilege accounts for " + facts.account() + " in database " + database
                + ". Review, then run once as an administrator.");
        sql.add("-- 1. The owner account, for migrations only: the only one that may CREATE, ALTER and DROP.");
        sql.add("--    Let the migration tool log in as it: ALTER USER " + owner + " IDENTIFIED BY '...' ACCOUNT"
                + " UNLOCK;");
        sql.add("CREATE USER " + owner + " ACCOUNT LOCK;");
        sql.add("GRANT ALL PRIVILEGES ON " + on + " TO " + owner + ";");
        sql.add("-- 2. The application's account: only the data privileges it needs.");
        if (roles.newApplicationRole()) {
            sql.add("--    " + facts.account() + " holds SUPER: give the application this new account instead,"
                    + " ALTER USER " + app + " IDENTIFIED BY '...' ACCOUNT UNLOCK;");
            sql.add("CREATE USER " + app + " ACCOUNT LOCK;");
        } else {
            sql.add("REVOKE ALL PRIVILEGES, GRANT OPTION FROM " + app + ";");
        }
        sql.add("GRANT SELECT, INSERT, UPDATE, DELETE ON " + on + " TO " + app + ";");
        sql.add("-- 3. For looking at production: SELECT only.");
        sql.add("--    Let people log in as it: ALTER USER " + readOnly + " IDENTIFIED BY '...' ACCOUNT UNLOCK;");
        sql.add("CREATE USER " + readOnly + " ACCOUNT LOCK;");
        sql.add("GRANT SELECT ON " + on + " TO " + readOnly + ";");
        return String.join("\n", sql) + "\n";
    }

    private static String account(String user, String host) {
        return "'" + user.replace("'", "''") + "'@'" + host.replace("'", "''") + "'";
    }

    /** A PostgreSQL identifier, quoted only when it must be. */
    static String quoted(String name) {
        return PLAIN_NAME.matcher(name).matches() ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
