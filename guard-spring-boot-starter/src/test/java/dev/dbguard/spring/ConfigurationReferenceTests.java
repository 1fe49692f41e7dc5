package dev.dbguard.spring;

import dev.dbguard.testsupport.ConfigurationReference;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README against the starter's configuration metadata (generated from {@link DbGuardProperties} and the
 * endpoint): every property has a row in "Configuration reference" with the same default, every row marked Spring
 * only is a property, and every Spring-only key is named in the Spring "Configuration" section. guard-core's
 * ConfigurationReferenceTest checks the rest of the table. Each failure names the key and the README fix.
 */
class ConfigurationReferenceTests {

    private static final String METADATA = "META-INF/spring-configuration-metadata.json";
    /** Map-valued properties, as the README writes their keys. */
    private static final Map<String, String> README_KEYS = Map.of(
            "dbguard.modes", "dbguard.modes.<env>",
            "dbguard.rules", "dbguard.rules.<id>.enabled");
    /** Spring Boot's own key for every endpoint, documented by Spring Boot. */
    private static final Set<String> SPRING_BOOTS_OWN = Set.of("management.endpoint.dbguard.access");
    private static final Pattern NAME = Pattern.compile("\"name\": \"([^\"]+)\"");
    private static final Pattern DEFAULT = Pattern.compile("(?m)\"defaultValue\": \"?([^\"\\n\\[]+?)\"?\\s*$");

    private final ConfigurationReference readme = ConfigurationReference.read();

    @Test
    void everyPropertyHasARowWithTheSameDefault() throws IOException {
        List<String> problems = new ArrayList<>();
        properties().forEach((key, metadataDefault) -> {
            ConfigurationReference.Row row = readme.rows().get(key);
            if (row == null) {
                problems.add("README.md, Configuration reference: add a row for `" + key + "` (a property of the"
                        + " starter, in " + METADATA + ")" + (metadataDefault == null ? "" : " with default `"
                        + metadataDefault + "`"));
            } else if (metadataDefault != null && !metadataDefault.equalsIgnoreCase(row.defaultValue() + "")) {
                problems.add("README.md, Configuration reference: `" + key + "` defaults to " + row.defaultCell()
                        + " there but to `" + metadataDefault + "` in the starter");
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void everySpringOnlyRowIsAPropertyAndNamedInTheSpringSection() throws IOException {
        Map<String, String> properties = properties();
        String springSection = readme.section("### Configuration");
        List<String> problems = new ArrayList<>();
        readme.rows().values().stream().filter(ConfigurationReference.Row::springOnly).forEach(row -> {
            if (!properties.containsKey(row.key())) {
                problems.add("README.md, Configuration reference: row `" + row.key() + "` says Spring only, but the"
                        + " starter has no such property: remove it or fix its name");
            }
            String lastPart = row.key().substring(row.key().lastIndexOf('.'));
            if (!springSection.contains("`" + row.key() + "`") && !springSection.contains("`" + lastPart + "`")) {
                problems.add("README.md, Spring Boot > Configuration: name the Spring-only key `" + row.key()
                        + "` with the others there");
            }
        });
        assertThat(problems).isEmpty();
    }

    /** The starter's properties as the README writes their keys, each with its default when the metadata has one. */
    private static Map<String, String> properties() throws IOException {
        String metadata;
        try (InputStream in = ConfigurationReferenceTests.class.getClassLoader().getResourceAsStream(METADATA)) {
            assertThat(in).as(METADATA).isNotNull();
            metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int start = metadata.indexOf("\"properties\": [");
        int end = metadata.indexOf("\"hints\"", start);
        Map<String, String> properties = new LinkedHashMap<>();
        for (String entry : metadata.substring(start, end < 0 ? metadata.length() : end).split("\n    \\{")) {
            Matcher name = NAME.matcher(entry);
            if (!name.find() || SPRING_BOOTS_OWN.contains(name.group(1))) {
                continue;
            }
            Matcher defaultValue = DEFAULT.matcher(entry);
            properties.put(README_KEYS.getOrDefault(name.group(1), name.group(1)),
                    defaultValue.find() ? defaultValue.group(1) : null);
        }
        assertThat(properties).as("properties read from " + METADATA).hasSizeGreaterThan(10);
        return properties;
    }
}
