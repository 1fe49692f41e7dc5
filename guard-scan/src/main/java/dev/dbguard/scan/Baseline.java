package dev.dbguard.scan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Accepted findings: one line per finding, {@code rule TAB path TAB statement-fingerprint}, so that a baseline
 * survives edits that move a statement to another line or change its literals, and a new destructive statement in
 * the same file is still reported. A finding repeated n times in a file is accepted n times, no more.
 */
final class Baseline {

    static final String HEADER = "# dbguard-scan baseline v1: rule<TAB>path<TAB>statement fingerprint; accepted findings";

    private final Map<String, Integer> accepted;

    private Baseline(Map<String, Integer> accepted) {
        this.accepted = accepted;
    }

    static Baseline read(Path file, String shown) throws UsageException {
        Map<String, Integer> accepted = new HashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("--baseline " + shown + ": cannot read it (" + MigrationScanner.describe(e)
                    + "); create one with --write-baseline " + shown);
        }
        int number = 0;
        for (String line : lines) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (line.split("\t", -1).length != 3) {
                throw new UsageException("--baseline " + shown + ":" + number
                        + ": not a baseline line (rule<TAB>path<TAB>fingerprint); write it with --write-baseline");
            }
            accepted.merge(line, 1, Integer::sum);
        }
        return new Baseline(accepted);
    }

    /** The findings the baseline does not accept. */
    List<ScanFinding> newFindings(List<ScanFinding> findings) {
        Map<String, Integer> left = new HashMap<>(accepted);
        List<ScanFinding> fresh = new ArrayList<>();
        for (ScanFinding finding : findings) {
            Integer count = left.get(finding.baselineKey());
            if (count != null && count > 0) {
                left.put(finding.baselineKey(), count - 1);
            } else {
                fresh.add(finding);
            }
        }
        return fresh;
    }

    static void write(Path file, String shown, List<ScanFinding> findings) throws UsageException {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        List<String> keys = new ArrayList<>();
        for (ScanFinding finding : findings) {
            // not unscanned files or malformed annotations (fix those), nor what an annotation allowed already
            if (!finding.fingerprint().isEmpty() && finding.severity() != Severity.NOTE) {
                keys.add(finding.baselineKey());
            }
        }
        keys.sort(null);
        lines.addAll(keys);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("--write-baseline " + shown + ": cannot write it (" + e.getMessage() + ")");
        }
    }

    int size() {
        return new TreeSet<>(accepted.keySet()).size();
    }
}
