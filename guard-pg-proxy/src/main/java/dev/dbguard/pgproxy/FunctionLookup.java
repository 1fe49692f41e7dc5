package dev.dbguard.pgproxy;

import io.netty.channel.ChannelHandlerContext;

import java.util.List;
import java.util.function.Consumer;

/**
 * Asks the server, in the client's session, which function a {@code FunctionCall} names by OID: one catalog row,
 * readable by every role. The answer goes to {@code found}; the proxy holds the call, and what the client sent after
 * it, until then.
 */
final class FunctionLookup extends OwnQuery {

    /** {@code 25P02} in_failed_sql_transaction: the server will refuse the call itself. */
    static final String IN_FAILED_TRANSACTION = "25P02";

    /**
     * What the server said.
     *
     * @param schema       the function's schema, null when there is no such function or the lookup failed
     * @param name         its name, likewise
     * @param argumentTypes its declared argument types as the server names them ({@code integer}, {@code text})
     * @param errorCode    the lookup's SQLSTATE when it failed, else null
     * @param errorMessage the lookup's error when it failed, else null
     */
    record Result(String schema, String name, List<String> argumentTypes, String errorCode, String errorMessage) {

        /** Whether the server will refuse the call anyway: no such function, or a failed transaction. */
        boolean serverRefuses() {
            return name == null && (errorCode == null || IN_FAILED_TRANSACTION.equals(errorCode));
        }
    }

    private final long functionOid;
    private final Consumer<Result> found;

    FunctionLookup(long functionOid, Consumer<Result> found) {
        this.functionOid = functionOid;
        this.found = found;
    }

    @Override
    String sql() {
        return "SELECT n.nspname, p.proname, array_to_string(p.proargtypes::pg_catalog.regtype[], ',')"
                + " FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
                + " WHERE p.oid = " + functionOid;
    }

    @Override
    void answered(ChannelHandlerContext upstream, List<String> row, String errorCode, String errorMessage) {
        found.accept(row == null || row.size() != 3 ? new Result(null, null, List.of(), errorCode, errorMessage)
                : new Result(row.get(0), row.get(1), row.get(2) == null || row.get(2).isEmpty() ? List.of()
                        : List.of(row.get(2).split(",")), null, null));
    }
}
