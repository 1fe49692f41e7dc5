/**
 * Reading SQL text: splitting, the dialect-aware lexer, the structural scanner and the JSqlParser classifier that
 * turn a statement into {@link dev.dbguard.core.sql.SqlAction}s for the rules, plus the fingerprint and redaction
 * audit events carry. The engine's internals: users meet these types only through
 * {@link dev.dbguard.core.Finding} and {@link dev.dbguard.core.rules.Rule}.
 */
package dev.dbguard.core.sql;
