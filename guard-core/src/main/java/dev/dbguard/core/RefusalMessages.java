package dev.dbguard.core;

import dev.dbguard.core.sql.AnalysisPath;
import dev.dbguard.core.sql.SqlAction;

/** Writes the one-line refusal messages: what was refused, by which rule, where, why, and how to allow it. */
final class RefusalMessages {

    private RefusalMessages() {
    }

    static String forRule(Finding finding, Target target) {
        String env = target.environment().environment().name();
        StringBuilder message = new StringBuilder(256)
                .append("dbguard: refused ").append(finding.description())
                .append(" (rule ").append(finding.ruleId()).append(") on data source '")
                .append(target.dataSourceName()).append("' in ").append(env)
                .append(" (from ").append(target.environment().source()).append(", mode ")
                .append(target.mode().id()).append(')');
        if (finding.statement().path() == AnalysisPath.SCANNED) {
            message.append("; decided by the scanner because the parser could not read the statement"
                    + " (unparsed-destructive)");
        }
        message.append(". The statement was not sent; the connection and transaction are still usable.")
                .append(" To allow it deliberately: ");
        if (finding.objects().contains(SqlAction.RUN_TIME_NAME)) {
            // no allow-list entry matches a name known only at run time
            message.append("run it inside DbGuard.override(\"<reason>\", \"");
        } else {
            message.append("add dbguard.allow=").append(finding.ruleId()).append(':')
                    .append(finding.objects().isEmpty() ? "<object>" : finding.objects().get(0))
                    .append(", or run it inside DbGuard.override(\"<reason>\", \"");
        }
        message.append(finding.ruleId()).append("\"), or set ");
        if (finding.ruleId().equals("dynamic-sql")) {
            message.append("dbguard.dynamic-sql-policy=audit or ");
        }
        message.append("dbguard.modes.").append(env).append("=audit.");
        return message.toString();
    }

    static String forReadOnly(String command, Target target) {
        String env = target.environment().environment().name();
        return "dbguard: refused " + command + " (rule read-only) on data source '" + target.dataSourceName()
                + "' in " + env + " (from " + target.environment().source() + "): this data source is in read-only mode,"
                + " where only reads, SHOW, SET and plain EXPLAIN run. The statement was not sent. To write, use a"
                + " data source not in read-only mode, or run it inside DbGuard.override(\"<reason>\", \"read-only\").";
    }
}
