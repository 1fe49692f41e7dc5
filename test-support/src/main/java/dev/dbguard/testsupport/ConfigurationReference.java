package dev.dbguard.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's "Configuration reference" table as data, for the tests that tie it to the code: one row per key,
 * {@code | `key` | default | what it does |}.
 */
public final class ConfigurationReference {

    private static final String HEADING = "## Configuration reference";
    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| (.*?) \\| (.*) \\|$");
    private static final Pattern ONE_VALUE = Pattern.compile("^`([^`]*)`$");

    /** One row: the key as written ({@code dbguard.modes.<env>}), its default cell and its description. */
    public record Row(String key, String defaultCell, String description) {

        /**
         * The default as a value to set the key to: the text of a default that is one code span, {@code ""} for
         * {@code empty}, null for a default described in words ("unset", "production → block, ...").
         */
        public String defaultValue() {
            if (defaultCell.equals("empty")) {
                return "";
            }
            Matcher value = ONE_VALUE.matcher(defaultCell);
            return value.matches() ? value.group(1) : null;
        }

        /** Whether the description starts with "Spring only". */
        public boolean springOnly() {
            return description.startsWith("Spring only");
        }
    }

    private final String readme;
    private final Map<String, Row> rows;

    private ConfigurationReference(String readme, Map<String, Row> rows) {
        this.readme = readme;
        this.rows = rows;
    }

    /** Reads the project's README.md. */
    public static ConfigurationReference read() {
        String readme;
        try {
            readme = Files.readString(ProjectFiles.require("README.md"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = readme.indexOf("\n" + HEADING + "\n");
        if (start < 0) {
            throw new IllegalStateException("README.md has no '" + HEADING + "' section");
        }
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String line : section(readme, start).split("\n")) {
            Matcher row = ROW.matcher(line.strip());
            if (row.matches()) {
                rows.put(row.group(1), new Row(row.group(1), row.group(2).strip(), row.group(3).strip()));
            }
        }
        return new ConfigurationReference(readme, rows);
    }

    /** The table's rows by key, in README order. */
    public Map<String, Row> rows() {
        return rows;
    }

    /** The text of the README section under {@code heading} (e.g. {@code ### Configuration}), up to the next heading. */
    public String section(String heading) {
        int start = readme.indexOf("\n" + heading + "\n");
        if (start < 0) {
            throw new IllegalStateException("README.md has no '" + heading + "' section");
        }
        return section(readme, start);
    }

    private static String section(String readme, int start) {
        int bodyStart = readme.indexOf('\n', start + 1) + 1;
        Matcher next = Pattern.compile("(?m)^#{1,3} ").matcher(readme);
        int end = readme.length();
        int from = bodyStart;
        while (next.find(from)) {
            if (!inCodeBlock(readme, next.start())) {
                end = next.start();
                break;
            }
            from = next.end();
        }
        return readme.substring(bodyStart, end);
    }

    /** Whether {@code at} is inside a fenced code block (a {@code #} comment line there is no heading). */
    private static boolean inCodeBlock(String text, int at) {
        int fences = 0;
        for (int k = text.indexOf("\n```"); k >= 0 && k < at; k = text.indexOf("\n```", k + 1)) {
            fences++;
        }
        return fences % 2 == 1;
    }
}
