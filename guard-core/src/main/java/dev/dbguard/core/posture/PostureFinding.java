package dev.dbguard.core.posture;

import java.util.List;

/**
 * One thing the database account allows that dbguard cannot stop, or a safety setting worth knowing.
 *
 * @param id      what was found: one of {@link #IDS}; {@code owner}, {@code superuser} and {@code no-tls} are the
 *                values {@code dbguard.posture.fail-on} accepts
 * @param text    the finding in words, e.g. {@code account app is the OWNER of 12 tables in public (...)}
 * @param exposed true when it lets a client other than the application destroy data or read credentials; false
 *                for a setting that is only worth knowing ({@code no-statement-timeout})
 */
public record PostureFinding(String id, String text, boolean exposed) {

    /** Every finding id, in the order the posture line lists them. */
    public static final List<String> IDS = List.of("superuser", "createrole", "createdb", "bypassrls", "owner",
            "truncate", "references", "no-tls", "unverified-tls", "read-only-not-enforced", "no-statement-timeout");
}
