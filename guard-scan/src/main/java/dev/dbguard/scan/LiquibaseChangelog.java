package dev.dbguard.scan;

import dev.dbguard.core.Dialect;
import dev.dbguard.core.SessionState;

import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a Liquibase XML changelog with the JDK's StAX reader (no DTDs, no external entities) and judges its forward
 * changes: the SQL of {@code <sql>} and {@code <sqlFile>}, and the destructive refactorings as the SQL Liquibase
 * sends for them ({@code dropTable} is {@code DROP TABLE}, {@code dropColumn} is {@code ALTER TABLE ... DROP COLUMN},
 * {@code delete} without {@code <where>} is {@code DELETE FROM t}, ...), so that each is judged by the rule the
 * runtime applies when Liquibase runs it. {@code <rollback>} and {@code <preConditions>} are not forward changes and
 * are skipped. Line numbers point into the changelog.
 */
final class LiquibaseChangelog {

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

    private final MigrationScanner scanner;
    private final Path file;
    private final SourceText source;
    private final FileReport report;
    private final SessionState session;
    private final boolean mysql;

    private LiquibaseChangelog(MigrationScanner scanner, Path file, SourceText source, FileReport report) {
        this.scanner = scanner;
        this.file = file;
        this.source = source;
        this.report = report;
        this.session = new SessionState(scanner.dialect());
        this.mysql = scanner.dialect() == Dialect.MYSQL || scanner.dialect() == Dialect.MARIADB;
    }

    /** Judges the changelog {@code file} whose text is {@code source}; a malformed file is reported, never thrown. */
    static void scan(MigrationScanner scanner, Path file, SourceText source, FileReport report) {
        MigrationScanner.reportMalformedAnnotations(report, source);
        new LiquibaseChangelog(scanner, file, source, report).read();
    }

    private void read() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        XMLStreamReader reader = null;
        try {
            reader = factory.createXMLStreamReader(new StringReader(source.text()));
            int skipped = 0; // depth inside <rollback> / <preConditions>
            Change change = null;
            boolean root = true;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = reader.getLocalName();
                    if (root && !name.equals("databaseChangeLog")) {
                        // another XML file (a MyBatis mapper has <delete> and <sql> too): not a changelog, nothing to judge
                        return;
                    }
                    root = false;
                    if (skipped > 0 || name.equals("rollback") || name.equals("preConditions")
                            || name.equals("modifySql")) {
                        skipped++;
                        continue;
                    }
                    if (change != null) {
                        change.child(reader);
                        continue;
                    }
                    switch (name) {
                        case "sql" -> sql(reader);
                        case "sqlFile" -> sqlFile(reader);
                        default -> change = Change.start(reader, startOf(reader));
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    if (skipped > 0) {
                        skipped--;
                    } else if (change != null && change.name.equals(reader.getLocalName())) {
                        String statement = change.toSql(this);
                        if (statement != null) {
                            int at = change.offset;
                            scanner.judge(report, session, source, statement, source.line(at), source.column(at),
                                    false);
                        }
                        change = null;
                    }
                }
            }
        } catch (XMLStreamException e) {
            Location location = e.getLocation();
            String why = "not a well-formed XML changelog: " + firstLine(e.getMessage());
            if (location != null && location.getLineNumber() > 0) {
                MigrationScanner.problem(report, location.getLineNumber(), Math.max(1, location.getColumnNumber()), why);
            } else {
                MigrationScanner.problem(report, why);
            }
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // nothing held open: the reader reads a string
                }
            }
        }
    }

    /** {@code <sql>}: its text, judged statement by statement, positioned in the changelog. */
    private void sql(XMLStreamReader reader) throws XMLStreamException {
        Location location = reader.getLocation(); // just after the start tag
        int origin = source.offset(location.getLineNumber(), location.getColumnNumber());
        String text = reader.getElementText();
        scanner.judgeSql(report, session, source, text, origin, false);
    }

    /** {@code <sqlFile path=...>}: the file's statements, reported in that file with its own lines. */
    private void sqlFile(XMLStreamReader reader) throws XMLStreamException {
        int at = startOf(reader);
        String path = reader.getAttributeValue(null, "path");
        boolean relative = "true".equalsIgnoreCase(reader.getAttributeValue(null, "relativeToChangelogFile"));
        if (path == null || path.isBlank()) {
            MigrationScanner.problem(report, source.line(at), source.column(at), "sqlFile without a path");
            return;
        }
        Path resolved = resolve(path.strip(), relative);
        if (resolved == null) {
            MigrationScanner.problem(report, source.line(at), source.column(at),
                    "sqlFile " + path + " not found (looked beside the changelog, under src/main/resources and in "
                            + "the working directory)");
            return;
        }
        try {
            SourceText included = new SourceText(MigrationScanner.read(resolved));
            FileReport inner = new FileReport(scanner.paths().display(resolved));
            scanner.scanSqlText(inner, included, false);
            report.findings.addAll(inner.findings);
            report.statements += inner.statements;
            report.allowed += inner.allowed;
        } catch (IOException e) {
            MigrationScanner.problem(report, source.line(at), source.column(at),
                    "cannot read sqlFile " + path + ": " + MigrationScanner.describe(e));
        }
    }

    private Path resolve(String path, boolean relativeToChangelog) {
        List<Path> candidates = new ArrayList<>();
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            candidates.add(dir.resolve(path));
        }
        if (!relativeToChangelog) {
            // a classpath path: find the resources root the changelog lives under
            for (Path d = dir; d != null; d = d.getParent()) {
                if (d.getFileName() != null && d.getFileName().toString().equals("resources")) {
                    candidates.add(d.resolve(path));
                    break;
                }
            }
            candidates.add(scanner.paths().workingDirectory().resolve(path));
            candidates.add(scanner.paths().workingDirectory().resolve("src/main/resources").resolve(path));
        }
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                return candidate.normalize();
            }
        }
        return null;
    }

    /** Where the current start tag begins: StAX reports the position after it. */
    private int startOf(XMLStreamReader reader) {
        Location location = reader.getLocation();
        int after = source.offset(location.getLineNumber(), location.getColumnNumber());
        String qname = reader.getPrefix() == null || reader.getPrefix().isEmpty() ? reader.getLocalName()
                : reader.getPrefix() + ":" + reader.getLocalName();
        int start = source.text().lastIndexOf("<" + qname, Math.max(0, after - 1));
        return start >= 0 ? start : after;
    }

    String name(String schema, String name) {
        String quoted = quote(name);
        return schema == null || schema.isBlank() ? quoted : quote(schema) + "." + quoted;
    }

    boolean mysql() {
        return mysql;
    }

    private String quote(String name) {
        if (name == null || name.isBlank()) {
            return "unnamed";
        }
        String n = name.strip();
        if (PLAIN_NAME.matcher(n).matches()) {
            return n;
        }
        return mysql ? "`" + n.replace("`", "``") + "`" : "\"" + n.replace("\"", "\"\"") + "\"";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String m = message.strip();
        int nl = m.lastIndexOf('\n');
        return nl >= 0 ? m.substring(nl + 1).strip() : m;
    }

    /** A refactoring change being read: its attributes and the children that matter (columns, where). */
    private static final class Change {
        final String name;
        final int offset;
        final String table;
        final String schema;
        final String attribute; // columnName, viewName, sequenceName, indexName or constraintName, per change
        final boolean cascade;
        final List<String> columns = new ArrayList<>();
        String where;

        private Change(String name, int offset, XMLStreamReader reader, String attributeName) {
            this.name = name;
            this.offset = offset;
            String baseTable = reader.getAttributeValue(null, "baseTableName");
            String tableName = reader.getAttributeValue(null, "tableName");
            this.table = tableName != null ? tableName : baseTable;
            String baseSchema = reader.getAttributeValue(null, "baseTableSchemaName");
            String schemaName = reader.getAttributeValue(null, "schemaName");
            this.schema = schemaName != null ? schemaName : baseSchema;
            this.attribute = attributeName == null ? null : reader.getAttributeValue(null, attributeName);
            this.cascade = "true".equalsIgnoreCase(reader.getAttributeValue(null, "cascadeConstraints"));
        }

        /** The change this start element opens, or null when it is not one the scan judges. */
        static Change start(XMLStreamReader reader, int offset) {
            String name = reader.getLocalName();
            String attribute = switch (name) {
                case "dropTable", "delete", "update", "dropAllForeignKeyConstraints" -> "";
                case "dropColumn" -> "columnName";
                case "dropView" -> "viewName";
                case "dropSequence" -> "sequenceName";
                case "dropIndex" -> "indexName";
                case "dropForeignKeyConstraint", "dropPrimaryKey", "dropUniqueConstraint" -> "constraintName";
                default -> null;
            };
            if (attribute == null) {
                return null;
            }
            return new Change(name, offset, reader, attribute.isEmpty() ? null : attribute);
        }

        void child(XMLStreamReader reader) throws XMLStreamException {
            switch (reader.getLocalName()) {
                case "column" -> {
                    String column = reader.getAttributeValue(null, "name");
                    if (column != null) {
                        columns.add(column);
                    }
                }
                case "where" -> where = reader.getElementText().strip();
                default -> {
                    // other children (param, ...) change nothing the rules look at
                }
            }
        }

        /** The SQL Liquibase sends for this change, as the runtime would see it. */
        String toSql(LiquibaseChangelog changelog) {
            String t = changelog.name(schema, table);
            boolean my = changelog.mysql();
            String scope = where == null || where.isEmpty() ? "" : " WHERE " + where;
            return switch (name) {
                case "dropTable" -> "DROP TABLE " + t + (cascade ? (my ? "" : " CASCADE") : "");
                case "dropColumn" -> {
                    List<String> dropped = new ArrayList<>(columns);
                    if (attribute != null) {
                        dropped.add(0, attribute);
                    }
                    if (dropped.isEmpty()) {
                        dropped.add("unnamed");
                    }
                    StringBuilder sql = new StringBuilder("ALTER TABLE ").append(t);
                    for (int i = 0; i < dropped.size(); i++) {
                        sql.append(i == 0 ? " " : ", ").append("DROP COLUMN ").append(changelog.quote(dropped.get(i)));
                    }
                    yield sql.toString();
                }
                case "dropView" -> "DROP VIEW " + changelog.name(schema, attribute);
                case "dropSequence" -> "DROP SEQUENCE " + changelog.name(schema, attribute);
                case "dropIndex" -> my ? "DROP INDEX " + changelog.quote(attribute) + " ON " + t
                        : "DROP INDEX " + changelog.name(schema, attribute);
                case "dropForeignKeyConstraint" -> "ALTER TABLE " + t
                        + (my ? " DROP FOREIGN KEY " : " DROP CONSTRAINT ") + changelog.quote(attribute);
                case "dropPrimaryKey" -> my ? "ALTER TABLE " + t + " DROP PRIMARY KEY"
                        : "ALTER TABLE " + t + " DROP CONSTRAINT "
                        + changelog.quote(attribute != null ? attribute : table + "_pkey");
                case "dropUniqueConstraint" -> "ALTER TABLE " + t + (my ? " DROP INDEX " : " DROP CONSTRAINT ")
                        + changelog.quote(attribute);
                // Liquibase reads the foreign keys from the database and drops each: judged as one such drop, which
                // the alter-drop allow-list entry of the table (dbguard.allow=alter-drop:t) lets through, as at runtime
                case "dropAllForeignKeyConstraints" -> "ALTER TABLE " + t
                        + (my ? " DROP FOREIGN KEY " : " DROP CONSTRAINT ") + changelog.quote("every foreign key");
                case "delete" -> "DELETE FROM " + t + scope;
                case "update" -> "UPDATE " + t + " SET "
                        + changelog.quote(columns.isEmpty() ? "unnamed" : columns.get(0)) + " = ?" + scope;
                default -> null;
            };
        }
    }
}
