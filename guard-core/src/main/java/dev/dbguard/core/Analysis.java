package dev.dbguard.core;

import dev.dbguard.core.rules.Rule;
import dev.dbguard.core.sql.AnalysisPath;
import dev.dbguard.core.sql.AnalyzedStatement;
import dev.dbguard.core.sql.SessionChange;
import dev.dbguard.core.sql.SqlAction;

import java.util.ArrayList;
import java.util.List;

/**
 * What a SQL string does, judged against the enabled rules; independent of environment and mode, so it is what
 * the verdict cache keeps.
 *
 * @param statements     the statements of the string
 * @param findings       the rule hits, in statement order
 * @param classification the overall classification
 * @param firstWrite     the first statement that can change data or schema, or null (for read-only mode)
 */
record Analysis(List<AnalyzedStatement> statements, List<Finding> findings, Classification classification,
                AnalyzedStatement firstWrite, List<SessionChange> sessionChanges) {

    /** The analysis of a string with no destructive keyword: nothing to find, nothing known about writes. */
    static final Analysis PREFILTERED = new Analysis(List.of(), List.of(), Classification.SAFE, null, List.of());

    /**
     * This analysis and another reading's of the same text together: the statements and findings of both (a finding
     * the other reading repeats word for word is listed once), the worse classification.
     */
    Analysis union(Analysis other) {
        if (other == this || other.findings.isEmpty() && other.firstWrite == null) {
            return this;
        }
        if (findings.isEmpty() && firstWrite == null) {
            return other;
        }
        List<AnalyzedStatement> allStatements = new ArrayList<>(statements);
        allStatements.addAll(other.statements);
        List<Finding> allFindings = new ArrayList<>(findings);
        for (Finding finding : other.findings) {
            boolean repeated = findings.stream().anyMatch(mine -> mine.ruleId().equals(finding.ruleId())
                    && mine.description().equals(finding.description()));
            if (!repeated) {
                allFindings.add(finding);
            }
        }
        Classification worse = severity(classification) >= severity(other.classification) ? classification
                : other.classification;
        return new Analysis(allStatements, allFindings, worse, firstWrite != null ? firstWrite : other.firstWrite,
                sessionChanges);
    }

    private static int severity(Classification classification) {
        return switch (classification) {
            case SAFE -> 0;
            case UNPARSED -> 1;
            case DESTRUCTIVE -> 2;
            case UNPARSED_DESTRUCTIVE -> 3;
        };
    }

    static Analysis of(List<AnalyzedStatement> statements, List<Rule> enabledRules) {
        List<Finding> findings = List.of();
        boolean scanned = false;
        boolean destructiveScanned = false;
        AnalyzedStatement firstWrite = null;
        List<SessionChange> changes = List.of();
        for (AnalyzedStatement statement : statements) {
            boolean statementScanned = statement.path() == AnalysisPath.SCANNED;
            scanned |= statementScanned;
            if (firstWrite == null && statement.writes()) {
                firstWrite = statement;
            }
            if (!statement.sessionChanges().isEmpty()) {
                if (changes.isEmpty()) {
                    changes = new ArrayList<>(2);
                }
                changes.addAll(statement.sessionChanges());
            }
            if (statement.path() == AnalysisPath.PREFILTERED) {
                // Its actions are scoped DELETEs and UPDATEs, which no rule matches (RuleCatalogTest): the scanner
                // settled it, and asking every rule about each of them would be most of the cost of a long script.
                continue;
            }
            for (SqlAction action : statement.actions()) {
                for (Rule rule : enabledRules) {
                    if (rule.matches(action)) {
                        if (findings.isEmpty()) {
                            findings = new ArrayList<>(2);
                        }
                        findings.add(new Finding(rule.id(), rule.describe(action), action.objects(), statement, action,
                                rule.severity(action)));
                        destructiveScanned |= statementScanned;
                    }
                }
            }
        }
        Classification classification;
        if (findings.isEmpty()) {
            classification = scanned ? Classification.UNPARSED : Classification.SAFE;
        } else {
            classification = destructiveScanned ? Classification.UNPARSED_DESTRUCTIVE : Classification.DESTRUCTIVE;
        }
        return new Analysis(statements, findings, classification, firstWrite, List.copyOf(changes));
    }
}
