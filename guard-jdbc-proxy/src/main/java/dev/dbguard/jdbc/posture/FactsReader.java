package dev.dbguard.jdbc.posture;

import dev.dbguard.core.Dialect;
import dev.dbguard.core.internal.posture.PostureFacts;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;

/** Reads the {@link PostureFacts} of one product's server with a few catalog queries. */
interface FactsReader {

    /**
     * Reads the facts of the account {@code connection} runs as, each query limited to {@code timeoutSeconds}.
     *
     * @throws SQLException when the server does not answer in time or the account may not read its catalogs
     */
    PostureFacts read(Connection connection, int timeoutSeconds) throws SQLException;

    /**
     * The reader for the product {@code connection} talks to: the URL names it, else the server's product name;
     * null for a product other than PostgreSQL and MariaDB/MySQL.
     */
    static FactsReader of(Connection connection, String url) {
        Dialect dialect = Dialect.fromJdbcUrl(url);
        if (dialect == Dialect.UNKNOWN) {
            try {
                DatabaseMetaData metaData = connection.getMetaData();
                dialect = Dialect.fromProductName(metaData.getDatabaseProductName(),
                        metaData.getDatabaseProductVersion());
            } catch (SQLException | RuntimeException unknown) {
                return null;
            }
        }
        if (dialect == Dialect.POSTGRESQL) {
            return new PostgresFacts();
        }
        return dialect.isMySqlFamily() ? new MariaDbFacts() : null;
    }
}
