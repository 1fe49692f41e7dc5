package dev.dbguard.pgproxy;

/**
 * The {@code ErrorResponse} a client receives for a refused statement: severity ERROR, SQLSTATE {@code 42501}, the
 * engine's message (rule, object, environment and its source), a detail saying what happened on the server, and
 * the engine's advice as the HINT.
 */
final class Refusals {

    private static final String ENGINE_CONSEQUENCE =
            " The statement was not sent; the connection and transaction are still usable.";
    private static final String ADVICE_START = " To allow it deliberately: ";
    /** Where read-only mode's advice starts, which names the JVM's override. */
    private static final String READ_ONLY_ADVICE = " The statement was not sent. To write, ";
    private static final String READ_ONLY_HINT = "This route is read-only: to write, connect through a route that is"
            + " not read-only.";
    static final String DETAIL = "The statement was not sent to the server. PostgreSQL treats it as a failed"
            + " statement: an implicit transaction is rolled back, an open transaction block must be rolled back.";

    private Refusals() {
    }

    static ErrorResponse of(String engineMessage) {
        String message = engineMessage;
        String hint = null;
        int advice = message.indexOf(ADVICE_START);
        int readOnly = message.indexOf(READ_ONLY_ADVICE);
        if (advice < 0 && readOnly >= 0) {
            return new ErrorResponse("ERROR", ErrorResponse.INSUFFICIENT_PRIVILEGE, message.substring(0, readOnly),
                    DETAIL, READ_ONLY_HINT);
        }
        if (advice >= 0) {
            // An in-process override is the JVM's way through; a proxy client has the configuration's.
            hint = message.substring(advice + 1).replaceAll("run it inside DbGuard\\.override\\([^)]*\\), or ", "");
            message = message.substring(0, advice);
        }
        // The JDBC path's consequence is not the proxy's: the server sees a failed statement.
        int consequence = message.indexOf(ENGINE_CONSEQUENCE);
        if (consequence >= 0) {
            message = message.substring(0, consequence);
        }
        if (hint == null) {
            hint = "dbguard refused this statement before it reached the server.";
        }
        return new ErrorResponse("ERROR", ErrorResponse.INSUFFICIENT_PRIVILEGE, message, DETAIL, hint);
    }
}
