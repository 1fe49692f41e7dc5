package dev.dbguard.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One Liquibase refactoring change, however its changelog is written (XML, YAML or JSON), and the SQL Liquibase sends
 * for it: {@code dropTable} is {@code DROP TABLE t}, {@code dropColumn} is {@code ALTER TABLE t DROP COLUMN c},
 * {@code renameColumn} is {@code ALTER TABLE t RENAME COLUMN a TO b}, ... The engine judges that SQL, so each change is
 * judged by the rule the runtime applies when Liquibase runs it.
 *
 * @param name       the change's name ({@code dropTable}, ...)
 * @param offset     where the change starts in its changelog
 * @param attributes its attributes ({@code tableName}, {@code columnName}, ...)
 * @param columns    the names of its nested columns ({@code dropColumn}'s, {@code update}'s)
 * @param where      its {@code where} condition, or null
 */
record LiquibaseChange(String name, int offset, Map<String, String> attributes, List<String> columns, String where) {

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

    /** The changes the scan judges; the others (createTable, addColumn, insert, ...) are additive. */
    private static final List<String> JUDGED = List.of("dropTable", "dropColumn", "dropView", "dropSequence",
            "dropIndex", "dropForeignKeyConstraint", "dropPrimaryKey", "dropUniqueConstraint",
            "dropAllForeignKeyConstraints", "delete", "update", "renameTable", "renameColumn", "renameView",
            "renameSequence", "modifyDataType");

    /** Whether a change of this name is judged. */
    static boolean judged(String name) {
        return JUDGED.contains(name);
    }

    /** The SQL Liquibase sends for this change on {@code mysql} (MySQL, MariaDB) or PostgreSQL. */
    String toSql(boolean mysql) {
        String table = attribute("tableName", "baseTableName");
        String schema = attribute("schemaName", "baseTableSchemaName");
        String t = name(schema, table, mysql);
        String scope = where == null || where.isBlank() ? "" : " WHERE " + where.strip();
        return switch (name) {
            case "dropTable" -> "DROP TABLE " + t
                    + ("true".equalsIgnoreCase(attributes.get("cascadeConstraints")) && !mysql ? " CASCADE" : "");
            case "dropColumn" -> {
                List<String> dropped = new ArrayList<>(columns);
                if (attributes.get("columnName") != null) {
                    dropped.add(0, attributes.get("columnName"));
                }
                if (dropped.isEmpty()) {
                    dropped.add("unnamed");
                }
                StringBuilder sql = new StringBuilder("ALTER TABLE ").append(t);
                for (int i = 0; i < dropped.size(); i++) {
                    sql.append(i == 0 ? " " : ", ").append("DROP COLUMN ").append(quote(dropped.get(i), mysql));
                }
                yield sql.toString();
            }
            case "dropView" -> "DROP VIEW " + name(schema, attributes.get("viewName"), mysql);
            case "dropSequence" -> "DROP SEQUENCE " + name(schema, attributes.get("sequenceName"), mysql);
            case "dropIndex" -> mysql ? "DROP INDEX " + quote(attributes.get("indexName"), true) + " ON " + t
                    : "DROP INDEX " + name(schema, attributes.get("indexName"), false);
            case "dropForeignKeyConstraint" -> "ALTER TABLE " + t
                    + (mysql ? " DROP FOREIGN KEY " : " DROP CONSTRAINT ") + quote(attributes.get("constraintName"), mysql);
            case "dropPrimaryKey" -> mysql ? "ALTER TABLE " + t + " DROP PRIMARY KEY"
                    : "ALTER TABLE " + t + " DROP CONSTRAINT " + quote(attributes.getOrDefault("constraintName",
                    table + "_pkey"), false);
            case "dropUniqueConstraint" -> "ALTER TABLE " + t + (mysql ? " DROP INDEX " : " DROP CONSTRAINT ")
                    + quote(attributes.get("constraintName"), mysql);
            // Liquibase reads the foreign keys from the database and drops each: judged as one such drop, which
            // the alter-drop allow-list entry of the table (dbguard.allow=alter-drop:t) lets through, as at runtime
            case "dropAllForeignKeyConstraints" -> "ALTER TABLE " + t
                    + (mysql ? " DROP FOREIGN KEY " : " DROP CONSTRAINT ") + quote("every foreign key", mysql);
            case "delete" -> "DELETE FROM " + t + scope;
            case "update" -> "UPDATE " + t + " SET " + quote(columns.isEmpty() ? "unnamed" : columns.get(0), mysql)
                    + " = ?" + scope;
            case "renameTable" -> "ALTER TABLE " + name(schema, attributes.get("oldTableName"), mysql) + " RENAME TO "
                    + quote(attributes.get("newTableName"), mysql);
            case "renameView" -> mysql
                    ? "RENAME TABLE " + name(schema, attributes.get("oldViewName"), true) + " TO "
                    + quote(attributes.get("newViewName"), true)
                    : "ALTER VIEW " + name(schema, attributes.get("oldViewName"), false) + " RENAME TO "
                    + quote(attributes.get("newViewName"), false);
            case "renameSequence" -> "ALTER SEQUENCE " + name(schema, attributes.get("oldSequenceName"), mysql)
                    + " RENAME TO " + quote(attributes.get("newSequenceName"), mysql);
            case "renameColumn" -> "ALTER TABLE " + t + " RENAME COLUMN " + quote(attributes.get("oldColumnName"), mysql)
                    + " TO " + quote(attributes.get("newColumnName"), mysql);
            case "modifyDataType" -> mysql
                    ? "ALTER TABLE " + t + " MODIFY " + quote(attributes.get("columnName"), true) + " "
                    + attributes.getOrDefault("newDataType", "unknown")
                    : "ALTER TABLE " + t + " ALTER COLUMN " + quote(attributes.get("columnName"), false) + " TYPE "
                    + attributes.getOrDefault("newDataType", "unknown");
            default -> null;
        };
    }

    private String attribute(String name, String alternative) {
        String value = attributes.get(name);
        return value != null ? value : attributes.get(alternative);
    }

    private static String name(String schema, String name, boolean mysql) {
        String quoted = quote(name, mysql);
        return schema == null || schema.isBlank() ? quoted : quote(schema, mysql) + "." + quoted;
    }

    private static String quote(String name, boolean mysql) {
        if (name == null || name.isBlank()) {
            return "unnamed";
        }
        String n = name.strip();
        if (PLAIN_NAME.matcher(n).matches()) {
            return n;
        }
        return mysql ? "`" + n.replace("`", "``") + "`" : "\"" + n.replace("\"", "\"\"") + "\"";
    }
}
