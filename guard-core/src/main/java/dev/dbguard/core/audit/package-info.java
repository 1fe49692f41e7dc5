/**
 * What the guard reports: one {@link dev.dbguard.core.audit.AuditEvent} per refused, audited, allow-listed or
 * overridden statement, given to an {@link dev.dbguard.core.audit.AuditSink} (the {@code dbguard.audit} log line by
 * default), with the {@link dev.dbguard.core.audit.Sender} that sent it.
 */
package dev.dbguard.core.audit;
