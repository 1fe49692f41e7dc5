/**
 * The posture of a guarded connection's database account: what the account allows that dbguard cannot stop
 * (superuser, ownership of the tables, TLS off), found once per data source or proxy route and logged on the
 * {@code dbguard.posture} logger. See the README, "Least privilege".
 */
package dev.dbguard.core.posture;
