package dev.dbguard.jdbc.posture;

import dev.dbguard.core.internal.posture.PostureJudge;
import dev.dbguard.core.posture.Posture;

import java.util.List;

/**
 * Thrown by the first connection of a guarded data source in production or staging when the account shows a
 * finding listed in {@code dbguard.posture.fail-on}: the team asked that such a start fail. Unchecked, so that it
 * stops the start through any pool or framework that opens the connection.
 */
public final class UnsafePostureException extends IllegalStateException {

    private final transient Posture posture;
    /** The ids of the findings that stopped the start. */
    private final List<String> failingFindings;

    UnsafePostureException(Posture posture, List<String> failingFindings) {
        super("dbguard: data source '" + posture.dataSource() + "' (" + posture.environment() + ") does not start: "
                + PostureJudge.texts(posture, failingFindings)
                + ". dbguard.posture.fail-on=" + String.join(",", failingFindings) + " stops the start on this;"
                + " give the application an account without it (README \"Least privilege\"; java -cp ..."
                + " dev.dbguard.jdbc.posture.PostureCommand --url <url> prints the SQL), or remove "
                + String.join(",", failingFindings) + " from dbguard.posture.fail-on.");
        this.posture = posture;
        this.failingFindings = List.copyOf(failingFindings);
    }

    /** {@return everything the check found on the first connection} Null after the exception was deserialised. */
    public Posture posture() {
        return posture;
    }

    /** {@return the ids of the findings that {@code dbguard.posture.fail-on} lists and the account showed} */
    public List<String> failingFindings() {
        return failingFindings;
    }
}
