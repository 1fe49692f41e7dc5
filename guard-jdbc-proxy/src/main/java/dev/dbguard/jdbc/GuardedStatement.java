package dev.dbguard.jdbc;

import dev.dbguard.core.BlockedStatementException;
import dev.dbguard.core.Verdict;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A statement whose SQL is judged before it reaches the driver, and whose effects on the session (settings that
 * change how text is read, temporary tables) are recorded once the driver ran it.
 *
 * <p>Batches: each {@code addBatch(String)} is judged when added, so a refused statement never enters the driver's
 * batch. Because the rest of the batch was meant to run together with it, a refusal also taints the batch: the next
 * {@code executeBatch} runs nothing, clears the batch and throws, so nothing of a batch mixing safe and refused
 * statements executes. {@code clearBatch} starts a clean batch. What a batch changes in the session is recorded
 * when {@code executeBatch} returns.
 */
class GuardedStatement implements Statement {

    final GuardedConnection connection;
    private final Statement delegate;
    private BlockedStatementException refusedBatchEntry;
    /** The batch entries that change the session, recorded when the batch has run; usually null. */
    private List<BatchEntry> batchSessionChanges;

    GuardedStatement(GuardedConnection connection, Statement delegate) {
        this.connection = connection;
        this.delegate = delegate;
    }

    /** Judges one execution of {@code sql}; pass the verdict to {@link #ran} or {@link #failed} afterwards. */
    final Verdict enforce(String sql) throws BlockedStatementException {
        return connection.gate().enforce(sql);
    }

    final void ran(String sql, Verdict verdict) {
        connection.gate().ran(sql, verdict);
    }

    final void failed(String sql, Verdict verdict) {
        connection.gate().failed(sql, verdict);
    }

    /**
     * Judges one batch entry; a refusal is remembered so that the batch as a whole cannot run. Once the driver took
     * the entry, pass it to {@link #addedToBatch(String, Verdict)}.
     */
    final Verdict enforceBatchEntry(String sql) throws BlockedStatementException {
        try {
            return enforce(sql);
        } catch (BlockedStatementException refused) {
            refusedBatchEntry = refused;
            throw refused;
        }
    }

    /** The driver took a batch entry: what it changes in the session is recorded when the batch has run. */
    final void addedToBatch(String sql, Verdict verdict) {
        if (verdict != null && connection.gate().changesSession(sql, verdict)) {
            if (batchSessionChanges == null) {
                batchSessionChanges = new ArrayList<>();
            }
            batchSessionChanges.add(new BatchEntry(sql, verdict));
        }
    }

    private record BatchEntry(String sql, Verdict verdict) {
    }

    /** The batch ran (or failed): what its entries changed in the session is recorded, and the batch is empty. */
    private void batchDone(boolean ran) {
        List<BatchEntry> entries = batchSessionChanges;
        batchSessionChanges = null;
        if (entries != null) {
            for (BatchEntry entry : entries) {
                if (ran) {
                    ran(entry.sql(), entry.verdict());
                } else {
                    failed(entry.sql(), entry.verdict());
                }
            }
        }
    }

    final ResultSet results(ResultSet resultSet) {
        return resultSet == null ? null : new GuardedResultSet(connection, this, resultSet);
    }

    private void refuseTaintedBatch() throws SQLException {
        BlockedStatementException refused = refusedBatchEntry;
        if (refused == null) {
            return;
        }
        refusedBatchEntry = null;
        batchSessionChanges = null;
        delegate.clearBatch();
        String reason = refused.getMessage().startsWith("dbguard: ")
                ? refused.getMessage().substring("dbguard: ".length())
                : refused.getMessage();
        BlockedStatementException batchRefused = new BlockedStatementException(
                "dbguard: batch not executed (none of its statements ran) because one of them was refused when added: "
                        + reason,
                refused.ruleId(), refused.environment());
        batchRefused.initCause(refused);
        throw batchRefused;
    }

    // ---- java.sql.Statement: execution (every SQL string is judged here) ----

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        Verdict verdict = enforce(sql);
        try {
            ResultSet result = results(delegate.executeQuery(sql));
            ran(sql, verdict);
            return result;
        } catch (Throwable failure) {
            failed(sql, verdict);
            throw failure;
        }
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        Verdict verdict = enforce(sql);
        try {
            int result = delegate.executeUpdate(sql);
            ran(sql, verdict);
            return result;
        } catch (Throwable failure) {
            failed(sql, verdict);
            throw failure;
        }
    }

    @Override
    public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        Verdict verdict = enforce(sql);
        try {
            int result = delegate.executeUpdate(sql, autoGeneratedKeys);
            ran(sql, verdict);
            return result;
        } catch (Throwable failure) {
            failed(sql, verdict);
            throw failure;
        }
    }

    @Override
    public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
        Verdict verdict = enforce(sql);
        try {
            int result = delegate.executeUpdate(sql, columnIndexes);
            ran(sql, verdict);
            return result;
        } catch (Throwable failure) {
            failed(sql, verdict);
            throw failure;
        }
    }

    @Override
    public int executeUpdate(String sql, String[] columnNames) throws SQLException {
        Verdict verdict = enforce(sql);
        try {
            int result = delegate.executeUpdate(sql, columnNames);
            ran(sql, verdict);
            return result;
        } catch (Throwable failure) {
            failed(sql, verdict);
            throw failure;
        }
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        Verdict verdict = enforce(sql);
        try {
            long result = delegate.executeLargeUpdate(sql);
            ran(sql, verdict);
            return result;
        } catch (Throwable failure) {
            failed(sql, verdict);
            throw failure;
        }
    }

    @Override
    public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        Verdict verdict = enforce(sql);
        try {
            long result = delegate.executeLargeUpdate(sql, autoGeneratedKeys);
            ran(sql, verdict);
            return result;
        } catch (Throwable failure) {
            failed(sql, verdict);
            throw failure;
        }
    }

    @Override
    public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
        Verdict verdict = enforce(sql);
        try {
            long result = delegate.executeLargeUpdate(sql, columnIndexes);
            ran(sql, verdict);
            return result;
        } catch (Throwable failure) {
            failed(sql, verdict);
            throw failure;
        }
    }

    @Override
    public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
        Verdict verdict = enforce(sql);
        try {
            long result = delegate.executeLargeUpdate(sql, columnNames);
            ran(sql, verdict);
            return result;
        } catch (Throwable failure) {
            failed(sql, verdict);
            throw failure;
        }
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        Verdict verdict = enforce(sql);
        try {
            boolean result = delegate.execute(sql);
            ran(sql, verdict);
            return result;
        } catch (Throwable failure) {
            failed(sql, verdict);
            throw failure;
        }
    }

    @Override
    public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
        Verdict verdict = enforce(sql);
        try {
            boolean result = delegate.execute(sql, autoGeneratedKeys);
            ran(sql, verdict);
            return result;
        } catch (Throwable failure) {
            failed(sql, verdict);
            throw failure;
        }
    }

    @Override
    public boolean execute(String sql, int[] columnIndexes) throws SQLException {
        Verdict verdict = enforce(sql);
        try {
            boolean result = delegate.execute(sql, columnIndexes);
            ran(sql, verdict);
            return result;
        } catch (Throwable failure) {
            failed(sql, verdict);
            throw failure;
        }
    }

    @Override
    public boolean execute(String sql, String[] columnNames) throws SQLException {
        Verdict verdict = enforce(sql);
        try {
            boolean result = delegate.execute(sql, columnNames);
            ran(sql, verdict);
            return result;
        } catch (Throwable failure) {
            failed(sql, verdict);
            throw failure;
        }
    }

    // ---- java.sql.Statement: batches ----

    @Override
    public void addBatch(String sql) throws SQLException {
        Verdict verdict = enforceBatchEntry(sql);
        delegate.addBatch(sql);
        addedToBatch(sql, verdict);
    }

    @Override
    public void clearBatch() throws SQLException {
        refusedBatchEntry = null;
        batchSessionChanges = null;
        delegate.clearBatch();
    }

    @Override
    public int[] executeBatch() throws SQLException {
        refuseTaintedBatch();
        try {
            int[] counts = delegate.executeBatch();
            batchDone(true);
            return counts;
        } catch (Throwable failure) {
            batchDone(false);
            throw failure;
        }
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        refuseTaintedBatch();
        try {
            long[] counts = delegate.executeLargeBatch();
            batchDone(true);
            return counts;
        } catch (Throwable failure) {
            batchDone(false);
            throw failure;
        }
    }

    // ---- java.sql.Statement: results ----

    @Override
    public ResultSet getResultSet() throws SQLException {
        return results(delegate.getResultSet());
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        return results(delegate.getGeneratedKeys());
    }

    @Override
    public int getUpdateCount() throws SQLException {
        return delegate.getUpdateCount();
    }

    @Override
    public long getLargeUpdateCount() throws SQLException {
        return delegate.getLargeUpdateCount();
    }

    @Override
    public boolean getMoreResults() throws SQLException {
        return delegate.getMoreResults();
    }

    @Override
    public boolean getMoreResults(int current) throws SQLException {
        return delegate.getMoreResults(current);
    }

    @Override
    public Connection getConnection() {
        return connection;
    }

    // ---- java.sql.Statement: settings and lifecycle ----

    @Override
    public void close() throws SQLException {
        delegate.close();
    }

    @Override
    public boolean isClosed() throws SQLException {
        return delegate.isClosed();
    }

    @Override
    public void cancel() throws SQLException {
        delegate.cancel();
    }

    @Override
    public void closeOnCompletion() throws SQLException {
        delegate.closeOnCompletion();
    }

    @Override
    public boolean isCloseOnCompletion() throws SQLException {
        return delegate.isCloseOnCompletion();
    }

    @Override
    public int getMaxFieldSize() throws SQLException {
        return delegate.getMaxFieldSize();
    }

    @Override
    public void setMaxFieldSize(int max) throws SQLException {
        delegate.setMaxFieldSize(max);
    }

    @Override
    public int getMaxRows() throws SQLException {
        return delegate.getMaxRows();
    }

    @Override
    public void setMaxRows(int max) throws SQLException {
        delegate.setMaxRows(max);
    }

    @Override
    public long getLargeMaxRows() throws SQLException {
        return delegate.getLargeMaxRows();
    }

    @Override
    public void setLargeMaxRows(long max) throws SQLException {
        delegate.setLargeMaxRows(max);
    }

    @Override
    public void setEscapeProcessing(boolean enable) throws SQLException {
        delegate.setEscapeProcessing(enable);
    }

    @Override
    public int getQueryTimeout() throws SQLException {
        return delegate.getQueryTimeout();
    }

    @Override
    public void setQueryTimeout(int seconds) throws SQLException {
        delegate.setQueryTimeout(seconds);
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        return delegate.getWarnings();
    }

    @Override
    public void clearWarnings() throws SQLException {
        delegate.clearWarnings();
    }

    @Override
    public void setCursorName(String name) throws SQLException {
        delegate.setCursorName(name);
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        delegate.setFetchDirection(direction);
    }

    @Override
    public int getFetchDirection() throws SQLException {
        return delegate.getFetchDirection();
    }

    @Override
    public void setFetchSize(int rows) throws SQLException {
        delegate.setFetchSize(rows);
    }

    @Override
    public int getFetchSize() throws SQLException {
        return delegate.getFetchSize();
    }

    @Override
    public int getResultSetConcurrency() throws SQLException {
        return delegate.getResultSetConcurrency();
    }

    @Override
    public int getResultSetType() throws SQLException {
        return delegate.getResultSetType();
    }

    @Override
    public int getResultSetHoldability() throws SQLException {
        return delegate.getResultSetHoldability();
    }

    @Override
    public void setPoolable(boolean poolable) throws SQLException {
        delegate.setPoolable(poolable);
    }

    @Override
    public boolean isPoolable() throws SQLException {
        return delegate.isPoolable();
    }

    // These build SQL text but do not run it; the text is judged when it is executed.

    @Override
    public String enquoteLiteral(String val) throws SQLException {
        return delegate.enquoteLiteral(val);
    }

    @Override
    public String enquoteIdentifier(String identifier, boolean alwaysQuote) throws SQLException {
        return delegate.enquoteIdentifier(identifier, alwaysQuote);
    }

    @Override
    public boolean isSimpleIdentifier(String identifier) throws SQLException {
        return delegate.isSimpleIdentifier(identifier);
    }

    @Override
    public String enquoteNCharLiteral(String val) throws SQLException {
        return delegate.enquoteNCharLiteral(val);
    }

    // ---- java.sql.Wrapper ----

    /** This wrapper for the types it implements; for any other type, the driver's statement, audited. */
    @Override
    public final <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        T unwrapped = delegate.unwrap(iface);
        connection.gate().unwrapped("statement", iface);
        return unwrapped;
    }

    @Override
    public final boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || delegate.isWrapperFor(iface);
    }

    @Override
    public String toString() {
        return "dbguard " + delegate;
    }
}
