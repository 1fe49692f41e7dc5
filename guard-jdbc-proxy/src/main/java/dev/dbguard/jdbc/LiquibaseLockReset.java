package dev.dbguard.jdbc;

import dev.dbguard.core.GuardConfig;

/**
 * Liquibase empties its one-row lock table with an unscoped {@code DELETE FROM DATABASECHANGELOGLOCK} when it first
 * sets the table up: its own bookkeeping, not data. Where Liquibase can be loaded (its command line, its Maven
 * plugin, an application), the driver allow-lists exactly that statement, audited as allow-listed, as the Spring
 * starter does; a lock table of another name is allow-listed with {@code dbguard.allow=unscoped-delete:<table>}.
 */
final class LiquibaseLockReset {

    private static final String LIQUIBASE_CLASS = "liquibase.Liquibase";
    private static final String DEFAULT_LOCK_TABLE = "DATABASECHANGELOGLOCK";

    private LiquibaseLockReset() {
    }

    /** Allows the lock reset on {@code builder} when Liquibase is there to send it. */
    static void allowWhereLiquibaseRuns(GuardConfig.Builder builder) {
        if (visible(LiquibaseLockReset.class.getClassLoader())
                || visible(Thread.currentThread().getContextClassLoader())) {
            builder.allow("unscoped-delete", DEFAULT_LOCK_TABLE);
        }
    }

    private static boolean visible(ClassLoader loader) {
        if (loader == null) {
            return false;
        }
        try {
            Class.forName(LIQUIBASE_CLASS, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
