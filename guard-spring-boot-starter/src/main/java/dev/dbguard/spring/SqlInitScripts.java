package dev.dbguard.spring;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The scripts {@code spring.sql.init} runs, read the way Spring Boot finds them ({@code schema-locations},
 * {@code data-locations}, else {@code schema-<platform>.sql}, {@code schema.sql}, {@code data-<platform>.sql},
 * {@code data.sql}) and split the way Spring's {@code ScriptUtils} splits them (comments dropped, the separator or,
 * when a script has none, line breaks), so that a statement can be traced to its script and number.
 */
final class SqlInitScripts {

    private static final String PREFIX = "spring.sql.init.";

    private final List<Script> scripts;

    private SqlInitScripts(List<Script> scripts) {
        this.scripts = scripts;
    }

    /** One script: its location as configured and its statements in order. */
    record Script(String location, List<String> statements) {
    }

    /** The scripts the auto-configured initializer runs, schema scripts first; unreadable ones are left out. */
    static SqlInitScripts of(Environment environment, ResourceLoader resourceLoader) {
        Binder binder = Binder.get(environment);
        String platform = binder.bind(PREFIX + "platform", String.class).orElse("all");
        String separator = binder.bind(PREFIX + "separator", String.class).orElse(";");
        Charset encoding = binder.bind(PREFIX + "encoding", Charset.class).orElse(StandardCharsets.UTF_8);
        ResourcePatternResolver resolver = resourceLoader instanceof ResourcePatternResolver patterns ? patterns
                : new PathMatchingResourcePatternResolver(resourceLoader);
        List<Script> scripts = new ArrayList<>();
        for (String kind : List.of("schema", "data")) {
            List<String> locations = binder.bind(PREFIX + kind + "-locations", Bindable.listOf(String.class))
                    .orElse(List.of("optional:classpath*:" + kind + "-" + platform + ".sql",
                            "optional:classpath*:" + kind + ".sql"));
            for (String location : locations) {
                scripts.addAll(read(resolver, location.trim(), separator, encoding));
            }
        }
        return new SqlInitScripts(List.copyOf(scripts));
    }

    private static List<Script> read(ResourcePatternResolver resolver, String location, String separator,
                                     Charset encoding) {
        String path = location.startsWith("optional:") ? location.substring("optional:".length()) : location;
        List<Script> found = new ArrayList<>();
        try {
            Resource[] resources = resolver.getResources(path);
            for (Resource resource : resources) {
                if (!resource.exists() || !resource.isReadable()) {
                    continue;
                }
                String name = resources.length == 1 ? path.replace("classpath*:", "classpath:")
                        : resource.getDescription();
                found.add(new Script(name, split(resource.getContentAsString(encoding), separator)));
            }
        } catch (IOException | RuntimeException unreadable) {
            // The initializer reports unreadable scripts itself; here they only go unnamed.
        }
        return found;
    }

    /** The scripts found. */
    List<Script> scripts() {
        return scripts;
    }

    /**
     * {@code spring.sql.init script classpath:db/h2/schema.sql (statement 3)} for the statement with this text, or
     * null when no script holds it.
     */
    String describe(String statementText) {
        if (statementText == null) {
            return null;
        }
        String wanted = normalize(statementText);
        for (Script script : scripts) {
            List<String> statements = script.statements();
            for (int i = 0; i < statements.size(); i++) {
                if (normalize(statements.get(i)).equals(wanted)) {
                    return "spring.sql.init script " + script.location() + " (statement " + (i + 1) + ")";
                }
            }
        }
        return null;
    }

    /**
     * Splits like {@code ScriptUtils}: {@code --} and {@code /* *}{@code /} comments outside quotes are dropped, and
     * statements end at {@code separator} outside quotes, or at line breaks when the script has no separator.
     */
    static List<String> split(String script, String separator) {
        String effective = containsOutsideQuotes(script, separator) ? separator : "\n";
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        int i = 0;
        while (i < script.length()) {
            char c = script.charAt(i);
            if (quote != 0) {
                current.append(c);
                quote = c == quote ? 0 : quote;
                i++;
            } else if (c == '\'' || c == '"') {
                quote = c;
                current.append(c);
                i++;
            } else if (script.startsWith("--", i)) {
                int end = script.indexOf('\n', i);
                i = end < 0 ? script.length() : end;
            } else if (script.startsWith("/*", i)) {
                int end = script.indexOf("*/", i + 2);
                i = end < 0 ? script.length() : end + 2;
                current.append(' ');
            } else if (script.startsWith(effective, i)) {
                add(statements, current);
                i += effective.length();
            } else {
                current.append(c);
                i++;
            }
        }
        add(statements, current);
        return statements;
    }

    private static boolean containsOutsideQuotes(String script, String separator) {
        char quote = 0;
        for (int i = 0; i < script.length(); i++) {
            char c = script.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (script.startsWith("--", i)) {
                int end = script.indexOf('\n', i);
                i = end < 0 ? script.length() : end;
            } else if (script.startsWith(separator, i)) {
                return true;
            }
        }
        return false;
    }

    private static void add(List<String> statements, StringBuilder current) {
        String statement = current.toString().strip();
        if (!statement.isEmpty()) {
            statements.add(statement);
        }
        current.setLength(0);
    }

    /** Whitespace runs as one space, no trailing semicolon: how both sides are compared. */
    static String normalize(String sql) {
        String collapsed = sql.strip().replaceAll("\\s+", " ");
        while (collapsed.endsWith(";")) {
            collapsed = collapsed.substring(0, collapsed.length() - 1).stripTrailing();
        }
        return collapsed;
    }
}
