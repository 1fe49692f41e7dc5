/**
 * The guard itself: {@link dev.dbguard.core.StatementGuard} judges each statement for a
 * {@link dev.dbguard.core.Target} (a data source in an environment, with its mode and dialect) and returns a
 * {@link dev.dbguard.core.Verdict}; {@link dev.dbguard.core.GuardConfig} is its one immutable configuration; a
 * refusal is a {@link dev.dbguard.core.BlockedStatementException}, a {@code java.sql.SQLException}.
 */
package dev.dbguard.core;
