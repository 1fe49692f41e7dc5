package dev.dbguard.core.sql;

import java.util.Objects;

/**
 * A change a statement makes to its session that the guard must remember for the statements after it: a setting
 * that changes how text is read, or a temporary table created or dropped.
 *
 * @param kind  what changes
 * @param name  the setting's name, lower case ({@code standard_conforming_strings}, {@code sql_mode}), or the table's
 *              name as written
 * @param value for {@link Kind#SETTING}, the new value as text, or null when it is computed at run time (an
 *              expression) and so cannot be known; null for the other kinds
 */
public record SessionChange(Kind kind, String name, String value) {

    /** What a statement changes in its session. */
    public enum Kind {
        /** {@code SET name = value} (PostgreSQL) or {@code SET [SESSION] name = value} (MySQL); RESET gives value {@code DEFAULT}. */
        SETTING,
        /** {@code CREATE TEMP[ORARY] TABLE name}, {@code SELECT ... INTO TEMP name}. */
        TEMPORARY_TABLE_CREATED,
        /** {@code DROP TABLE name}: a temporary table of that name is gone (and a permanent one is visible again). */
        TABLE_DROPPED,
        /** {@code DISCARD TEMP} / {@code DISCARD ALL}: every temporary table of the session is gone. */
        TEMPORARY_TABLES_DISCARDED
    }

    /**
     * Checks that {@code kind} is given.
     *
     * @param kind  what changes
     * @param name  the setting's or table's name
     * @param value a setting's new value, or null
     * @throws NullPointerException when {@code kind} is null
     */
    public SessionChange {
        Objects.requireNonNull(kind, "kind");
    }
}
