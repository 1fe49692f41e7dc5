package dev.dbguard.core.posture;

import java.util.List;

/**
 * What dbguard found about the database account and transport of one guarded data source (or one proxy route's
 * account) on its first connection: where the guard's protection ends and the account's must begin.
 *
 * @param dataSource  the data source's name, or for the PostgreSQL proxy the route and the account
 *                    ({@code production: app@shop})
 * @param environment the environment in force for it
 * @param checked     false when the server could not be asked (then {@code findings} is empty and {@code line}
 *                    says why)
 * @param account     the account as the server names it; null when not checked
 * @param findings    what the account leaves exposed, and settings worth knowing
 * @param line        the one line logged at start-up
 */
public record Posture(String dataSource, String environment, boolean checked, String account,
                      List<PostureFinding> findings, String line) {

    /**
     * Copies {@code findings}.
     *
     * @param dataSource  the data source's name, or the proxy route and account
     * @param environment the environment in force for it
     * @param checked     whether the server could be asked
     * @param account     the account as the server names it, or null
     * @param findings    what the account leaves exposed; not null
     * @param line        the line logged at start-up
     */
    public Posture {
        findings = List.copyOf(findings);
    }

    /** {@return whether any finding lets another client destroy data or read credentials} */
    public boolean exposed() {
        return findings.stream().anyMatch(PostureFinding::exposed);
    }

    /** {@return the ids of the findings present, exposed or not, in finding order} */
    public List<String> findingIds() {
        return findings.stream().map(PostureFinding::id).toList();
    }
}
