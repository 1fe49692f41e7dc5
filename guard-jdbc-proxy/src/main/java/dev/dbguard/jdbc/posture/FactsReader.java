package dev.dbguard.jdbc.posture;

import java.sql.Connection;
import java.sql.SQLException;

/** Reads the {@link PostureFacts} of one product's server with a few catalog queries. */
interface FactsReader {

    /**
     * Reads the facts of the account {@code connection} runs as, each query limited to {@code timeoutSeconds}.
     *
     * @throws SQLException when the server does not answer in time or the account may not read its catalogs
     */
    PostureFacts read(Connection connection, int timeoutSeconds) throws SQLException;
}
