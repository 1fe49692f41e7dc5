package dev.dbguard.samples;

import dev.dbguard.samples.tasks.SampleArguments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command the README shows names modules, profiles, main classes, options, jars and endpoints that exist. */
class QuickstartCommandsTest {

    private static final Path ROOT = repositoryRoot();
    private static final Path README = ROOT.resolve("README.md");
    private static final Set<String> PHASES = Set.of("validate", "compile", "test-compile", "test", "package",
            "verify", "install");
    private static final Set<String> SHELL_BLOCKS = Set.of("", "bash", "sh", "shell", "console");

    @Test
    void theQuickstartShowsTheDrillThePlainJdbcSampleAndTheTests() throws IOException {
        List<String> commands = commands(README);
        assertThat(commands).contains("./mvnw -q -pl samples/task-tracker -am compile -Pdrill",
                "./mvnw -q -pl samples/plain-jdbc -am compile -Prun", "./mvnw verify");
    }

    static List<String> everyCommand() throws IOException {
        // Commands of this repository; illustrations of other tools (java -jar tool.jar) are not checked.
        return commands(README).stream().filter(command -> command.contains("./mvnw") || command.contains("samples/")
                || command.contains("benchmarks/") || command.contains("localhost:8080")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCommand")
    void everyCommandNamesWhatExists(String command) throws Exception {
        for (String part : command.split("&&")) {
            List<String> words = words(part.strip());
            while (!words.isEmpty() && words.get(0).matches("[A-Z_]+=.*")) {
                words.remove(0);
            }
            assertThat(words).as(command).isNotEmpty();
            switch (words.get(0)) {
                case "./mvnw" -> checkMaven(words);
                case "java" -> checkJavaJar(words);
                case "curl" -> checkCurl(words);
                default -> throw new AssertionError("the quickstart shows a command this test cannot check: " + part
                        + "; teach QuickstartCommandsTest about it");
            }
        }
    }

    private static void checkMaven(List<String> words) throws Exception {
        List<Path> modules = new ArrayList<>();
        Set<String> profiles = new HashSet<>();
        String sampleArgs = null;
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            if (word.equals("-pl")) {
                for (String module : words.get(++i).split(",")) {
                    Path pom = ROOT.resolve(module).resolve("pom.xml");
                    assertThat(pom).as("module %s", module).exists();
                    modules.add(ROOT.resolve(module));
                }
            } else if (word.startsWith("-P")) {
                profiles.addAll(List.of((word.length() > 2 ? word.substring(2) : words.get(++i)).split(",")));
            } else if (word.startsWith("-Dsample.args=")) {
                sampleArgs = word.substring("-Dsample.args=".length());
            } else if (!word.startsWith("-")) {
                assertThat(PHASES).as("Maven phase").contains(word);
            }
        }
        for (String profile : profiles) {
            assertThat(modules).as("-P%s needs -pl with the module that declares it", profile).isNotEmpty();
            assertThat(modules).as("a module declaring profile %s", profile)
                    .anySatisfy(module -> assertThat(profileIds(module)).contains(profile));
        }
        for (Path module : modules) {
            String mainClass = property(module, "sample.main-class");
            if (mainClass != null) {
                assertThat(module.resolve("src/main/java/" + mainClass.replace('.', '/') + ".java"))
                        .as("main class of %s", module).exists();
            }
            if (sampleArgs != null) {
                checkProgramArguments(module, words(sampleArgs));
            }
        }
    }

    private static void checkJavaJar(List<String> words) throws Exception {
        assertThat(words.get(1)).isEqualTo("-jar");
        Path jar = ROOT.resolve(words.get(2));
        Path module = jar.getParent().getParent();
        assertThat(jar.getParent().getFileName().toString()).isEqualTo("target");
        assertThat(jar.getFileName().toString()).isEqualTo(finalName(module) + ".jar");
        assertThat(profileIds(module)).as("the profile that builds the runnable jar").contains("jar");
        checkProgramArguments(module, words.subList(3, words.size()));
    }

    private static void checkCurl(List<String> words) throws Exception {
        String target = words.get(words.size() - 1);
        String method = words.contains("-X") ? words.get(words.indexOf("-X") + 1) : "GET";
        String path = target.substring(target.indexOf('/')).replaceFirst("\\?.*", "");
        if (path.startsWith("/actuator/")) {
            String exposed = Files.readString(ROOT.resolve(
                    "samples/task-tracker/src/main/resources/application.properties"));
            assertThat(exposed).contains("management.endpoints.web.exposure.include=")
                    .containsPattern("exposure\\.include=.*\\b" + path.substring("/actuator/".length()) + "\\b");
            return;
        }
        assertThat(endpoints()).as("endpoints of the task tracker").contains(method + " " + path);
    }

    private static void checkProgramArguments(Path module, List<String> arguments) {
        if (module.endsWith("task-tracker")) {
            SampleArguments parsed = SampleArguments.parse(arguments.toArray(String[]::new), Map.of());
            assertThat(parsed.spring()).as("arguments handed to Spring Boot must be --key=value")
                    .allSatisfy(argument -> assertThat(argument).matches("--[a-z][a-z0-9.\\-\\[\\]]*=.*"));
        } else {
            assertThat(arguments).as("the plain-JDBC sample takes --url <jdbc-url> only")
                    .satisfiesAnyOf(list -> assertThat(list).isEmpty(),
                            list -> assertThat(list).hasSize(2).first().isEqualTo("--url"));
        }
    }

    /** The commands in the fenced shell blocks of {@code file}, continuation lines joined, comments removed. */
    static List<String> commands(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> commands = new ArrayList<>();
        boolean inBlock = false;
        boolean shell = false;
        StringBuilder pending = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            if (line.strip().startsWith("```")) {
                inBlock = !inBlock;
                shell = inBlock && SHELL_BLOCKS.contains(line.strip().substring(3).strip());
                continue;
            }
            if (!inBlock || !shell) {
                continue;
            }
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            String command = (pending + line).replaceFirst("\\s+#.*$", "").replaceFirst("^\\$ ", "").strip();
            pending.setLength(0);
            if (command.startsWith("./mvnw") || command.startsWith("java ") || command.startsWith("curl ")
                    || command.matches("[A-Z_]+=\\S+ .*")) {
                commands.add(command.replaceAll("\\s+", " "));
            }
        }
        return commands;
    }

    /** Splits like a shell: on spaces, keeping quoted parts together (quotes removed). */
    private static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        Matcher word = Pattern.compile("(?:[^\\s\"']+|\"[^\"]*\"|'[^']*')+").matcher(command);
        while (word.find()) {
            words.add(word.group().replace("\"", "").replace("'", ""));
        }
        return words;
    }

    private static Set<String> endpoints() throws ClassNotFoundException {
        Set<String> endpoints = new HashSet<>();
        for (String name : List.of("TaskController", "AdminController")) {
            for (Method method : Class.forName("dev.dbguard.samples.tasks." + name).getDeclaredMethods()) {
                if (method.isAnnotationPresent(GetMapping.class)) {
                    endpoints.add("GET " + method.getAnnotation(GetMapping.class).value()[0]);
                }
                if (method.isAnnotationPresent(PostMapping.class)) {
                    endpoints.add("POST " + method.getAnnotation(PostMapping.class).value()[0]);
                }
                if (method.isAnnotationPresent(DeleteMapping.class)) {
                    endpoints.add("DELETE " + method.getAnnotation(DeleteMapping.class).value()[0]);
                }
            }
        }
        return endpoints;
    }

    private static Set<String> profileIds(Path module) {
        Set<String> ids = new HashSet<>();
        NodeList profiles = pom(module).getElementsByTagName("profile");
        for (int i = 0; i < profiles.getLength(); i++) {
            ids.add(((Element) profiles.item(i)).getElementsByTagName("id").item(0).getTextContent().strip());
        }
        return ids;
    }

    private static String property(Path module, String name) {
        NodeList found = pom(module).getElementsByTagName(name);
        return found.getLength() == 0 ? null : found.item(0).getTextContent().strip();
    }

    private static String finalName(Path module) {
        NodeList found = pom(module).getElementsByTagName("finalName");
        return found.getLength() == 0 ? null : found.item(0).getTextContent().strip();
    }

    private static Document pom(Path module) {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(module.resolve("pom.xml").toFile());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + module.resolve("pom.xml"), e);
        }
    }

    private static Path repositoryRoot() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !(Files.exists(directory.resolve("mvnw"))
                && Files.isDirectory(directory.resolve("samples")))) {
            directory = directory.getParent();
        }
        if (directory == null) {
            throw new IllegalStateException("run from inside the dbguard repository: no mvnw and samples/ above "
                    + Path.of("").toAbsolutePath());
        }
        return directory;
    }
}
