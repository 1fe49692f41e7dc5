package dev.dbguard.scan;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Liquibase YAML or JSON changelog and judges its forward changes as the XML reader does: the same change
 * types ({@link LiquibaseChange}), {@code sql} and {@code sqlFile}, {@code include} and {@code includeAll} followed,
 * {@code rollback} and {@code preConditions} skipped. It is read with SnakeYAML (already on the class path for
 * {@code application.yml}; JSON is read by the same parser, a JSON changelog being valid YAML) into nodes that keep
 * their positions, so line numbers point into the changelog.
 */
final class LiquibaseYamlChangelog {

    private final SourceText source;
    private final ChangelogJudge judge;

    private LiquibaseYamlChangelog(MigrationScanner scanner, Path file, SourceText source, FileReport report, Set<Path> chain) {
        this.source = source;
        this.judge = new ChangelogJudge(scanner, file, source, report, chain);
    }

    /**
     * Judges the changelog {@code file} whose text is {@code text}, reached through the changelogs {@code chain}; a
     * malformed file is reported, never thrown; a YAML or JSON file that is no changelog is not judged.
     */
    static void scan(MigrationScanner scanner, Path file, String text, FileReport report, Set<Path> chain) {
        // YAML refuses tabs where JSON allows them as white space; JSON has none inside its strings (they are
        // escaped), so each becomes one space and every offset stays where it was
        boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        SourceText source = new SourceText(json ? text.replace('\t', ' ') : text);
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(50);
            root = new Yaml(new SafeConstructor(options)).compose(new StringReader(source.text()));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String why = "not a valid " + (json ? "JSON" : "YAML") + " changelog: " + e.getProblem();
            if (mark != null) {
                MigrationScanner.problem(report, mark.getLine() + 1, mark.getColumn() + 1, why);
            } else {
                MigrationScanner.problem(report, why);
            }
            return;
        } catch (YAMLException e) {
            MigrationScanner.problem(report, "not a valid " + (json ? "JSON" : "YAML") + " changelog: " + e.getMessage());
            return;
        }
        Node entries = root instanceof MappingNode mapping ? value(mapping, "databaseChangeLog") : null;
        if (!(entries instanceof SequenceNode list)) {
            return; // another YAML or JSON file (an application.yml, a package.json): nothing to judge
        }
        scanner.reportMalformedAnnotations(report, source);
        new LiquibaseYamlChangelog(scanner, file, source, report, chain).read(list);
    }

    private void read(SequenceNode entries) {
        for (Node entry : entries.getValue()) {
            if (!(entry instanceof MappingNode mapping)) {
                continue;
            }
            for (NodeTuple tuple : mapping.getValue()) {
                String key = scalar(tuple.getKeyNode());
                Node value = tuple.getValueNode();
                int at = offset(tuple.getKeyNode());
                switch (key == null ? "" : key) {
                    case "changeSet" -> {
                        if (value instanceof MappingNode changeSet
                                && value(changeSet, "changes") instanceof SequenceNode changes) {
                            changes(changes);
                        }
                    }
                    case "include" -> judge.includes().include(attribute(value, "file"), relative(value), at);
                    case "includeAll" -> judge.includes().includeAll(attribute(value, "path"), relative(value), at);
                    default -> {
                        // preConditions, property, ...: not forward changes
                    }
                }
            }
        }
    }

    private void changes(SequenceNode changes) {
        for (Node item : changes.getValue()) {
            if (!(item instanceof MappingNode mapping)) {
                continue;
            }
            for (NodeTuple tuple : mapping.getValue()) {
                String name = scalar(tuple.getKeyNode());
                Node value = tuple.getValueNode();
                int at = offset(tuple.getKeyNode());
                if ("sql".equals(name)) {
                    Node sql = value instanceof MappingNode body ? value(body, "sql") : value;
                    if (sql instanceof ScalarNode text) {
                        judge.sql(text.getValue(), offset(text), attribute(value, "splitStatements"),
                                attribute(value, "endDelimiter"));
                    }
                } else if ("sqlFile".equals(name)) {
                    judge.includes().sqlFile(attribute(value, "path"), relative(value), at);
                } else if (name != null && LiquibaseChange.judged(name) && value instanceof MappingNode body) {
                    LiquibaseChange change = change(name, at, body);
                    judge.change(change);
                }
            }
        }
    }

    private static LiquibaseChange change(String name, int offset, MappingNode body) {
        Map<String, String> attributes = new HashMap<>();
        List<String> columns = new ArrayList<>();
        String where = null;
        for (NodeTuple tuple : body.getValue()) {
            String key = scalar(tuple.getKeyNode());
            Node value = tuple.getValueNode();
            if ("columns".equals(key) && value instanceof SequenceNode list) {
                for (Node column : list.getValue()) {
                    // - column: {name: a, ...}
                    Node inner = column instanceof MappingNode wrapper ? value(wrapper, "column") : null;
                    String columnName = attribute(inner, "name");
                    if (columnName != null) {
                        columns.add(columnName);
                    }
                }
            } else if ("where".equals(key)) {
                where = scalar(value);
            } else if (key != null && scalar(value) != null) {
                attributes.put(key, scalar(value));
            }
        }
        return new LiquibaseChange(name, offset, Map.copyOf(attributes), List.copyOf(columns), where);
    }

    private int offset(Node node) {
        Mark mark = node.getStartMark();
        return source.offset(mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static boolean relative(Node attributes) {
        return "true".equalsIgnoreCase(attribute(attributes, "relativeToChangelogFile"));
    }

    private static String attribute(Node mapping, String key) {
        return mapping instanceof MappingNode map ? scalar(value(map, key)) : null;
    }

    private static Node value(MappingNode mapping, String key) {
        for (NodeTuple tuple : mapping.getValue()) {
            if (key.equals(scalar(tuple.getKeyNode()))) {
                return tuple.getValueNode();
            }
        }
        return null;
    }

    private static String scalar(Node node) {
        return node instanceof ScalarNode scalar ? scalar.getValue() : null;
    }
}
