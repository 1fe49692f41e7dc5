package dev.dbguard.core;

import dev.dbguard.core.rules.Rule;
import dev.dbguard.core.sql.AnalysisPath;
import dev.dbguard.core.sql.AnalyzedStatement;
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
                AnalyzedStatement firstWrite) {

    /** The analysis of a string with no destructive keyword: nothing to find, nothing known about writes. */
    static final Analysis PREFILTERED = new Analysis(List.of(), List.of(), Classification.SAFE, null);

    static Analysis of(List<AnalyzedStatement> statements, List<Rule> enabledRules) {
        List<Finding> findings = new ArrayList<>(2);
        boolean scanned = false;
        boolean destructiveScanned = false;
        AnalyzedStatement firstWrite = null;
        for (AnalyzedStatement statement : statements) {
            boolean statementScanned = statement.path() == AnalysisPath.SCANNED;
            scanned |= statementScanned;
            if (firstWrite == null && statement.writes()) {
                firstWrite = statement;
            }
            for (SqlAction action : statement.actions()) {
                for (Rule rule : enabledRules) {
                    if (rule.matches(action)) {
                        findings.add(new Finding(rule.id(), rule.describe(action), action.objects(), statement, action));
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
        return new Analysis(statements, findings, classification, firstWrite);
    }
}
