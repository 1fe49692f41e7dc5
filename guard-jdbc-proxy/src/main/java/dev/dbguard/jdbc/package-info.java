/**
 * The JDBC layer: the {@code jdbc:dbguard:} driver ({@link dev.dbguard.jdbc.DbGuardDriver}), the guarded
 * {@code DataSource} and the connection and statement wrappers that hand every SQL text to the guard before the
 * real driver sees it.
 */
package dev.dbguard.jdbc;
