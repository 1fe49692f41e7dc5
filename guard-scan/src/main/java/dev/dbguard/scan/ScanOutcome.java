package dev.dbguard.scan;

import java.io.PrintWriter;
import java.util.List;

/** What a {@link Scan} found, its exit code, and its report in the scan's format. */
public final class ScanOutcome {

    private final ScanResult result;
    private final String environment;
    private final Reports format;
    private final int exitCode;

    ScanOutcome(ScanResult result, String environment, Reports format, int exitCode) {
        this.result = result;
        this.environment = environment;
        this.format = format;
        this.exitCode = exitCode;
    }

    /**
     * {@return the exit code} 0 clean, 1 findings at or above the scan's fail-on level, 2 a file could not be
     * scanned.
     */
    public int exitCode() {
        return exitCode;
    }

    /**
     * {@return the reported findings, in file order, then line order} After the baseline; annotation-allowed ones
     * are notes.
     */
    public List<ScanFinding> findings() {
        return result.findings();
    }

    /** {@return how many files could not be scanned, whole or in part} Each is a {@code scan-error} finding. */
    public int unscanned() {
        return result.unscanned();
    }

    /** {@return the one-line summary: files, statements, errors, warnings, allowed, baselined, not scanned, time} */
    public String summary() {
        return result.summary(environment);
    }

    /**
     * Writes the report in the scan's format.
     *
     * @param out where the report goes; flushed, not closed
     */
    public void write(PrintWriter out) {
        format.write(result, environment, out);
        out.flush();
    }
}
