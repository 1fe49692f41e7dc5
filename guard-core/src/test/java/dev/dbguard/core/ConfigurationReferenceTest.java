package dev.dbguard.core;

import dev.dbguard.core.env.Environment;
import dev.dbguard.testsupport.ConfigurationReference;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "Configuration reference" against guard-core: every key {@link ConfigProperties} accepts (system
 * properties, {@code jdbc:dbguard:} URL parameters and connection properties all go through it) has a row, every
 * row that is not Spring-only names a key it accepts, and each default the README states is the builder's. Each
 * failure names the key and what to change in README.md, so a key added without its row is caught at merge.
 */
class ConfigurationReferenceTest {

    private static final String SOURCE = "guard-core (GuardConfig.KEYS)";
    private static final String MODES_ROW = "dbguard.modes.<env>";
    private static final String RULES_ROW = "dbguard.rules.<id>.enabled";
    private static final String SEVERITY_ROW = "dbguard.rules.<id>.severity";
    /** Settings not compared: who receives events, and where the environment came from, are no key's default. */
    private static final Set<String> NOT_SETTINGS = Set.of("auditSink", "verdictListener", "toBuilder",
            "environmentSource", "hashCode", "toString");

    private final ConfigurationReference readme = ConfigurationReference.read();

    @Test
    void everyKeyTheCoreAcceptsHasARow() {
        List<String> missing = new ArrayList<>();
        for (String key : keysTheCoreAccepts()) {
            if (!readme.rows().containsKey(key)) {
                missing.add("README.md, Configuration reference: add a row for `" + key + "` (" + SOURCE
                        + " accepts it) with its default");
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everyRowThatIsNotSpringOnlyNamesAKeyTheCoreAccepts() {
        Set<String> accepted = keysTheCoreAccepts();
        List<String> unknown = new ArrayList<>();
        readme.rows().values().stream()
                .filter(row -> !row.springOnly())
                .filter(row -> !accepted.contains(row.key()))
                .forEach(row -> unknown.add("README.md, Configuration reference: row `" + row.key() + "` names no key "
                        + SOURCE + " accepts: remove it, fix its name, or mark it 'Spring only'"));
        assertThat(unknown).isEmpty();
    }

    @Test
    void everyStatedDefaultIsTheBuildersDefault() {
        Map<String, Object> defaults = settings(GuardConfig.builder().build());
        List<String> wrong = new ArrayList<>();
        for (String key : keysTheCoreAccepts()) {
            ConfigurationReference.Row row = readme.rows().get(key);
            if (row == null || row.defaultValue() == null) {
                continue; // no row (reported above) or a default in words (checked by its own test below)
            }
            List<String> concreteKeys = key.equals(RULES_ROW)
                    ? GuardConfig.RULE_IDS.stream().map(rule -> key.replace("<id>", rule)).toList() : List.of(key);
            for (String concrete : concreteKeys) {
                Map<String, Object> withReadmeDefault = settings(GuardConfig.builder()
                        .properties(Map.of(concrete, row.defaultValue()), "README default").build());
                if (!withReadmeDefault.equals(defaults)) {
                    wrong.add("README.md, Configuration reference: `" + key + "` defaults to `" + row.defaultValue()
                            + "` there, but setting " + concrete + " so changes "
                            + difference(defaults, withReadmeDefault));
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void theModesRowStatesEachTiersDefaultMode() {
        String cell = readme.rows().get(MODES_ROW).defaultCell();
        Matcher pairs = Pattern.compile("([\\w/ ]+?) → `([\\w-]+)`").matcher(cell);
        Map<String, String> stated = new TreeMap<>();
        while (pairs.find()) {
            for (String name : pairs.group(1).strip().split("/")) {
                stated.put(name, pairs.group(2));
            }
        }
        Map<String, String> actual = new TreeMap<>();
        for (String name : stated.keySet()) {
            String environment = name.equals("other names") ? "qa-eu" : name;
            actual.put(name, GuardConfig.builder().build().modeFor(Environment.of(environment)).id());
        }
        assertThat(stated).as("README.md, Configuration reference, `%s`: %s", MODES_ROW, cell)
                .containsKeys("production", "staging", "development", "test", "other names")
                .isEqualTo(actual);
    }

    @Test
    void theRulesRowNamesEveryRule() {
        String description = readme.rows().get(RULES_ROW).description();
        List<String> unnamed = GuardConfig.RULE_IDS.stream()
                .filter(rule -> !description.contains("`" + rule + "`"))
                .map(rule -> "README.md, Configuration reference: name rule `" + rule + "` in the row `" + RULES_ROW
                        + "`")
                .toList();
        assertThat(unnamed).isEmpty();
    }

    /**
     * The keys the core accepts: {@link GuardConfig#KEYS}, the one list {@code ConfigProperties} reads them from, and
     * the families it reads by prefix, as the README writes them.
     */
    static Set<String> keysTheCoreAccepts() {
        Set<String> keys = new TreeSet<>(GuardConfig.KEYS);
        keys.add(MODES_ROW);
        keys.add(RULES_ROW);
        keys.add(SEVERITY_ROW);
        return keys;
    }

    /** Every setting of a configuration by the name of its accessor. */
    private static Map<String, Object> settings(GuardConfig config) {
        Map<String, Object> settings = new TreeMap<>();
        for (Method method : GuardConfig.class.getMethods()) {
            if (method.getDeclaringClass() == GuardConfig.class && method.getParameterCount() == 0
                    && !Modifier.isStatic(method.getModifiers()) && !NOT_SETTINGS.contains(method.getName())) {
                try {
                    settings.put(method.getName(), method.invoke(config));
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException(method.getName(), e);
                }
            }
        }
        return settings;
    }

    private static String difference(Map<String, Object> defaults, Map<String, Object> changed) {
        List<String> differences = new ArrayList<>();
        defaults.forEach((name, value) -> {
            if (!Objects.equals(value, changed.get(name))) {
                differences.add(name + "() from " + value + " to " + changed.get(name));
            }
        });
        return String.join(", ", differences);
    }
}
