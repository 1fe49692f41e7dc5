package dev.dbguard.samples.tasks.drill;

import dev.dbguard.samples.tasks.PostgresDatabase;
import org.hibernate.SessionFactory;

import java.util.List;

/**
 * One of the accidents that destroy production data, and how the drill replays it.
 *
 * @param title  what happens, in one line
 * @param note   how the drill stages it, when that needs saying; else null
 * @param replay the attempts
 */
record Accident(String title, String note, Replay replay) {

    /** Makes the accident's attempts. */
    @FunctionalInterface
    interface Replay {
        void replay(Accidents culprits, AttemptRecorder attempts) throws Exception;
    }

    /** The drill's accidents, in the order they are replayed. */
    static List<Accident> all(PostgresDatabase database) {
        return List.of(
                new Accident("An integration-test fixture empties every table before a test;"
                        + " its DATABASE_URL points here", null, (culprits, attempts) -> {
                    for (String table : culprits.tablesAFixtureEmpties()) {
                        attempts.attempt("TRUNCATE TABLE " + table + " RESTART IDENTITY CASCADE",
                                () -> culprits.truncateBeforeATest(table));
                    }
                }),
                new Accident("An admin endpoint that resets the demo data is called", null,
                        (culprits, attempts) -> attempts.attempt("DELETE /admin/tasks -> DELETE FROM tasks",
                                () -> culprits.callEndpoint("DELETE", "admin/tasks"))),
                new Accident("An admin clean-up endpoint is called without filters; its query builder starts"
                        + " from WHERE 1=1", null,
                        (culprits, attempts) -> attempts.attempt("DELETE /admin/tasks/cleanup -> ... WHERE 1=1",
                                () -> culprits.callEndpoint("DELETE", "admin/tasks/cleanup"))),
                new Accident("Hibernate starts with ddl-auto=create-drop against this database", null,
                        (culprits, attempts) -> {
                            SessionFactory[] started = new SessionFactory[1];
                            attempts.attempt("Hibernate starts: drop and create the schema", () -> {
                                started[0] = culprits.hibernateCreateDropStarts();
                                return "started";
                            });
                            if (started[0] != null) {
                                attempts.attempt("Hibernate shuts down: drop the schema",
                                        () -> culprits.hibernateShutsDown(started[0]));
                            }
                        }),
                new Accident("Someone runs Flyway clean against this database (cleanDisabled=false)", null,
                        (culprits, attempts) -> attempts.attempt("flyway.clean()", culprits::flywayClean)),
                new Accident("A release ships a migration that drops a column: V3__drop_task_notes.sql", null,
                        (culprits, attempts) -> attempts.attempt(
                                "flyway.migrate() -> ALTER TABLE tasks DROP COLUMN note",
                                culprits::migrateToTheNextRelease)),
                new Accident("A developer's configuration declares development, but its URL names a production"
                        + " host", "dbguard.env=development, dbguard.production-url-patterns=" + database.host()
                        + " (this database's host stands in for your production host pattern)",
                        (culprits, attempts) -> attempts.attempt("DELETE FROM tasks (HikariCP + DbGuard.wrap)",
                                culprits::developerDeletesAllTasks)),
                new Accident("Two statements arrive as one string", null,
                        (culprits, attempts) -> attempts.attempt("SELECT 1; DROP TABLE tasks",
                                () -> culprits.runScript("SELECT 1; DROP TABLE tasks"))));
    }
}
