package dev.dbguard.scan;

import java.util.ArrayList;
import java.util.List;

/** What the scan of one file found: its findings, how many statements it judged, how many findings an annotation allowed. */
final class FileReport {

    final String path;
    final List<ScanFinding> findings = new ArrayList<>();
    int statements;
    int allowed;
    /** Why the file, or part of it, could not be scanned; null when it was scanned whole. */
    String problem;

    FileReport(String path) {
        this.path = path;
    }

    /** Takes in the report of a file this one includes (a Liquibase include or sqlFile). */
    void absorb(FileReport included) {
        findings.addAll(included.findings);
        statements += included.statements;
        allowed += included.allowed;
        if (problem == null) {
            problem = included.problem;
        }
    }
}
