package dev.dbguard.core;

/**
 * One {@code enforce} call packed as an object, so that a test can run it from inside a framework's frame through a
 * method reference ({@code FlywayFrame.call(call::run)}) with no frame of the test class in between.
 */
final class EngineCall {

    private final StatementGuard guard;
    private final String sql;
    private final Target target;

    EngineCall(StatementGuard guard, String sql, Target target) {
        this.guard = guard;
        this.sql = sql;
        this.target = target;
    }

    /** The verdict, or the refusal's message when the statement was refused. */
    String run() {
        try {
            return guard.enforce(sql, target).decision().name();
        } catch (BlockedStatementException refused) {
            return refused.getMessage();
        }
    }
}
