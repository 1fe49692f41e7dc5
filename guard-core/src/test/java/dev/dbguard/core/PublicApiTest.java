package dev.dbguard.core;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The supported API (every public type outside {@code dev.dbguard.core.internal}) never hands out, or asks for, an
 * internal type: a user who stays with the documented packages never has to touch the engine's internals.
 */
class PublicApiTest {

    private static final String INTERNAL = "dev.dbguard.core.internal.";

    @Test
    void noSupportedTypeMentionsAnInternalOneInItsPublicSignatures() throws Exception {
        List<String> leaks = new ArrayList<>();
        List<Class<?>> supported = supportedTypes();
        assertThat(supported).as("supported public types found").hasSizeGreaterThan(30);
        for (Class<?> type : supported) {
            for (Method method : type.getMethods()) {
                if (method.getDeclaringClass() == type) {
                    check(type, method, leaks);
                }
            }
            for (Constructor<?> constructor : type.getConstructors()) {
                check(type, constructor, leaks);
            }
            for (Field field : type.getFields()) {
                if (field.getDeclaringClass() == type && mentionsInternal(field.getGenericType())) {
                    leaks.add(type.getName() + "." + field.getName());
                }
            }
        }
        assertThat(leaks).as("public signatures of supported types that mention " + INTERNAL + "*").isEmpty();
    }

    @Test
    void theEngineInternalsAreNotInTheSupportedPackages() throws Exception {
        assertThat(supportedTypes()).extracting(Class::getSimpleName)
                .doesNotContain("SqlAnalyzer", "LexicalRules", "StatementScanner", "SqlFingerprint", "SqlRedactor",
                        "AuditThrottle", "AuditEvents");
    }

    private static void check(Class<?> type, Executable executable, List<String> leaks) {
        List<Type> mentioned = new ArrayList<>(List.of(executable.getGenericParameterTypes()));
        mentioned.addAll(List.of(executable.getGenericExceptionTypes()));
        if (executable instanceof Method method) {
            mentioned.add(method.getGenericReturnType());
        }
        if (mentioned.stream().anyMatch(PublicApiTest::mentionsInternal)) {
            leaks.add(type.getName() + "." + executable.getName());
        }
    }

    private static boolean mentionsInternal(Type type) {
        return type.getTypeName().contains(INTERNAL);
    }

    /** The public top-level and nested types of guard-core outside the internal package. */
    private static List<Class<?>> supportedTypes() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(StatementGuard.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (name.startsWith(INTERNAL) || name.endsWith("package-info") || name.matches(".*\\$\\d+.*")) {
                    continue;
                }
                Class<?> type = Class.forName(name, false, PublicApiTest.class.getClassLoader());
                if (isPublic(type)) {
                    types.add(type);
                }
            }
        }
        return types;
    }

    private static boolean isPublic(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
            if (!Modifier.isPublic(t.getModifiers())) {
                return false;
            }
        }
        return true;
    }
}
