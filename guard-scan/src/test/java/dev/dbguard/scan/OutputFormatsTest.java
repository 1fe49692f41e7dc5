package dev.dbguard.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbguard.core.rules.Rule;
import dev.dbguard.core.rules.RuleCatalog;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Each output format, parsed back and checked for its structure. */
class OutputFormatsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void textIsCompilerStyleThenOneSummaryLine() {
        ScanRun run = ScanRun.in(ScanRun.fixtures(), "flyway/V2__cleanup.sql");
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(5);
        Pattern compiler = Pattern.compile("^([^:]+):(\\d+):(\\d+): (error|warning) \\[([a-z-]+)] (.+)$");
        for (String line : lines.subList(0, 4)) {
            assertThat(line).matches(compiler);
        }
        assertThat(lines.get(0)).isEqualTo("flyway/V2__cleanup.sql:6:1: error [drop] DROP TABLE legacy_audit: refused "
                + "in production; to ship it deliberately, allow-list it (dbguard.allow=drop:legacy_audit) or write "
                + "'-- dbguard:allow drop reason=\"<why>\"' on the line above");
        assertThat(lines.get(4)).startsWith("dbguard-scan: 1 file, 7 statements: 4 errors (4 refused in production), "
                + "0 warnings, 0 allowed, 0 baselined, 0 not scanned (");
    }

    @Test
    void jsonIsAnArrayOfFindingsWithEveryField() throws Exception {
        ScanRun run = ScanRun.in(ScanRun.fixtures(), "--format", "json", "flyway/V2__cleanup.sql");
        JsonNode findings = JSON.readTree(run.out());
        assertThat(findings.isArray()).isTrue();
        assertThat(findings).hasSize(4);
        JsonNode first = findings.get(0);
        assertThat(first.get("path").asText()).isEqualTo("flyway/V2__cleanup.sql");
        assertThat(first.get("line").asInt()).isEqualTo(6);
        assertThat(first.get("column").asInt()).isEqualTo(1);
        assertThat(first.get("rule").asText()).isEqualTo("drop");
        assertThat(first.get("severity").asText()).isEqualTo("error");
        assertThat(first.get("message").asText()).startsWith("DROP TABLE legacy_audit: refused in production");
        assertThat(first.get("statement").asText()).isEqualTo("DROP TABLE legacy_audit");
        // a multi-line statement is given on one line
        assertThat(findings.get(2).get("statement").asText()).isEqualTo("UPDATE tasks SET note = NULL");
    }

    @Test
    void jsonOfACleanScanIsAnEmptyArray() throws Exception {
        ScanRun run = ScanRun.in(ScanRun.fixtures(), "--format", "json", "flyway/V1__init.sql");
        assertThat(run.exit()).isZero();
        assertThat(JSON.readTree(run.out()).isArray()).isTrue();
        assertThat(JSON.readTree(run.out())).isEmpty();
    }

    @Test
    void sarifIs210WithTheRuleCatalogAndPhysicalLocations() throws Exception {
        ScanRun run = ScanRun.in(ScanRun.fixtures(), "--format", "sarif", "flyway", "liquibase/changelog.xml");
        assertThat(run.exit()).isEqualTo(1);
        JsonNode sarif = JSON.readTree(run.out());
        assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
        assertThat(sarif.get("$schema").asText()).contains("sarif-2.1.0");
        JsonNode runs = sarif.get("runs");
        assertThat(runs).hasSize(1);
        JsonNode driver = runs.get(0).get("tool").get("driver");
        assertThat(driver.get("name").asText()).isEqualTo("dbguard-scan");
        List<String> ruleIds = new ArrayList<>();
        for (JsonNode rule : driver.get("rules")) {
            ruleIds.add(rule.get("id").asText());
            assertThat(rule.get("shortDescription").get("text").asText()).isNotBlank();
        }
        for (Rule rule : RuleCatalog.all()) {
            assertThat(ruleIds).contains(rule.id());
            int index = ruleIds.indexOf(rule.id());
            assertThat(driver.get("rules").get(index).get("shortDescription").get("text").asText())
                    .isEqualTo(rule.summary());
        }
        JsonNode results = runs.get(0).get("results");
        assertThat(results).hasSize(24); // with the renameColumn warning of the changelog
        for (JsonNode result : results) {
            String ruleId = result.get("ruleId").asText();
            assertThat(ruleIds.get(result.get("ruleIndex").asInt())).isEqualTo(ruleId);
            assertThat(result.get("level").asText()).isIn("error", "warning", "note");
            assertThat(result.get("message").get("text").asText()).isNotBlank();
            JsonNode location = result.get("locations").get(0).get("physicalLocation");
            assertThat(location.get("artifactLocation").get("uri").asText()).matches("(flyway|liquibase)/.+");
            assertThat(location.get("region").get("startLine").asInt()).isPositive();
            assertThat(location.get("region").get("startColumn").asInt()).isPositive();
        }
        JsonNode first = results.get(0);
        assertThat(first.get("ruleId").asText()).isEqualTo("drop");
        assertThat(first.get("level").asText()).isEqualTo("warning"); // the undo script
        assertThat(first.get("locations").get(0).get("physicalLocation").get("artifactLocation").get("uri").asText())
                .isEqualTo("flyway/U2__cleanup.sql");
    }

    @Test
    void sarifIsValidAgainstTheSchemaOfWhatTheSpecificationRequires() throws Exception {
        com.networknt.schema.Schema schema;
        try (java.io.InputStream in = OutputFormatsTest.class.getResourceAsStream("/sarif-2.1.0-subset.schema.json")) {
            schema = com.networknt.schema.SchemaRegistry
                    .withDefaultDialect(com.networknt.schema.SpecificationVersion.DRAFT_2020_12)
                    .getSchema(in);
        }
        // errors, warnings, notes (annotations), a malformed annotation and a file that could not be scanned
        ScanRun findings = ScanRun.in(ScanRun.fixtures(), "--format", "sarif", "flyway", "liquibase-yaml", "broken");
        ScanRun clean = ScanRun.in(ScanRun.fixtures(), "--format", "sarif", "flyway/V1__init.sql");
        for (ScanRun run : List.of(findings, clean)) {
            JsonNode sarif = JSON.readTree(run.out());
            assertThat(schema.validate(sarif)).as(run.out()).isEmpty();
        }
        assertThat(JSON.readTree(findings.out()).get("runs").get(0).get("results").findValuesAsText("level"))
                .contains("error", "warning", "note");
        assertThat(JSON.readTree(clean.out()).get("runs").get(0).get("results")).isEmpty();
        // the schema is not vacuous: what the specification forbids is refused
        assertThat(schema.validate(JSON.readTree("{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": "
                + "{\"name\": \"x\"}}, \"results\": [{\"level\": \"fatal\", \"message\": {}}]}]}")).toString())
                .contains("results/0/level", "results/0/message");
    }

    @Test
    void githubWritesOneWorkflowCommandPerFinding() {
        ScanRun run = ScanRun.in(ScanRun.fixtures(), "--format", "github", "flyway/V2__cleanup.sql",
                "flyway/U2__cleanup.sql");
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(6);
        Pattern command = Pattern.compile("^::(error|warning) file=([^,]+),line=(\\d+),col=(\\d+),title=([^:]+)::(.+)$");
        Matcher first = command.matcher(lines.get(0));
        assertThat(first.matches()).as(lines.get(0)).isTrue();
        assertThat(first.group(1)).isEqualTo("error");
        assertThat(first.group(2)).isEqualTo("flyway/V2__cleanup.sql");
        assertThat(first.group(3)).isEqualTo("6");
        assertThat(first.group(4)).isEqualTo("1");
        assertThat(first.group(5)).isEqualTo("dbguard [drop]");
        Matcher undo = command.matcher(lines.get(4));
        assertThat(undo.matches()).as(lines.get(4)).isTrue();
        assertThat(undo.group(1)).isEqualTo("warning");
        assertThat(lines.get(5)).startsWith("dbguard-scan: 2 files");
    }

    @Test
    void githubEscapesWhatWouldEndAProperty() {
        assertThat(Reports.property("a,b:c%d\ne")).isEqualTo("a%2Cb%3Ac%25d%0Ae");
        assertThat(Reports.data("50% done\r\nnext")).isEqualTo("50%25 done%0D%0Anext");
    }

    @Test
    void jsonStringsAreEscaped() throws Exception {
        String value = "quote \" backslash \\ newline \n tab \t control \u0001 end";
        assertThat(JSON.readTree(Json.string(value)).asText()).isEqualTo(value);
    }
}
