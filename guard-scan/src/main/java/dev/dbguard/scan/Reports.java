package dev.dbguard.scan;

import dev.dbguard.core.AllowAnnotation;
import dev.dbguard.core.rules.Rule;
import dev.dbguard.core.rules.RuleCatalog;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The output formats: compiler-style text for people, JSON and SARIF 2.1.0 for tools, GitHub workflow commands. */
enum Reports {
    TEXT {
        @Override
        void write(ScanResult result, String environment, PrintWriter out) {
            for (ScanFinding f : result.findings()) {
                out.println(f.asText());
            }
            out.println(result.summary(environment));
        }
    },
    JSON {
        @Override
        void write(ScanResult result, String environment, PrintWriter out) {
            StringBuilder json = new StringBuilder("[");
            for (int i = 0; i < result.findings().size(); i++) {
                ScanFinding f = result.findings().get(i);
                json.append(i == 0 ? "\n" : ",\n").append("  {\"path\": ").append(Json.string(f.path()))
                        .append(", \"line\": ").append(f.line())
                        .append(", \"column\": ").append(f.column())
                        .append(", \"rule\": ").append(Json.string(f.rule()))
                        .append(", \"severity\": ").append(Json.string(f.severity().id()))
                        .append(", \"message\": ").append(Json.string(f.message()))
                        .append(", \"statement\": ").append(Json.string(f.statement()))
                        .append('}');
            }
            out.println(json.append(result.findings().isEmpty() ? "]" : "\n]"));
        }
    },
    SARIF {
        @Override
        void write(ScanResult result, String environment, PrintWriter out) {
            Map<String, String> rules = new LinkedHashMap<>();
            for (Rule rule : RuleCatalog.all()) {
                rules.put(rule.id(), rule.summary());
            }
            rules.put(AllowAnnotation.RULE, "A dbguard:allow annotation must name rules of the catalog and give a reason.");
            rules.put(MigrationScanner.SCAN_ERROR, "A migration file could not be read or parsed, so it was not scanned.");
            for (ScanFinding f : result.findings()) {
                rules.putIfAbsent(f.rule(), "Statement refused by dbguard rule " + f.rule() + ".");
            }
            List<String> ids = new ArrayList<>(rules.keySet());
            StringBuilder s = new StringBuilder(4096);
            s.append("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n")
                    .append("  \"version\": \"2.1.0\",\n  \"runs\": [{\n")
                    .append("    \"tool\": {\"driver\": {\"name\": \"dbguard-scan\", ")
                    .append("\"informationUri\": \"https://github.com/dbguard/dbguard\", \"rules\": [");
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                s.append(i == 0 ? "\n" : ",\n").append("      {\"id\": ").append(Json.string(id))
                        .append(", \"name\": ").append(Json.string(id))
                        .append(", \"shortDescription\": {\"text\": ").append(Json.string(rules.get(id))).append('}')
                        .append(", \"defaultConfiguration\": {\"level\": \"error\"}}");
            }
            s.append("\n    ]}},\n    \"results\": [");
            for (int i = 0; i < result.findings().size(); i++) {
                ScanFinding f = result.findings().get(i);
                s.append(i == 0 ? "\n" : ",\n").append("      {\"ruleId\": ").append(Json.string(f.rule()))
                        .append(", \"ruleIndex\": ").append(ids.indexOf(f.rule()))
                        .append(", \"level\": ").append(Json.string(f.severity().sarifLevel()))
                        .append(", \"message\": {\"text\": ").append(Json.string(f.message())).append('}')
                        .append(", \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ")
                        .append(Json.string(f.path())).append("}, \"region\": {\"startLine\": ").append(f.line())
                        .append(", \"startColumn\": ").append(f.column()).append("}}}]");
                if (!f.fingerprint().isEmpty()) {
                    s.append(", \"partialFingerprints\": {\"dbguardStatement/v1\": ").append(Json.string(f.fingerprint()))
                            .append('}');
                }
                s.append('}');
            }
            s.append(result.findings().isEmpty() ? "]\n  }]\n}" : "\n    ]\n  }]\n}");
            out.println(s);
        }
    },
    GITHUB {
        @Override
        void write(ScanResult result, String environment, PrintWriter out) {
            for (ScanFinding f : result.findings()) {
                out.println("::" + f.severity().githubCommand() + " file=" + property(f.path()) + ",line=" + f.line() + ",col="
                        + f.column() + ",title=" + property("dbguard [" + f.rule() + "]") + "::" + data(f.message()));
            }
            out.println(result.summary(environment));
        }
    };

    abstract void write(ScanResult result, String environment, PrintWriter out);

    /** The format named {@code id} ({@code text}, {@code json}, {@code sarif}, {@code github}), or null. */
    static Reports fromId(String id) {
        for (Reports format : values()) {
            if (format.name().equalsIgnoreCase(id)) {
                return format;
            }
        }
        return null;
    }

    /** GitHub's escaping of a workflow command's message. */
    static String data(String value) {
        return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** GitHub's escaping of a workflow command's property value. */
    static String property(String value) {
        return data(value).replace(":", "%3A").replace(",", "%2C");
    }
}
