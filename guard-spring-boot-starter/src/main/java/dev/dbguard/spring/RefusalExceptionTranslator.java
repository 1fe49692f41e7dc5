package dev.dbguard.spring;

import dev.dbguard.core.BlockedStatementException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.PermissionDeniedDataAccessException;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;

import java.sql.SQLException;

/**
 * Makes a dbguard refusal reach {@code JdbcTemplate} and {@code JdbcClient} callers as a
 * {@link PermissionDeniedDataAccessException} carrying the dbguard message, and translates every other
 * {@link SQLException} exactly as Spring does by default.
 *
 * <p>Spring's default translator reads the refusal's SQLState {@code 42501} by its class {@code 42} and would call
 * it a {@code BadSqlGrammarException}, which sends people looking for a typo instead of at the guard.
 */
final class RefusalExceptionTranslator implements SQLExceptionTranslator {

    private final SQLExceptionTranslator springDefault = new SQLExceptionSubclassTranslator();

    @Override
    public DataAccessException translate(String task, String sql, SQLException ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof BlockedStatementException refusal) {
                // The refusal message names the rule and the objects; the raw SQL may hold literals, so leave it out.
                return new PermissionDeniedDataAccessException(task + "; " + refusal.getMessage(), ex);
            }
        }
        return springDefault.translate(task, sql, ex);
    }
}
