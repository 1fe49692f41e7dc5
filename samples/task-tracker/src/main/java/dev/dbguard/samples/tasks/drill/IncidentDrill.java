package dev.dbguard.samples.tasks.drill;

import dev.dbguard.samples.tasks.EmbeddedPostgresServer;
import dev.dbguard.samples.tasks.PostgresDatabase;
import dev.dbguard.samples.tasks.SampleArguments;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The incident drill: starts the task tracker against PostgreSQL with {@code dbguard.env=production}, replays the
 * accidents that destroy production data ({@link Accident#all}), and shows for each what was attempted, what
 * dbguard did, its audit lines, and the rows before and after; then does the same with
 * {@code dbguard.env=staging} on a throwaway copy, where the statements run and are audited; and last the production
 * schema once more behind {@code dbguard-pg-proxy}, with clients outside the JVM ({@link ProxyPass}).
 *
 * <p>It works in two schemas of its own ({@value #DEFAULT_SCHEMA} and {@value #DEFAULT_SCHEMA}{@code _staging}
 * unless told otherwise), creates them, and drops them at the end; it never touches anything else.
 */
public final class IncidentDrill {

    /** The schema the drill works in unless {@code --schema} names another. */
    public static final String DEFAULT_SCHEMA = "dbguard_drill";

    private final PostgresDatabase database;
    private final String schema;
    private final boolean verbose;
    private final DrillPrinter printer;

    /**
     * @param database the server to run against, or null for an embedded one started for the drill
     * @param schema   the schema to work in; the staging pass uses {@code schema + "_staging"}
     * @param verbose  show the framework's logs too
     * @param out      where the drill writes its report
     */
    IncidentDrill(PostgresDatabase database, String schema, boolean verbose, PrintStream out) {
        this.database = database;
        this.schema = PostgresDatabase.checkedSchema(schema);
        this.verbose = verbose;
        this.printer = new DrillPrinter(out);
    }

    /**
     * Runs the drill as the command line asked, writing to {@code out}.
     *
     * @return the process exit code: 0 when production held, 1 when it did not, 2 when the drill could not run
     */
    public static int runFromCommandLine(SampleArguments arguments, PrintStream out) {
        CapturedLog.quiet(arguments.verbose());
        String schema = arguments.schema() != null ? arguments.schema() : DEFAULT_SCHEMA;
        IncidentDrill drill = new IncidentDrill(arguments.database(), schema, arguments.verbose(), out);
        try {
            return drill.run().productionHeld() ? 0 : 1;
        } catch (Exception e) {
            drill.printer.stopped(e.getMessage() + (arguments.verbose() ? "" : " (--verbose shows the logs)"));
            if (arguments.verbose()) {
                e.printStackTrace(out);
            }
            return 2;
        }
    }

    /** Runs both passes and reports what happened. */
    DrillReport run() throws Exception {
        EmbeddedPostgresServer embedded = database == null ? EmbeddedPostgresServer.start() : null;
        try {
            PostgresDatabase target = embedded != null ? embedded.database() : database;
            String stagingSchema = schema + "_staging";
            DrillDatabase schemas = new DrillDatabase(target);
            printer.header(target, embedded != null, schema, stagingSchema);
            try {
                PassReport production = pass(1, "production", target, schemas, schema, false);
                PassReport staging = pass(2, "staging", target, schemas, stagingSchema, true);
                ProxyPassReport proxy = new ProxyPass(target, schemas, schema, verbose, printer).run(3);
                DrillReport report = new DrillReport(production, staging, proxy);
                schemas.drop(schema);
                schemas.drop(stagingSchema);
                printer.footer(report, embedded != null);
                return report;
            } finally {
                dropQuietly(schemas, schema);
                dropQuietly(schemas, stagingSchema);
            }
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private PassReport pass(int number, String environment, PostgresDatabase target, DrillDatabase schemas,
                            String passSchema, boolean throwaway) throws Exception {
        schemas.recreate(passSchema);
        printer.passStart(number, environment, passSchema, throwaway);
        try (DrillApp app = DrillApp.start(environment, target, passSchema, verbose)) {
            List<String> startupLines = app.log().drain();
            printer.started(startupLines, schemas.snapshot(passSchema));
            Accidents culprits = new Accidents(app, target, passSchema);
            List<AccidentReport> reports = new ArrayList<>();
            List<Accident> accidents = Accident.all(target);
            for (int i = 0; i < accidents.size(); i++) {
                Accident accident = accidents.get(i);
                if (throwaway && i > 0) {
                    schemas.recreate(passSchema);
                }
                Snapshot before = schemas.snapshot(passSchema);
                AttemptRecorder attempts = new AttemptRecorder(app.audit());
                accident.replay().replay(culprits, attempts);
                AccidentReport report = new AccidentReport(i + 1, accident.title(), attempts.attempts(),
                        app.log().drain(), before, schemas.snapshot(passSchema));
                printer.accident(report, accident.note(), throwaway);
                reports.add(report);
            }
            PassReport pass = new PassReport(environment, passSchema, startupLines, reports, app.endpoint());
            printer.passEnd(pass);
            return pass;
        } finally {
            CapturedLog.quiet(verbose);
        }
    }

    private static void dropQuietly(DrillDatabase schemas, String schema) {
        try {
            schemas.drop(schema);
        } catch (Exception ignored) {
            // Best effort after a failure: the failure itself is what gets reported.
        }
    }
}
