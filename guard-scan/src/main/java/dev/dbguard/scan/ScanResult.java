package dev.dbguard.scan;

import dev.dbguard.core.AllowAnnotation;

import java.util.List;

/**
 * What a scan found over all its files.
 *
 * @param findings   the reported findings, in file order, then line order
 * @param files      how many files were scanned
 * @param statements how many statements were judged
 * @param allowed    how many findings a {@code dbguard:allow} annotation allowed (each also listed as a note)
 * @param baselined  how many findings the baseline accepted
 * @param unscanned  how many files could not be scanned (whole or in part)
 * @param millis     the scan's wall time
 */
record ScanResult(List<ScanFinding> findings, int files, int statements, int allowed, int baselined,
                  int unscanned, long millis) {

    long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    /** Findings of the environment's refusals (not malformed annotations or unscanned files). */
    long refused() {
        return findings.stream().filter(f -> f.severity() == Severity.ERROR && !f.rule().equals(AllowAnnotation.RULE)
                && !f.rule().equals(MigrationScanner.SCAN_ERROR)).count();
    }

    String summary(String environment) {
        return String.format(java.util.Locale.ROOT,
                "dbguard-scan: %d file%s, %d statement%s: %d error%s (%d refused in %s), %d warning%s, "
                        + "%d allowed, %d baselined, %d not scanned (%d ms)",
                files, files == 1 ? "" : "s", statements, statements == 1 ? "" : "s", count(Severity.ERROR),
                count(Severity.ERROR) == 1 ? "" : "s", refused(), environment, count(Severity.WARNING), count(Severity.WARNING) == 1 ? "" : "s", allowed, baselined,
                unscanned, millis);
    }
}
