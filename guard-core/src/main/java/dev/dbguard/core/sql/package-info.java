/**
 * What a rule sees of a statement: the {@link dev.dbguard.core.sql.SqlAction}s the engine found in it (with their
 * {@link dev.dbguard.core.sql.ActionKind}, objects and {@link dev.dbguard.core.sql.WhereScope}), the statement they
 * came from ({@link dev.dbguard.core.sql.AnalyzedStatement}, by which {@link dev.dbguard.core.sql.AnalysisPath}) and
 * the session settings it changes ({@link dev.dbguard.core.sql.SessionChange}). Users meet these types through
 * {@link dev.dbguard.core.Finding}, {@link dev.dbguard.core.Verdict} and {@link dev.dbguard.core.rules.Rule}.
 */
package dev.dbguard.core.sql;
