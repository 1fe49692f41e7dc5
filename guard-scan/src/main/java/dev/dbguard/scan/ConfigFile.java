package dev.dbguard.scan;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Reads the keys of an application's own configuration file ({@code application.properties}, {@code
 * application.yml}) into the flat map guard-core's {@code GuardConfig.Builder.properties} takes, so that the scan is
 * configured exactly as the running application. YAML is flattened as Spring Boot does ({@code dbguard: {allow:
 * [...]}} is {@code dbguard.allow}, a list joined with commas); YAML documents that apply only to a profile
 * ({@code spring.config.activate.on-profile}) are skipped, since the scan judges the default configuration.
 */
final class ConfigFile {

    private ConfigFile() {
    }

    /**
     * Every key of {@code file} (not only the {@code dbguard.*} ones: the data source URL gives the dialect).
     *
     * @throws UsageException when the file cannot be read or is malformed
     */
    static Map<String, String> read(Path file, String shown) throws UsageException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!Files.isRegularFile(file)) {
            throw new UsageException("--config " + shown + ": no such file");
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            if (name.endsWith(".yml") || name.endsWith(".yaml")) {
                return yaml(reader);
            }
            if (name.endsWith(".properties")) {
                Properties properties = new Properties();
                properties.load(reader);
                Map<String, String> map = new LinkedHashMap<>();
                for (String key : properties.stringPropertyNames()) {
                    map.put(key, properties.getProperty(key));
                }
                return map;
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageException("--config " + shown + ": cannot read it (" + e.getMessage() + ")");
        } catch (MarkedYAMLException e) {
            throw new UsageException("--config " + shown + ": not valid YAML at line "
                    + (e.getProblemMark() == null ? "?" : e.getProblemMark().getLine() + 1) + ": " + e.getProblem());
        } catch (YAMLException e) {
            throw new UsageException("--config " + shown + ": not valid YAML: " + e.getMessage());
        }
        throw new UsageException("--config " + shown + ": use a .properties, .yml or .yaml file");
    }

    private static Map<String, String> yaml(Reader reader) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true);
        options.setMaxAliasesForCollections(50);
        Yaml yaml = new Yaml(new SafeConstructor(options));
        Map<String, String> merged = new LinkedHashMap<>();
        for (Object document : yaml.loadAll(reader)) {
            Map<String, String> flat = new LinkedHashMap<>();
            flatten("", document, flat);
            if (flat.containsKey("spring.config.activate.on-profile") || flat.containsKey("spring.profiles")) {
                continue;
            }
            merged.putAll(flat);
        }
        return merged;
    }

    private static void flatten(String prefix, Object value, Map<String, String> out) {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                flatten(prefix.isEmpty() ? key : prefix + "." + key, entry.getValue(), out);
            }
        } else if (value instanceof List<?> list) {
            StringBuilder joined = new StringBuilder();
            for (Object item : list) {
                if (joined.length() > 0) {
                    joined.append(',');
                }
                joined.append(item);
            }
            out.put(prefix, joined.toString());
        } else if (value != null && !prefix.isEmpty()) {
            out.put(prefix, String.valueOf(value));
        }
    }
}
