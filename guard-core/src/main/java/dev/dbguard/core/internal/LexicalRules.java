package dev.dbguard.core.internal;

import dev.dbguard.core.Dialect;

/**
 * One way of reading SQL text: where strings, quoted identifiers and comments begin and end, as a given server with
 * given session settings reads them. Immutable; the few distinct readings are shared constants, each with a small
 * {@link #id()} the engine keys its verdict cache by.
 *
 * <ul>
 *   <li>PostgreSQL: {@code --} and nesting {@code /* *}{@code /} comments, {@code $tag$} dollar quotes, {@code E''}
 *       escape strings, {@code "identifiers"}; with {@code standard_conforming_strings = off} a backslash also escapes
 *       inside plain {@code '...'} strings.</li>
 *   <li>MySQL and MariaDB: {@code #} comments, {@code --} only before whitespace, block comments that do not nest,
 *       {@code /*! ... *}{@code /} (and MariaDB's {@code /*M! ... *}{@code /}) executable comments, backslash escapes
 *       (unless {@code sql_mode} has {@code NO_BACKSLASH_ESCAPES}), {@code "..."} strings (unless {@code ANSI_QUOTES}),
 *       {@code ||} as OR (unless {@code PIPES_AS_CONCAT}).</li>
 * </ul>
 */
public final class LexicalRules {

    /** How many distinct readings there are; every {@link #id()} is below this. */
    public static final int COUNT = 2 + 16;

    private static final LexicalRules[] ALL = new LexicalRules[COUNT];

    static {
        ALL[0] = new LexicalRules(0, false, true, false, false, false, false);
        ALL[1] = new LexicalRules(1, false, false, false, false, true, false);
        for (int bits = 0; bits < 16; bits++) {
            boolean mariadb = (bits & 1) != 0;
            boolean ansiQuotes = (bits & 2) != 0;
            boolean noBackslashEscapes = (bits & 4) != 0;
            boolean pipesAsConcat = (bits & 8) != 0;
            ALL[2 + bits] = new LexicalRules(2 + bits, true, false, mariadb, ansiQuotes,
                    !noBackslashEscapes, pipesAsConcat);
        }
    }

    /** PostgreSQL with {@code standard_conforming_strings = on}, the default since 9.1. */
    public static final LexicalRules POSTGRESQL = ALL[0];
    /** MySQL with its default {@code sql_mode}. */
    public static final LexicalRules MYSQL = mysql(false, false, false, false);
    /** MariaDB with its default {@code sql_mode}. */
    public static final LexicalRules MARIADB = mysql(true, false, false, false);

    /**
     * How {@code dialect}'s servers read text with their default settings; for {@link Dialect#UNKNOWN}, the
     * PostgreSQL reading (the engine reads such text the MariaDB way as well).
     */
    public static LexicalRules defaultFor(Dialect dialect) {
        return switch (dialect) {
            case MYSQL -> MYSQL;
            case MARIADB -> MARIADB;
            case POSTGRESQL, UNKNOWN -> POSTGRESQL;
        };
    }

    private final int id;
    private final boolean mysql;
    private final boolean standardConformingStrings;
    private final boolean mariadb;
    private final boolean ansiQuotes;
    private final boolean backslashEscapes;
    private final boolean pipesAsConcat;

    private LexicalRules(int id, boolean mysql, boolean standardConformingStrings, boolean mariadb,
                         boolean ansiQuotes, boolean backslashEscapes, boolean pipesAsConcat) {
        this.id = id;
        this.mysql = mysql;
        this.standardConformingStrings = !mysql && standardConformingStrings;
        this.mariadb = mariadb;
        this.ansiQuotes = ansiQuotes;
        this.backslashEscapes = backslashEscapes;
        this.pipesAsConcat = !mysql || pipesAsConcat;
    }

    /** PostgreSQL, with the session's {@code standard_conforming_strings}. */
    public static LexicalRules postgresql(boolean standardConformingStrings) {
        return standardConformingStrings ? ALL[0] : ALL[1];
    }

    /** MySQL or MariaDB, with the {@code sql_mode} flags that change how text is read. */
    public static LexicalRules mysql(boolean mariadb, boolean ansiQuotes, boolean noBackslashEscapes,
                                     boolean pipesAsConcat) {
        int bits = (mariadb ? 1 : 0) | (ansiQuotes ? 2 : 0) | (noBackslashEscapes ? 4 : 0) | (pipesAsConcat ? 8 : 0);
        return ALL[2 + bits];
    }

    /** The reading with this {@link #id()}. */
    public static LexicalRules byId(int id) {
        return ALL[id];
    }

    /** A small number, unique per reading, below {@link #COUNT}. */
    public int id() {
        return id;
    }

    /** Whether this is a MySQL or MariaDB reading. */
    public boolean mysql() {
        return mysql;
    }

    /** Whether this is MariaDB's reading ({@code /*M!} comments run, compound statements outside routines). */
    public boolean mariadb() {
        return mariadb;
    }

    /** Whether a backslash escapes the next character inside a plain {@code '...'} string. */
    public boolean backslashEscapes() {
        return backslashEscapes;
    }

    /** Whether {@code "..."} is a string (MySQL without {@code ANSI_QUOTES}) rather than an identifier. */
    public boolean doubleQuotedStrings() {
        return mysql && !ansiQuotes;
    }

    /** Whether {@code ||} concatenates (PostgreSQL, MySQL with {@code PIPES_AS_CONCAT}) rather than meaning OR. */
    public boolean pipesConcatenate() {
        return pipesAsConcat;
    }

    /** Whether PostgreSQL's {@code standard_conforming_strings} is on (always false for MySQL readings). */
    boolean standardConformingStrings() {
        return standardConformingStrings;
    }

    /**
     * The readings a session of this family has once {@code setting} is set to {@code value}: one when the value is
     * known, every reading the setting allows when it is null (computed at run time). Settings that do not change
     * how text is read give this reading back.
     */
    public LexicalRules[] after(String setting, String value) {
        String key = setting == null ? "" : setting.trim().toLowerCase(java.util.Locale.ROOT);
        if (!mysql && key.equals("standard_conforming_strings")) {
            return postgresqlReadings(value);
        }
        if (mysql && key.equals("sql_mode")) {
            return mysqlReadings(mariadb, value);
        }
        return new LexicalRules[] {this};
    }

    /** PostgreSQL readings for a {@code standard_conforming_strings} value; null or empty is the default (on). */
    public static LexicalRules[] postgresqlReadings(String standardConformingStrings) {
        if (standardConformingStrings == null) {
            return new LexicalRules[] {postgresql(true), postgresql(false)};
        }
        String value = standardConformingStrings.trim().toLowerCase(java.util.Locale.ROOT);
        if (value.isEmpty() || value.equals("default") || value.equals("on") || value.equals("true")
                || value.equals("1") || value.equals("yes")) {
            return new LexicalRules[] {postgresql(true)};
        }
        if (value.equals("off") || value.equals("false") || value.equals("0") || value.equals("no")) {
            return new LexicalRules[] {postgresql(false)};
        }
        return new LexicalRules[] {postgresql(true), postgresql(false)};
    }

    /** MySQL or MariaDB readings for an {@code sql_mode} value; null means computed at run time, empty the default. */
    public static LexicalRules[] mysqlReadings(boolean mariadb, String sqlMode) {
        if (sqlMode == null) {
            LexicalRules[] all = new LexicalRules[8];
            for (int bits = 0; bits < 8; bits++) {
                all[bits] = mysql(mariadb, (bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0);
            }
            return all;
        }
        java.util.Set<String> flags = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (String flag : sqlMode.split(",")) {
            flags.add(flag.trim());
        }
        // ANSI and the compatibility modes imply ANSI_QUOTES and (but for MSSQL) PIPES_AS_CONCAT.
        boolean compatibility = flags.contains("ORACLE") || flags.contains("POSTGRESQL") || flags.contains("DB2")
                || flags.contains("MAXDB");
        boolean ansiQuotes = compatibility || flags.contains("ANSI") || flags.contains("MSSQL")
                || flags.contains("ANSI_QUOTES");
        boolean pipesAsConcat = compatibility || flags.contains("ANSI") || flags.contains("PIPES_AS_CONCAT");
        return new LexicalRules[] {mysql(mariadb, ansiQuotes, flags.contains("NO_BACKSLASH_ESCAPES"), pipesAsConcat)};
    }

    @Override
    public String toString() {
        if (!mysql) {
            return "PostgreSQL(standard_conforming_strings=" + (standardConformingStrings ? "on" : "off") + ")";
        }
        return (mariadb ? "MariaDB" : "MySQL") + "(ansi_quotes=" + ansiQuotes + ", backslash_escapes="
                + backslashEscapes + ", pipes_as_concat=" + pipesAsConcat + ")";
    }
}
