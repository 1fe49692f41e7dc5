package dev.dbguard.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Liquibase's lock-table reset is let through only where Liquibase can be loaded: the one answer the driver and the
 * starter share. "Liquibase" here is a class of that name compiled by the test into a class loader of its own, set
 * as the thread's context class loader, as a tool's plugin loader would be.
 */
class LiquibaseLockResetTest {

    @TempDir
    static Path classes;

    @Test
    void withoutLiquibaseNothingIsAllowed() {
        assertThat(GuardConfig.builder().allowLiquibaseLockReset(null).build().allowList()).isEmpty();
    }

    @ParameterizedTest(name = "lock table [{0}]")
    @CsvSource(nullValues = "null", value = {
            "null, DATABASECHANGELOGLOCK",
            "'  ', DATABASECHANGELOGLOCK",
            "' app_lock ', app_lock",
    })
    void whereLiquibaseLoadsItsLockTableResetIsAllowed(String lockTable, String allowed) throws Exception {
        GuardConfig config = withLiquibaseVisible(() -> GuardConfig.builder().allowLiquibaseLockReset(lockTable)
                .build());

        assertThat(config.allowList()).containsExactly(AllowRule.of("unscoped-delete", allowed));
        assertThat(config.allowList().get(0).allows("unscoped-delete", allowed)).isTrue();
        assertThat(config.allowList().get(0).allows("unscoped-delete", "tasks")).isFalse();
    }

    private static GuardConfig withLiquibaseVisible(Supplier<GuardConfig> build) throws IOException {
        Path source = classes.resolve("liquibase/Liquibase.java");
        if (!Files.exists(classes.resolve("liquibase/Liquibase.class"))) {
            Files.createDirectories(source.getParent());
            Files.writeString(source, "package liquibase; public class Liquibase { }");
            JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            assertThat(compiler.run(null, null, null, "-d", classes.toString(), source.toString())).isZero();
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader liquibase = new URLClassLoader(new URL[] {classes.toUri().toURL()}, previous)) {
            thread.setContextClassLoader(liquibase);
            return build.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
