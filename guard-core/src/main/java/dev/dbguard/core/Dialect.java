package dev.dbguard.core;


import java.util.Locale;

/**
 * The SQL dialect a connection speaks, which decides how its text is read: where a string, a comment or a statement
 * ends. MySQL and MariaDB read {@code 'x\''} as one string, {@code #} as a comment and {@code "a"} as a string;
 * PostgreSQL does none of that. Reading a statement with the wrong rules can hide a second statement behind the
 * first, so the engine always reads with the target's dialect.
 */
public enum Dialect {
    /** PostgreSQL and servers that speak its SQL (the wire-protocol proxy, CockroachDB, YugabyteDB, Redshift). */
    POSTGRESQL,
    /** MySQL. */
    MYSQL,
    /** MariaDB: MySQL's lexical rules, plus {@code /*M! ... *}{@code /} comments and compound statements outside routines. */
    MARIADB,
    /**
     * Not known (H2, Oracle, SQL Server, a driver dbguard cannot name). Read conservatively: a statement is judged by
     * both the PostgreSQL and the MySQL reading and refused if either reading finds something.
     */
    UNKNOWN;

    /**
     * The dialect a JDBC URL names: {@code jdbc:postgresql:} and {@code jdbc:pgsql:}, {@code jdbc:mysql:},
     * {@code jdbc:mariadb:}; wrappers such as {@code jdbc:dbguard:}, {@code jdbc:p6spy:} or Testcontainers'
     * {@code jdbc:tc:} are looked through.
     *
     * @param jdbcUrl a JDBC URL, any case, or null
     * @return the dialect, or {@link #UNKNOWN} for any other URL, including null
     */
    public static Dialect fromJdbcUrl(String jdbcUrl) {
        if (jdbcUrl == null) {
            return UNKNOWN;
        }
        String url = jdbcUrl.trim().toLowerCase(Locale.ROOT);
        if (!url.startsWith("jdbc:")) {
            return UNKNOWN;
        }
        String rest = url.substring("jdbc:".length());
        for (String wrapper : new String[] {"dbguard:", "p6spy:", "tc:", "log4jdbc:", "otel:"}) {
            while (rest.startsWith(wrapper)) {
                rest = rest.substring(wrapper.length());
            }
        }
        if (rest.startsWith("postgresql:") || rest.startsWith("pgsql:") || rest.startsWith("postgres:")) {
            return POSTGRESQL;
        }
        if (rest.startsWith("mariadb:")) {
            return MARIADB;
        }
        if (rest.startsWith("mysql:")) {
            return MYSQL;
        }
        return UNKNOWN;
    }

    /**
     * The dialect a driver reports as {@code DatabaseMetaData.getDatabaseProductName()} ({@code PostgreSQL},
     * {@code MySQL}, {@code MariaDB}); {@link #UNKNOWN} for anything else. The MariaDB driver reports MySQL servers as
     * {@code MySQL}, and MySQL's driver reports MariaDB servers as {@code MySQL} with a version ending
     * {@code -MariaDB}: pass {@code getDatabaseProductVersion()} as {@code version} to tell them apart.
     *
     * @param productName the driver's product name, or null
     * @param version     the driver's product version, or null
     * @return the dialect, or {@link #UNKNOWN} for any other product, including null
     */
    public static Dialect fromProductName(String productName, String version) {
        if (productName == null) {
            return UNKNOWN;
        }
        String name = productName.toLowerCase(Locale.ROOT);
        if (name.contains("postgres")) {
            return POSTGRESQL;
        }
        if (name.contains("mariadb") || name.contains("mysql") && version != null
                && version.toLowerCase(Locale.ROOT).contains("mariadb")) {
            return MARIADB;
        }
        if (name.contains("mysql")) {
            return MYSQL;
        }
        return UNKNOWN;
    }

    /** {@return whether this is MySQL or MariaDB, which share their lexical rules} */
    public boolean isMySqlFamily() {
        return this == MYSQL || this == MARIADB;
    }
}
