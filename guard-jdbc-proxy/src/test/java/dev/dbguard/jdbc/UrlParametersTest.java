package dev.dbguard.jdbc;

import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.rules.RuleSeverity;
import dev.dbguard.testsupport.TestDatabase;
import dev.dbguard.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * One {@code jdbc:dbguard:} URL is the whole configuration of a tool that takes a URL
 * ({@code DATABASE_URL=jdbc:dbguard:postgresql://...?dbguard.env=production}): every key the core reads
 * ({@link GuardConfig#KEYS}, the modes and every rule's switch) works as a URL parameter, and a malformed value fails
 * the connection naming the key.
 */
class UrlParametersTest {

    /** A value that changes the configuration, and a malformed one (null when every value is accepted). */
    private record Values(String valid, String malformed) {
    }

    /** One row per key of {@link GuardConfig#KEYS}; a key the core gains fails the test until it has a row. */
    private static final Map<String, Values> FLAT_KEYS = Map.ofEntries(
            Map.entry("dbguard.enabled", new Values("false", "sure")),
            Map.entry("dbguard.env", new Values("staging", null)),
            Map.entry("dbguard.allow", new Values("truncate:audit_tmp_*,drop:scratch_*", "truncate")),
            Map.entry("dbguard.production-url-patterns", new Values("*.prod.example.com,db-main", "db:5432")),
            Map.entry("dbguard.ephemeral-url-patterns", new Values("jdbc:h2:mem:*", "db:5432")),
            Map.entry("dbguard.unparsed-policy", new Values("audit", "maybe")),
            Map.entry("dbguard.dynamic-sql-policy", new Values("audit", "maybe")),
            Map.entry("dbguard.annotations.enabled", new Values("false", "sure")),
            Map.entry("dbguard.posture.enabled", new Values("false", "sure")),
            Map.entry("dbguard.posture.fail-on", new Values("no-tls", "owners")),
            Map.entry("dbguard.audit.format", new Values("json", "xml")),
            Map.entry("dbguard.audit.redact-literals", new Values("false", "sure")),
            Map.entry("dbguard.audit.window", new Values("30s", "soon")),
            Map.entry("dbguard.cache-size", new Values("500", "many")),
            Map.entry("dbguard.max-parse-length", new Values("2000", "-5")));

    /** Configuration getters that are objects set in code only, never from a key. */
    private static final Set<String> NOT_FROM_KEYS = Set.of("auditSink", "verdictListener", "toBuilder");

    private static final TestDatabase POSTGRES = TestDatabases.postgres();
    private static String schema;

    @BeforeAll
    static void createSchema() throws SQLException {
        schema = POSTGRES.freshSchema("proxy_url_keys");
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        POSTGRES.dropSchema(schema);
    }

    static Stream<Arguments> everyKey() {
        Map<String, Values> keys = new LinkedHashMap<>();
        for (String key : GuardConfig.KEYS) {
            Values values = FLAT_KEYS.get(key);
            if (values == null) {
                fail("guard-core reads " + key + ", which this table lacks: add a row with a value that changes the"
                        + " configuration, and the key to the README's configuration reference");
            }
            keys.put(key, values);
        }
        assertThat(FLAT_KEYS.keySet()).as("rows for keys the core no longer reads").isSubsetOf(GuardConfig.KEYS);
        keys.put("dbguard.modes.production", new Values("read-only", "blok"));
        keys.put("dbguard.modes.qa", new Values("block", "blok"));
        for (String rule : GuardConfig.RULE_IDS) {
            keys.put("dbguard.rules." + rule + ".enabled", new Values("false", "sure"));
            boolean warnsByDefault = GuardConfig.defaults().ruleSeverity(rule) == RuleSeverity.WARN;
            keys.put("dbguard.rules." + rule + ".severity", new Values(warnsByDefault ? "refuse" : "warn", "sometimes"));
        }
        return keys.entrySet().stream().map(entry -> Arguments.of(entry.getKey(), entry.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyKey")
    void everyKeyWorksAsAUrlParameter(String key, Values values) throws Exception {
        GuardConfig fromUrl;
        try (Connection connection = DriverManager.getConnection(url(key, values.valid()),
                POSTGRES.user(), POSTGRES.password())) {
            fromUrl = ((GuardedConnection) connection).gate().config();
        }

        GuardConfig direct = GuardConfig.builder()
                .properties(Map.of(key, values.valid()), "JDBC URL parameter")
                .build();
        assertThat(readable(fromUrl)).isEqualTo(readable(direct)).isNotEqualTo(readable(GuardConfig.defaults()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyKey")
    void aMalformedValueFailsTheConnectionNamingTheKey(String key, Values values) {
        if (values.malformed() == null) {
            assertThat(key).as("only the environment's name takes any value").isEqualTo("dbguard.env");
            return;
        }
        assertThatThrownBy(() -> DriverManager.getConnection(url(key, values.malformed()),
                POSTGRES.user(), POSTGRES.password()))
                .isInstanceOf(SQLException.class)
                .hasMessageStartingWith("dbguard: invalid configuration:")
                .hasMessageContaining(key);
    }

    private static String url(String key, String value) {
        return "jdbc:dbguard:" + POSTGRES.jdbcUrl(schema).substring("jdbc:".length())
                + "&" + key + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Everything the configuration tells through its public getters, by getter name. */
    private static Map<String, Object> readable(GuardConfig config) throws IllegalAccessException,
            InvocationTargetException {
        Map<String, Object> values = new LinkedHashMap<>();
        List<Method> getters = new ArrayList<>(Arrays.asList(GuardConfig.class.getMethods()));
        getters.sort(Comparator.comparing(Method::getName));
        for (Method getter : getters) {
            if (getter.getDeclaringClass() == GuardConfig.class && getter.getParameterCount() == 0
                    && !Modifier.isStatic(getter.getModifiers()) && !NOT_FROM_KEYS.contains(getter.getName())) {
                values.put(getter.getName(), String.valueOf(getter.invoke(config)));
            }
        }
        return values;
    }
}
