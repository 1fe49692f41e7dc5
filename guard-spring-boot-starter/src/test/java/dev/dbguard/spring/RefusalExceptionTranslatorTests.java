package dev.dbguard.spring;

import dev.dbguard.core.BlockedStatementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.PermissionDeniedDataAccessException;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransientConnectionException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Refusals become PermissionDeniedDataAccessException; every other SQLException is translated as Spring would. */
class RefusalExceptionTranslatorTests {

    private final RefusalExceptionTranslator translator = new RefusalExceptionTranslator();

    @Test
    void refusalBecomesPermissionDeniedWithTheDbguardMessageAndWithoutTheSql() {
        BlockedStatementException refusal = new BlockedStatementException(
                "dbguard: refused TRUNCATE of customers in production", "truncate", "production");

        assertThat(translator.translate("StatementCallback", "TRUNCATE customers /* 4111-1111 */", refusal))
                .isInstanceOf(PermissionDeniedDataAccessException.class)
                .hasMessage("StatementCallback; dbguard: refused TRUNCATE of customers in production")
                .hasCause(refusal);
    }

    @Test
    void refusalInsideAnotherSqlExceptionIsFound() {
        BlockedStatementException refusal = new BlockedStatementException("dbguard: refused", "drop", "production");
        SQLException wrapper = new SQLException("batch failed", "42501", refusal);

        assertThat(translator.translate("batch", null, wrapper))
                .isInstanceOf(PermissionDeniedDataAccessException.class);
    }

    static Stream<SQLException> otherFailures() {
        return Stream.of(
                new SQLException("relation \"nope\" does not exist", "42P01"),
                new SQLException("permission denied for table customers", "42501"),
                new SQLSyntaxErrorException("syntax error", "42601"),
                new SQLIntegrityConstraintViolationException("duplicate key", "23505"),
                new SQLException("duplicate key", "23505"),
                new SQLTransientConnectionException("connection lost", "08006"),
                new BatchUpdateException("batch", "22001", new int[0]),
                new SQLException("no state"));
    }

    @ParameterizedTest
    @MethodSource("otherFailures")
    void otherFailuresAreTranslatedAsSpringWould(SQLException failure) {
        DataAccessException ours = translator.translate("task", "SELECT 1", failure);
        DataAccessException springs = new SQLExceptionSubclassTranslator().translate("task", "SELECT 1", failure);
        // Spring returns null for what it cannot classify; JdbcTemplate then reports an UncategorizedSQLException.
        assertThat(ours == null ? null : ours.getClass()).isEqualTo(springs == null ? null : springs.getClass());
    }
}
