/**
 * The migration scanner: {@link dev.dbguard.scan.ScanCommand} reads Flyway, Prisma and Liquibase migrations and
 * reports each statement production would refuse, for people and for tools.
 */
package dev.dbguard.scan;
