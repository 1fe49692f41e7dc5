/**
 * The entry point for plain JDBC: {@link dev.dbguard.DbGuard#wrap(javax.sql.DataSource)} returns a guarded
 * {@code DataSource}.
 */
package dev.dbguard;
