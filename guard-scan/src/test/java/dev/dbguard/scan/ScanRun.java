package dev.dbguard.scan;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/** One in-process run of the command line, as a test sees it. */
record ScanRun(int exit, String out, String err) {

    static ScanRun in(Path workingDirectory, String... args) {
        return withStdin(workingDirectory, "", args);
    }

    static ScanRun withStdin(Path workingDirectory, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = ScanCommand.run(workingDirectory, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out), new PrintWriter(err), args);
        return new ScanRun(exit, out.toString(), err.toString());
    }

    /** The fixture tree on the test class path. */
    static Path fixtures() {
        try {
            return Path.of(Objects.requireNonNull(ScanRun.class.getResource("/fixtures")).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
