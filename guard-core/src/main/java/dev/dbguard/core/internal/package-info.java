/**
 * The engine's internals, <strong>not API</strong>: splitting, the dialect-aware lexer, the structural scanner, the
 * JSqlParser classifier, the fingerprint and redaction of audit events. Public only because other dbguard packages
 * and modules (the guard, the scanner) call them; they may change in any release without notice. Depend on
 * {@link dev.dbguard.core.StatementGuard} and the types it returns instead.
 */
package dev.dbguard.core.internal;
