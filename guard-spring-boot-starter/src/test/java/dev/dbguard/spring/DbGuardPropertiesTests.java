package dev.dbguard.spring;

import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.Policy;
import dev.dbguard.core.audit.AuditFormat;
import dev.dbguard.core.audit.RecentRefusals;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The starter's defaults are guard-core's, so a Spring application and a plain one behave alike. */
class DbGuardPropertiesTests {

    @Test
    void defaultValuesAreConsistent() {
        DbGuardProperties properties = new DbGuardProperties();
        GuardConfig core = GuardConfig.defaults();
        assertThat(properties.isEnabled()).isEqualTo(GuardConfig.DEFAULT_ENABLED).isEqualTo(core.enabled());
        assertThat(properties.getEnv()).isNull();
        assertThat(properties.getModes()).isEmpty();
        assertThat(properties.getRules()).isEmpty();
        assertThat(properties.getAllow()).isEmpty();
        assertThat(properties.getProductionUrlPatterns()).isEmpty();
        assertThat(properties.getEphemeralUrlPatterns())
                .isEqualTo(GuardConfig.DEFAULT_EPHEMERAL_URL_PATTERNS).isEqualTo(core.ephemeralUrlPatterns());
        assertThat(DangerousSettings.Action.fromId(properties.getDangerousSettings()))
                .isEqualTo(DangerousSettings.Action.WARN);
        assertThat(properties.getExcludeBeans()).isEmpty();
        assertThat(Policy.fromId(properties.getUnparsedPolicy()))
                .isEqualTo(GuardConfig.DEFAULT_UNPARSED_POLICY).isEqualTo(core.unparsedPolicy());
        assertThat(Policy.fromId(properties.getDynamicSqlPolicy()))
                .isEqualTo(GuardConfig.DEFAULT_DYNAMIC_SQL_POLICY).isEqualTo(core.dynamicSqlPolicy());
        assertThat(properties.getCacheSize()).isEqualTo(GuardConfig.DEFAULT_CACHE_SIZE).isEqualTo(core.cacheSize());
        assertThat(properties.getMaxParseLength())
                .isEqualTo(GuardConfig.DEFAULT_MAX_PARSE_LENGTH).isEqualTo(core.maxParseLength());
        DbGuardProperties.Audit audit = properties.getAudit();
        assertThat(AuditFormat.fromId(audit.getFormat()))
                .isEqualTo(GuardConfig.DEFAULT_AUDIT_FORMAT).isEqualTo(core.auditFormat());
        assertThat(audit.isRedactLiterals())
                .isEqualTo(GuardConfig.DEFAULT_REDACT_LITERALS).isEqualTo(core.redactLiterals());
        assertThat(audit.getWindow()).isEqualTo(GuardConfig.DEFAULT_AUDIT_WINDOW).isEqualTo(core.auditWindow());
        assertThat(audit.getRecentRefusals()).isEqualTo(RecentRefusals.DEFAULT_CAPACITY);
        assertThat(new DbGuardProperties.Rule().isEnabled()).isTrue();
        assertThat(new DbGuardProperties.Rule().getSeverity()).isNull(); // the rule's own default
        assertThat(properties.getAnnotations().isEnabled())
                .isEqualTo(GuardConfig.DEFAULT_ANNOTATIONS_ENABLED).isEqualTo(core.annotationsEnabled());
    }

    @Test
    void ideHintsNameEveryRuleOfTheCatalog() throws IOException {
        String hints = resource("META-INF/additional-spring-configuration-metadata.json");
        String ruleHints = hints.substring(hints.indexOf("\"dbguard.rules.keys\""),
                hints.indexOf("\"dbguard.unparsed-policy\""));
        assertThat(ruleHints.split("\"value\"", -1)).hasSize(GuardConfig.RULE_IDS.size() + 1);
        assertThat(GuardConfig.RULE_IDS).allSatisfy(id -> assertThat(ruleHints).contains("\"value\": \"" + id + "\""));
    }

    @Test
    void configurationMetadataDescribesEveryProperty() throws IOException {
        String metadata = resource("META-INF/spring-configuration-metadata.json");
        assertThat(metadata).contains("\"name\": \"dbguard.env\"", "\"name\": \"dbguard.modes\"",
                "\"name\": \"dbguard.rules\"", "\"name\": \"dbguard.allow\"",
                "\"name\": \"dbguard.production-url-patterns\"", "\"name\": \"dbguard.audit.format\"",
                "\"name\": \"dbguard.audit.redact-literals\"", "\"name\": \"dbguard.audit.window\"",
                "\"name\": \"dbguard.audit.recent-refusals\"", "\"name\": \"dbguard.cache-size\"",
                "\"name\": \"dbguard.max-parse-length\"", "\"name\": \"dbguard.unparsed-policy\"",
                "\"name\": \"dbguard.dynamic-sql-policy\"", "\"name\": \"dbguard.exclude-beans\"", "\"name\": \"dbguard.enabled\"",
                "\"name\": \"dbguard.ephemeral-url-patterns\"", "\"name\": \"dbguard.dangerous-settings\"",
                "\"name\": \"management.endpoint.dbguard.show-values\"");
        assertThat(metadata).doesNotContain("\"description\": \"\"");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = DbGuardPropertiesTests.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
