package dev.dbguard.samples.tasks.drill;

import dev.dbguard.samples.tasks.PostgresDatabase;

import java.io.PrintStream;
import java.util.List;

/** Writes the drill's output for someone who has never seen the code: one line per attempt, in columns. */
final class DrillPrinter {

    private static final int WHAT = 56;
    private static final int OUTCOME = 8;
    private static final int RULES = 18;

    private final PrintStream out;

    DrillPrinter(PrintStream out) {
        this.out = out;
    }

    void header(PostgresDatabase database, boolean embedded, String schema, String stagingSchema) {
        out.println();
        out.println("dbguard incident drill");
        out.println(label("database") + database.description()
                + (embedded ? ", started for this drill and deleted when it ends" : ""));
        out.println(label("touches") + "only the schemas " + schema + " and " + stagingSchema
                + ", which the drill creates, fills and drops; nothing else");
        out.println(label("app") + "the task-tracker sample (Spring Boot, Flyway, JPA, REST API with admin endpoints),"
                + " guarded by guard-spring-boot-starter");
    }

    void passStart(int number, String environment, String schema, boolean throwaway) {
        out.println();
        String title = "Pass " + number + ": dbguard.env=" + environment + ", schema " + schema
                + (throwaway ? " (a throwaway copy, restored before each accident)" : "");
        out.println("== " + title + " " + "=".repeat(Math.max(3, 110 - title.length())));
    }

    void started(List<String> logLines, Snapshot snapshot) {
        logLines.forEach(line -> out.println("  " + label("log") + line));
        out.println("  " + label("rows") + snapshot.rowCounts());
    }

    void accident(AccidentReport accident, String note, boolean throwaway) {
        out.println();
        out.println(accident.number() + ". " + accident.title());
        if (note != null) {
            out.println("   " + note);
        }
        for (Attempt attempt : accident.attempts()) {
            String rules = String.join(", ", attempt.rules())
                    + (attempt.flagged() > attempt.rules().size() ? " x" + attempt.flagged() : "");
            out.println("   " + pad(attempt.what(), WHAT) + " " + pad(attempt.outcome().name(), OUTCOME) + " "
                    + pad(rules.isEmpty() ? "-" : rules, RULES) + " " + attempt.detail());
        }
        accident.logLines().forEach(line -> out.println("   " + label("log") + line));
        long audited = accident.attempts().stream().filter(attempt -> attempt.outcome() == Outcome.AUDITED)
                .mapToInt(Attempt::flagged).sum();
        long auditLines = accident.logLines().stream().filter(line -> line.contains(" dbguard.audit  AUDITED ")).count();
        if (auditLines < audited) {
            out.println("   " + label("") + "(a statement audited again within dbguard.audit.window, 1m by default,"
                    + " is counted but not logged again)");
        }
        String verdict = accident.unchanged() ? "unchanged" : throwaway ? "changed (the throwaway copy)" : "CHANGED";
        out.println("   " + label("rows") + accident.before().changeTo(accident.after()) + ": " + verdict);
    }

    void passEnd(PassReport pass) {
        out.println();
        out.println("  " + label("endpoint") + "GET /actuator/dbguard -> dataSource: " + pass.endpoint());
        List<Attempt> attempts = pass.attempts();
        long refused = attempts.stream().filter(attempt -> attempt.outcome() == Outcome.REFUSED).count();
        long audited = attempts.stream().filter(attempt -> attempt.outcome() == Outcome.AUDITED).count();
        if (pass.environment().equals("production")) {
            out.println("  " + label("result") + (pass.held()
                    ? "production held: " + refused + " of " + attempts.size() + " attempts refused, every row and"
                    + " column still there"
                    : "PRODUCTION DID NOT HOLD: " + refused + " of " + attempts.size() + " attempts refused; see above"));
        } else {
            out.println("  " + label("result") + audited + " of " + attempts.size() + " attempts ran and were"
                    + " audited, " + refused + " refused (the production URL pattern wins over any declared"
                    + " environment); watch audit mode in staging before you block");
        }
    }

    void proxyPassStart(int number, String schema, String listen, String upstream, boolean psqlInstalled) {
        out.println();
        String title = "Pass " + number + ": any PostgreSQL client through dbguard-pg-proxy (environment production,"
                + " mode block), schema " + schema;
        out.println("== " + title + " " + "=".repeat(Math.max(3, 110 - title.length())));
        out.println("  " + label("proxy") + "java -jar guard-pg-proxy/target/dbguard-pg-proxy.jar --listen " + listen
                + " --upstream " + upstream + " --env production (started in this JVM)");
        out.println("  " + label("clients") + (psqlInstalled ? "psql and PgJDBC" : "PgJDBC only: psql is not"
                + " installed here (apt-get install postgresql-client shows it too)") + ", connected to " + listen
                + " instead of the database");
    }

    void proxyPassEnd(ProxyPassReport pass) {
        out.println();
        List<Attempt> attempts = pass.attempts();
        long refused = attempts.stream().filter(attempt -> attempt.outcome() == Outcome.REFUSED).count();
        out.println("  " + label("result") + (pass.held()
                ? "production held through the proxy: " + refused + " of " + attempts.size() + " attempts refused,"
                + " every row and column still there"
                : "PRODUCTION DID NOT HOLD THROUGH THE PROXY: " + refused + " of " + attempts.size()
                + " attempts refused; see above"));
    }

    void footer(DrillReport report, boolean embedded) {
        out.println();
        out.println("Done: the drill's schemas are dropped" + (embedded ? " and embedded PostgreSQL is stopped" : "")
                + ". " + (report.productionHeld()
                ? "In production every destructive statement was refused before it reached the database."
                : "Production did NOT hold: see the attempts marked above."));
    }

    void stopped(String reason) {
        out.println();
        out.println("drill stopped: " + reason);
    }

    private static String label(String label) {
        return pad(label, 9) + " ";
    }

    private static String pad(String text, int width) {
        if (text.length() > width) {
            return text;
        }
        return text + " ".repeat(width - text.length());
    }

}
