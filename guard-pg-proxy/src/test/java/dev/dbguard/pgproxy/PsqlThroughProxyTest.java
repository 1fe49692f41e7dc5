package dev.dbguard.pgproxy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * psql through a production route: the incident drill's accidents as a person types them, {@code \copy} in and out,
 * and what Prisma's CLI sends for {@code prisma migrate reset} and {@code prisma db push --accept-data-loss}
 * (replayed statement by statement as its schema engine formats them: Prisma's CLI downloads an engine binary at run
 * time and cannot run here). After each, the rows and columns are checked on a direct connection.
 */
@Timeout(120)
@ExtendWith(NoLeaks.class)
class PsqlThroughProxyTest {

    private static final String REFUSED = "ERROR:  dbguard: refused ";

    private static ProxiedPostgres pg;
    private static String psql;

    @TempDir
    Path files;

    @BeforeAll
    static void start() throws Exception {
        psql = ClientProcess.tool("psql", "apt-get install -y postgresql-client");
        pg = new ProxiedPostgres("proxy_psql");
    }

    @AfterAll
    static void stop() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @BeforeEach
    void tables() throws Exception {
        ItemsTable.create(pg);
        pg.direct("DROP TABLE IF EXISTS tasks, projects, \"Post\", \"User\"",
                "CREATE TABLE projects (id int PRIMARY KEY, name text NOT NULL)",
                "CREATE TABLE tasks (id int PRIMARY KEY, project_id int NOT NULL REFERENCES projects,"
                        + " title text NOT NULL, note text)",
                "INSERT INTO projects SELECT g, 'project ' || g FROM generate_series(1, 3) g",
                "INSERT INTO tasks SELECT g, 1 + g % 3, 'task ' || g, 'note ' || g FROM generate_series(1, 12) g",
                "CREATE TABLE \"User\" (id serial PRIMARY KEY, email text NOT NULL UNIQUE, name text)",
                "CREATE TABLE \"Post\" (id serial PRIMARY KEY, title text NOT NULL,"
                        + " \"authorId\" int NOT NULL CONSTRAINT \"Post_authorId_fkey\" REFERENCES \"User\")",
                "INSERT INTO \"User\" (email, name) VALUES ('ada@example.com', 'Ada'), ('alan@example.com', 'Alan')",
                "INSERT INTO \"Post\" (title, \"authorId\") VALUES ('Hello', 1), ('Again', 1), ('Turing', 2)");
    }

    @Test
    void theDrillsAccidentsTypedIntoPsqlAreEachRefused() throws Exception {
        // the SQL the drill's culprits send: a test fixture, admin endpoints, Hibernate create-drop, Flyway clean,
        // a migration, a developer's tool, two statements in one string (psql's \; sends them as one Query)
        ClientProcess.Run run = psqlScript("drill.sql", List.of(
                "TRUNCATE TABLE projects RESTART IDENTITY CASCADE;",
                "TRUNCATE TABLE tasks RESTART IDENTITY CASCADE;",
                "DELETE FROM tasks;",
                "DELETE FROM tasks WHERE 1=1;",
                "drop table if exists projects cascade;",
                "drop table if exists tasks cascade;",
                "DROP TABLE IF EXISTS \"" + pg.schema + "\".\"tasks\" CASCADE;",
                "ALTER TABLE tasks DROP COLUMN note;",
                "SELECT 1 AS one \\; DROP TABLE tasks;",
                "SELECT count(*) AS tasks_left FROM tasks;"));
        assertThat(run.stdout().lines().filter(line -> line.contains(REFUSED))).hasSize(9);
        assertThat(run.stdout())
                .contains("psql:drill.sql:1: " + REFUSED + "TRUNCATE projects (rule truncate)")
                .contains("psql:drill.sql:3: " + REFUSED + "DELETE FROM tasks without WHERE (rule unscoped-delete)")
                .contains("psql:drill.sql:4: " + REFUSED + "DELETE FROM tasks with a WHERE that does not restrict")
                .contains("psql:drill.sql:5: " + REFUSED + "DROP TABLE projects (rule drop)")
                .contains("psql:drill.sql:8: " + REFUSED)
                .contains("(rule alter-drop)")
                .contains("psql:drill.sql:9: " + REFUSED + "DROP TABLE tasks (rule drop)")
                .contains("HINT:  To allow it deliberately: add dbguard.allow=")
                .contains("tasks_left", "12");
        assertThat(pg.count("projects")).isEqualTo(3);
        assertThat(pg.count("tasks")).isEqualTo(12);
        assertThat(columns("tasks")).containsExactly("id", "project_id", "title", "note");
    }

    @Test
    void copyRunsBothWaysThroughTheProxy() throws Exception {
        Path out = files.resolve("items-out.csv");
        Path in = files.resolve("items-in.csv");
        Files.writeString(in, "6,item 6\n7,item 7\n8,item 8\n");
        ClientProcess.Run run = psqlScript("copy.sql", List.of(
                "\\copy items TO '" + out + "' WITH (FORMAT csv)",
                "\\copy items FROM '" + in + "' WITH (FORMAT csv)",
                "\\copy (SELECT id, name FROM items WHERE id > 6 ORDER BY id) TO STDOUT WITH (FORMAT csv)"));
        assertThat(run.exitCode()).as(run.stdout()).isZero();
        assertThat(run.stdout()).contains("COPY 5", "COPY 3", "7,item 7\n8,item 8\n").doesNotContain("ERROR");
        assertThat(Files.readString(out)).isEqualTo("1,item 1\n2,item 2\n3,item 3\n4,item 4\n5,item 5\n");
        assertThat(ItemsTable.rows(pg)).isEqualTo(ItemsTable.FIVE_ROWS + ", 6 item 6, 7 item 7, 8 item 8");
    }

    @Test
    void whatPrismaMigrateResetSendsIsRefusedAndTheSchemaSurvives() throws Exception {
        // Prisma's schema engine (PostgreSQL flavour, reset): its advisory lock, then for the URL's schema
        // DROP SCHEMA "<schema>" CASCADE and CREATE SCHEMA "<schema>", then DROP TABLE _prisma_migrations, each as
        // one simple Query; here the URL's ?schema= is the test's own schema, never public
        ClientProcess.Run run = psqlScript("prisma-reset.sql", List.of(
                "SELECT pg_advisory_lock(72707369);",
                "DROP SCHEMA \"" + pg.schema + "\" CASCADE;",
                "CREATE SCHEMA \"" + pg.schema + "\";",
                "DROP TABLE _prisma_migrations;",
                "SELECT pg_advisory_unlock(72707369);"));
        assertThat(run.stdout())
                .contains("psql:prisma-reset.sql:2: " + REFUSED + "DROP SCHEMA " + pg.schema)
                .contains("(rule drop)")
                .contains("psql:prisma-reset.sql:3: ERROR:  schema \"" + pg.schema + "\" already exists")
                .contains("psql:prisma-reset.sql:4: " + REFUSED + "DROP TABLE _prisma_migrations (rule drop)");
        assertThat(pg.count("\"User\"")).isEqualTo(2);
        assertThat(pg.count("\"Post\"")).isEqualTo(3);
        assertThat(ItemsTable.rows(pg)).isEqualTo(ItemsTable.FIVE_ROWS);
    }

    @Test
    void whatPrismaDbPushWithAcceptDataLossSendsIsRefusedAndTheDataSurvives() throws Exception {
        // the steps of a schema.prisma that lost model Post and field User.name, as Prisma renders them
        ClientProcess.Run steps = psqlScript("prisma-push.sql", List.of(
                "ALTER TABLE \"Post\" DROP CONSTRAINT \"Post_authorId_fkey\";",
                "ALTER TABLE \"User\" DROP COLUMN \"name\";",
                "DROP TABLE \"Post\";"));
        assertThat(steps.stdout())
                .contains("psql:prisma-push.sql:1: " + REFUSED)
                .contains("psql:prisma-push.sql:2: " + REFUSED)
                .contains("psql:prisma-push.sql:3: " + REFUSED + "DROP TABLE Post (rule drop)");
        // the same as one migration script in one Query, as `prisma migrate deploy` applies a migration.sql
        ClientProcess.Run script = ClientProcess.of(psql, "-X", "-c", String.join("\n",
                "-- DropForeignKey",
                "ALTER TABLE \"Post\" DROP CONSTRAINT \"Post_authorId_fkey\";", "",
                "-- AlterTable",
                "ALTER TABLE \"User\" DROP COLUMN \"name\";", "",
                "-- DropTable",
                "DROP TABLE \"Post\";")).throughProxy(pg).errorsInline().run();
        assertThat(script.exitCode()).isNotZero();
        assertThat(script.stdout()).startsWith(REFUSED);
        assertThat(pg.count("\"Post\"")).isEqualTo(3);
        assertThat(columns("User")).containsExactly("id", "email", "name");
        assertThat(constraints("Post")).contains("Post_authorId_fkey");
    }

    /** Runs a script file with psql as a person would ({@code -X}, errors do not stop it), errors inline. */
    private ClientProcess.Run psqlScript(String name, List<String> lines) throws Exception {
        Path script = files.resolve(name);
        Files.writeString(script, String.join("\n", lines) + "\n");
        return ClientProcess.of(psql, "-X", "-f", name).throughProxy(pg).in(files).errorsInline().run();
    }

    private static List<String> columns(String table) throws Exception {
        return names("SELECT column_name FROM information_schema.columns WHERE table_schema = ? AND table_name = ?"
                + " ORDER BY ordinal_position", table);
    }

    private static List<String> constraints(String table) throws Exception {
        return names("SELECT constraint_name FROM information_schema.table_constraints WHERE table_schema = ?"
                + " AND table_name = ? ORDER BY constraint_name", table);
    }

    private static List<String> names(String sql, String table) throws Exception {
        try (var connection = pg.database.connect(); var query = connection.prepareStatement(sql)) {
            query.setString(1, pg.schema);
            query.setString(2, table);
            try (var rows = query.executeQuery()) {
                List<String> names = new ArrayList<>();
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
                return names;
            }
        }
    }
}
