/**
 * Which environment a data source is in ({@link dev.dbguard.core.env.Environment}, its
 * {@link dev.dbguard.core.env.Tier}) and where that came from ({@link dev.dbguard.core.env.ResolvedEnvironment}):
 * the declared value, production URL patterns that override it, in-memory URLs that run in development.
 */
package dev.dbguard.core.env;
