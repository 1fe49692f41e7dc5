package dev.dbguard.scan;

import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Liquibase XML changelog with the JDK's StAX reader (no DTDs, no external entities) and judges its forward
 * changes: the SQL of {@code <sql>} and {@code <sqlFile>}, and the refactorings as the SQL Liquibase sends for them
 * ({@link LiquibaseChange}); {@code <include>} and {@code <includeAll>} are followed ({@link LiquibaseIncludes}).
 * {@code <rollback>}, {@code <preConditions>} and {@code <modifySql>} are not forward changes and are skipped. Line
 * numbers point into the changelog.
 */
final class LiquibaseChangelog {

    private final SourceText source;
    private final ChangelogJudge judge;

    private LiquibaseChangelog(MigrationScanner scanner, Path file, SourceText source, FileReport report, Set<Path> chain) {
        this.source = source;
        this.judge = new ChangelogJudge(scanner, file, source, report, chain);
    }

    /**
     * Judges the changelog {@code file} whose text is {@code source}, reached through the changelogs {@code chain};
     * a malformed file is reported, never thrown.
     */
    static void scan(MigrationScanner scanner, Path file, SourceText source, FileReport report, Set<Path> chain) {
        scanner.reportMalformedAnnotations(report, source);
        new LiquibaseChangelog(scanner, file, source, report, chain).read();
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
                        case "sqlFile" -> judge.includes().sqlFile(reader.getAttributeValue(null, "path"),
                                relative(reader), startOf(reader));
                        case "include" -> judge.includes().include(reader.getAttributeValue(null, "file"),
                                relative(reader), startOf(reader));
                        case "includeAll" -> judge.includes().includeAll(reader.getAttributeValue(null, "path"),
                                relative(reader), startOf(reader));
                        default -> change = LiquibaseChange.judged(name) ? new Change(reader, startOf(reader)) : null;
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    if (skipped > 0) {
                        skipped--;
                    } else if (change != null && change.name.equals(reader.getLocalName())) {
                        LiquibaseChange read = change.read();
                        judge.change(read);
                        change = null;
                    }
                }
            }
        } catch (XMLStreamException e) {
            Location location = e.getLocation();
            String why = "not a well-formed XML changelog: " + firstLine(e.getMessage());
            if (location != null && location.getLineNumber() > 0) {
                judge.problem(location.getLineNumber(), Math.max(1, location.getColumnNumber()), why);
            } else {
                judge.problem(1, 1, why);
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
        String split = reader.getAttributeValue(null, "splitStatements");
        String delimiter = reader.getAttributeValue(null, "endDelimiter");
        String text = reader.getElementText();
        judge.sql(text, origin, split, delimiter);
    }

    private static boolean relative(XMLStreamReader reader) {
        return "true".equalsIgnoreCase(reader.getAttributeValue(null, "relativeToChangelogFile"));
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

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String m = message.strip();
        int nl = m.lastIndexOf('\n');
        return nl >= 0 ? m.substring(nl + 1).strip() : m;
    }

    /** A refactoring change element being read: its attributes, then the children that matter (columns, where). */
    private static final class Change {
        final String name;
        final int offset;
        final Map<String, String> attributes = new HashMap<>();
        final List<String> columns = new ArrayList<>();
        String where;

        Change(XMLStreamReader reader, int offset) {
            this.name = reader.getLocalName();
            this.offset = offset;
            for (int i = 0; i < reader.getAttributeCount(); i++) {
                attributes.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
            }
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

        LiquibaseChange read() {
            return new LiquibaseChange(name, offset, Map.copyOf(attributes), List.copyOf(columns), where);
        }
    }
}
