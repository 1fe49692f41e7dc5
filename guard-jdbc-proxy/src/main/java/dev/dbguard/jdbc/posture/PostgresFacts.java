package dev.dbguard.jdbc.posture;

import dev.dbguard.core.internal.posture.PostgresPostureQuery;
import dev.dbguard.core.internal.posture.PostureFacts;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads a PostgreSQL account's posture facts with {@link PostgresPostureQuery}, the proxy's query too. */
final class PostgresFacts implements FactsReader {

    @Override
    public PostureFacts read(Connection connection, int timeoutSeconds) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(timeoutSeconds);
            try (ResultSet row = statement.executeQuery(PostgresPostureQuery.SQL)) {
                row.next();
                List<String> columns = new ArrayList<>(PostgresPostureQuery.COLUMNS);
                for (int column = 1; column <= PostgresPostureQuery.COLUMNS; column++) {
                    columns.add(row.getString(column));
                }
                return PostgresPostureQuery.facts(columns);
            }
        }
    }
}
