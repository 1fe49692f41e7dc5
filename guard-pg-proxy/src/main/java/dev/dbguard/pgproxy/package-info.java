/**
 * The PostgreSQL wire-protocol proxy: {@link dev.dbguard.pgproxy.PgProxy} relays clients to the server and judges
 * every query on the way; {@link dev.dbguard.pgproxy.PgProxyCommand} is its command line.
 */
package dev.dbguard.pgproxy;
