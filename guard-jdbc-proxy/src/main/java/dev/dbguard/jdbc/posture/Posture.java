package dev.dbguard.jdbc.posture;

import java.util.List;

/**
 * What dbguard found about the account and transport of one guarded data source on its first connection: where the
 * guard's protection ends and the account's must begin.
 *
 * @param dataSource  the data source's name
 * @param environment the environment in force for it
 * @param checked     false when the server could not be asked (then {@code findings} is empty and {@code line}
 *                    says why)
 * @param account     the account as the server names it; null when not checked
 * @param findings    what the account leaves exposed, and settings worth knowing
 * @param line        the one line logged at start-up
 */
public record Posture(String dataSource, String environment, boolean checked, String account,
                      List<PostureFinding> findings, String line) {

    /** Where the README explains the fix, named at the end of every exposed line. */
    static final String FIX = "Fix: see README \"Least privilege\".";

    public Posture {
        findings = List.copyOf(findings);
    }

    /** Whether any finding lets another client destroy data or read credentials. */
    public boolean exposed() {
        return findings.stream().anyMatch(PostureFinding::exposed);
    }

    /** The ids of the findings present, exposed or not. */
    public List<String> findingIds() {
        return findings.stream().map(PostureFinding::id).toList();
    }

    static Posture of(String dataSource, String environment, PostureFacts facts, ServerAddress address,
                      List<PostureFinding> findings) {
        String head = "dbguard posture '" + dataSource + "' (" + environment + "): ";
        List<String> exposed = findings.stream().filter(PostureFinding::exposed).map(PostureFinding::text).toList();
        List<String> notes = findings.stream().filter(finding -> !finding.exposed()).map(PostureFinding::text)
                .toList();
        String also = notes.isEmpty() ? "" : " Also: " + String.join("; ", notes) + ".";
        String line = exposed.isEmpty()
                ? head + "nothing exposed: " + allClear(facts, address) + "." + also
                : head + String.join("; ", exposed) + "." + also + " " + FIX;
        return new Posture(dataSource, environment, true, facts.account(), findings, line);
    }

    static Posture unchecked(String dataSource, String environment, String reason) {
        return new Posture(dataSource, environment, false, null, List.of(),
                "dbguard posture '" + dataSource + "' (" + environment + "): not checked (" + reason + ")");
    }

    private static String allClear(PostureFacts facts, ServerAddress address) {
        String where = facts.schemas().isEmpty() ? "" : " in " + String.join(", ", facts.schemas());
        String transport = address.loopback() ? "it connects over loopback (" + address.display() + ")"
                : Boolean.TRUE.equals(facts.tls()) ? "TLS verified to " + address.display()
                : "TLS state of " + address.display() + " unknown";
        return "account " + facts.account() + " owns none of the " + Exposures.tables(facts.tables()) + where
                + " and holds no superuser or role-creating rights; " + transport;
    }
}
