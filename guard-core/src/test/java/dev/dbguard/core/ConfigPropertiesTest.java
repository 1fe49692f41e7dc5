package dev.dbguard.core;

import dev.dbguard.core.audit.AuditFormat;
import dev.dbguard.core.env.Environment;
import dev.dbguard.core.env.StderrCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigPropertiesTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        GuardConfig config = GuardConfig.builder().build();

        assertThat(config.enabled()).isTrue();
        assertThat(config.unparsedPolicy()).isEqualTo(Policy.BLOCK);
        assertThat(config.auditFormat()).isEqualTo(AuditFormat.TEXT);
        assertThat(config.redactLiterals()).isTrue();
        assertThat(config.auditWindow()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.cacheSize()).isEqualTo(10_000);
        assertThat(config.maxParseLength()).isEqualTo(10_000);
        assertThat(config.allowList()).isEmpty();
        assertThat(config.productionUrlPatterns()).isEmpty();
        assertThat(config.dynamicSqlPolicy()).isEqualTo(Policy.BLOCK);
        assertThat(GuardConfig.RULE_IDS).containsExactly("drop", "truncate", "unscoped-delete", "unscoped-update",
                "alter-drop", "dynamic-sql", "rename", "alter-type");
        GuardConfig.RULE_IDS.forEach(rule -> assertThat(config.ruleEnabled(rule)).isTrue());
    }

    @Test
    void everyKeyIsRead() {
        GuardConfig config = GuardConfig.builder().properties(Map.ofEntries(
                Map.entry("dbguard.enabled", "false"),
                Map.entry("dbguard.env", "prod"),
                Map.entry("dbguard.modes.staging", "block"),
                Map.entry("dbguard.modes.production", "read-only"),
                Map.entry("dbguard.rules.alter-drop.enabled", "false"),
                Map.entry("dbguard.allow", "truncate:audit_tmp_*, drop:scratch_*"),
                Map.entry("dbguard.production-url-patterns", "*.rds.amazonaws.com,db.*.supabase.co"),
                Map.entry("dbguard.unparsed-policy", "audit"),
                Map.entry("dbguard.audit.format", "json"),
                Map.entry("dbguard.audit.redact-literals", "false"),
                Map.entry("dbguard.audit.window", "30s"),
                Map.entry("dbguard.cache-size", "500"),
                Map.entry("dbguard.max-parse-length", "2000"),
                Map.entry("unrelated.key", "ignored")), "system properties").build();

        assertThat(config.enabled()).isFalse();
        assertThat(config.environment()).isEqualTo("prod");
        assertThat(config.environmentSource()).isEqualTo("system properties dbguard.env");
        assertThat(config.modeFor(Environment.STAGING)).isEqualTo(Mode.BLOCK);
        assertThat(config.modeFor(Environment.PRODUCTION)).isEqualTo(Mode.READ_ONLY);
        assertThat(config.ruleEnabled("alter-drop")).isFalse();
        assertThat(config.allowList()).extracting(AllowRule::toString).containsExactly("truncate:audit_tmp_*", "drop:scratch_*");
        assertThat(config.productionUrlPatterns()).containsExactly("*.rds.amazonaws.com", "db.*.supabase.co");
        assertThat(config.unparsedPolicy()).isEqualTo(Policy.AUDIT);
        assertThat(config.auditFormat()).isEqualTo(AuditFormat.JSON);
        assertThat(config.redactLiterals()).isFalse();
        assertThat(config.auditWindow()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.cacheSize()).isEqualTo(500);
        assertThat(config.maxParseLength()).isEqualTo(2000);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "dbguard.modes.production | blok | Unknown dbguard mode 'blok'",
            "dbguard.rules.trunc.enabled | false | Unknown dbguard rule 'trunc'",
            "dbguard.allow | truncate | write it as rule:object-pattern",
            "dbguard.unparsed-policy | maybe | use one of block, audit, allow",
            "dbguard.audit.format | xml | use text or json",
            "dbguard.audit.window | soon | expected a duration",
            "dbguard.cache-size | many | expected a whole number",
            "dbguard.enabled | sure | expected true or false"})
    void aMalformedValueSaysWhichKeyAndWhatToWrite(String key, String value, String hint) {
        assertThatThrownBy(() -> GuardConfig.builder().properties(Map.of(key, value), "JDBC URL"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid dbguard setting " + key + "=" + value + " (from JDBC URL)")
                .hasMessageContaining(hint);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"500ms, PT0.5S", "60s, PT1M", "5m, PT5M", "2h, PT2H", "1d, PT24H", "PT1M, PT1M", "250, PT0.25S"})
    void durationsAcceptTheUsualSpellings(String value, Duration expected) {
        assertThat(ConfigProperties.duration(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} allows {1} on {2}: {3}")
    @CsvSource({
            "truncate:audit_tmp_*, truncate, audit_tmp_1, true",
            "truncate:audit_tmp_*, truncate, public.audit_tmp_1, true",
            "truncate:audit_tmp_*, truncate, AUDIT_TMP_1, true",
            "truncate:audit_tmp_*, drop, audit_tmp_1, false",
            "truncate:audit_tmp_*, truncate, orders, false",
            "drop:public.scratch, drop, public.scratch, true",
            "drop:public.scratch, drop, other.scratch, false",
            "drop:tmp?, drop, tmp1, true",
            "drop:tmp?, drop, tmp12, false",
            "unscoped-delete:task, unscoped-delete, task, true"})
    void allowRulesMatchGlobsCaseInsensitively(String entry, String rule, String object, boolean allowed) {
        assertThat(AllowRule.parse(entry).allows(rule, object)).isEqualTo(allowed);
    }

    @Test
    void theTestSuitesOwnDatabaseKeysAreSkippedSilently() {
        List<String> lines = StderrCapture.linesOf(() -> GuardConfig.builder().properties(Map.of(
                "dbguard.test.postgres.url", "jdbc:postgresql://127.0.0.1/test",
                "dbguard.test.mariadb.url", "jdbc:mariadb://127.0.0.1/test"), "system properties").build());

        assertThat(lines).noneMatch(line -> line.contains("dbguard.test."));
    }

    @Test
    void anyOtherTestKeyIsAnUnknownSettingWarnedAboutInOneLine() {
        List<String> lines = StderrCapture.linesOf(() -> GuardConfig.builder()
                .properties(Map.of("dbguard.test.enabled", "false"), "system properties").build());

        assertThat(lines).filteredOn(line -> line.contains("dbguard.test.enabled")).singleElement()
                .satisfies(line -> assertThat(line).contains("WARN", "ignoring unknown setting 'dbguard.test.enabled'",
                        "configuration reference"));
    }

    @Test
    void postureKeysAreReadWithTheirDefaults() {
        assertThat(GuardConfig.defaults().postureEnabled()).isTrue();
        assertThat(GuardConfig.defaults().postureFailOn()).isEmpty();

        GuardConfig config = GuardConfig.builder().properties(Map.of(
                "dbguard.posture.enabled", "false",
                "dbguard.posture.fail-on", "owner, NO-TLS"), "test").build();

        assertThat(config.postureEnabled()).isFalse();
        assertThat(config.postureFailOn()).containsExactlyInAnyOrder("owner", "no-tls");
        assertThat(config.toBuilder().build().postureFailOn()).containsExactlyInAnyOrder("owner", "no-tls");
        assertThat(GuardConfig.builder().properties(Map.of("dbguard.posture.fail-on", "none"), "test").build()
                .postureFailOn()).isEmpty();
        assertThatThrownBy(() -> GuardConfig.builder().properties(Map.of("dbguard.posture.fail-on", "owners"), "t"))
                .hasMessageContaining("dbguard.posture.fail-on").hasMessageContaining("[owner, superuser, no-tls]");
    }
}
