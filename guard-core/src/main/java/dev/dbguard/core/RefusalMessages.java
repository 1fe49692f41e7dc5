package dev.dbguard.core;

import dev.dbguard.core.audit.CallerLocator;
import dev.dbguard.core.audit.Sender;
import dev.dbguard.core.sql.AnalysisPath;
import dev.dbguard.core.sql.SqlAction;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes the one-line refusal messages: what was refused, by which rule, where, who sent it, why, and how to let it
 * through in the way that fits the sender.
 *
 * <p>The allow-list advice names every object the rule checks ({@code dbguard.allow=truncate:visits,truncate:pets}),
 * so that following it literally lets the statement run; the other ways through depend on who sent it: code can
 * open an override, Spring's {@code spring.sql.init} is told not to run its script here, Hibernate is told not to
 * manage the schema, a Flyway migration is run inside an override, a Liquibase changeset is kept out of the
 * environment.
 */
final class RefusalMessages {

    /** Where the advice starts; integrations (the Spring failure report) cut the message there. */
    static final String ADVICE_START = " To allow it deliberately: ";

    private RefusalMessages() {
    }

    static String forRule(Finding finding, Target target) {
        String env = target.environment().environment().name();
        CallerLocator.Caller sender = CallerLocator.find(finding.statement().text());
        StringBuilder message = new StringBuilder(256)
                .append("dbguard: refused ").append(finding.description())
                .append(" (rule ").append(finding.ruleId()).append(") on data source '")
                .append(target.dataSourceName()).append("' in ").append(env)
                .append(" (from ").append(target.environment().source()).append(", mode ")
                .append(target.mode().id()).append(')');
        // the proxy's data source name already says which client sent it
        if (sender.senderKind() != null && sender.senderKind() != Sender.Kind.PROXY_CLIENT) {
            message.append(", sent by ").append(sender.description());
        }
        if (finding.statement().path() == AnalysisPath.SCANNED) {
            message.append("; decided by the scanner because the parser could not read the statement"
                    + " (unparsed-destructive)");
        }
        message.append(". The statement was not sent; the connection and transaction are still usable.")
                .append(ADVICE_START);
        advice(message, finding, env, sender);
        return message.toString();
    }

    private static void advice(StringBuilder message, Finding finding, String env, CallerLocator.Caller sender) {
        String rule = finding.ruleId();
        String allow = allowListEntry(finding);
        String override = "DbGuard.override(\"<reason>\", \"" + rule + "\")";
        Sender.Kind kind = sender.senderKind();
        if (kind == null || kind == Sender.Kind.SQL_SCRIPT || kind == Sender.Kind.TEST_SQL_SCRIPT
                || kind == Sender.Kind.PROXY_CLIENT) {
            message.append(allow == null ? "" : "add " + allow + ", or ")
                    .append("run it inside ").append(override).append(", or set ")
                    .append(rule.equals("dynamic-sql") ? "dbguard.dynamic-sql-policy=audit or " : "")
                    .append("dbguard.modes.").append(env).append("=audit.");
            return;
        }
        switch (kind) {
            case SQL_INIT -> message.append(allow == null ? "" : "add " + allow + " (audited). ")
                    .append("If the script is meant for a development database only, do not run it here: set"
                            + " spring.sql.init.mode=embedded (Boot's default, in-memory databases only) or never"
                            + " for ").append(env).append(", or give it its own scripts (spring.sql.init.platform,"
                            + " spring.sql.init.schema-locations).");
            case HIBERNATE_SCHEMA -> message.append(allow == null ? "" : "add " + allow + " (audited). ")
                    .append("Hibernate's create, create-drop and drop recreate the schema, which the data does not"
                            + " survive: set spring.jpa.hibernate.ddl-auto=validate (or none) for ").append(env)
                    .append(" and change the schema with migrations.");
            case FLYWAY -> {
                if (sender.description().startsWith("Flyway clean")) {
                    message.append("Flyway clean drops every object of the schema: keep"
                            + " spring.flyway.clean-disabled=true for ").append(env)
                            .append(allow == null ? "." : ", or add " + allow + " if it is really meant.");
                } else {
                    message.append(allow == null ? "" : "if the migration is reviewed, add " + allow
                                    + " (audited), or ")
                            .append("run the migration inside ").append(override)
                            .append(" in a FlywayMigrationStrategy bean.");
                }
            }
            case LIQUIBASE -> message.append(allow == null ? "" : "if the changeset is reviewed, add " + allow
                            + " (audited), or ")
                    .append("keep the changeset out of ").append(env)
                    .append(" with a Liquibase context or label (spring.liquibase.contexts, spring.liquibase.label-filter).");
            default -> message.append(allow == null ? "" : "add " + allow + ", or ")
                    .append("run it inside ").append(override).append('.');
        }
    }

    /**
     * The allow-list setting that lets exactly this finding through, naming every object the rule checks (the
     * table alone for ALTER TABLE ... DROP), or null when an object is known only at run time or not at all.
     */
    static String allowListEntry(Finding finding) {
        List<String> objects = finding.objects();
        if (objects.isEmpty()) {
            return null;
        }
        Set<String> entries = new LinkedHashSet<>();
        for (String object : finding.allowListObjects()) {
            if (object == null || object.isBlank() || SqlAction.RUN_TIME_NAME.equals(object)
                    || object.indexOf(',') >= 0) {
                return null; // no entry can name it: a comma would split the list
            }
            entries.add(finding.ruleId() + ":" + object);
        }
        return "dbguard.allow=" + String.join(",", new ArrayList<>(entries));
    }

    /** The refusal of a statement whose {@code dbguard:allow} annotation is malformed (the finding says how). */
    static String forAnnotation(Finding finding, Target target) {
        return "dbguard: refused a statement on data source '" + target.dataSourceName() + "' in "
                + target.environment().environment().name() + " (rule " + AllowAnnotation.RULE + "): "
                + finding.description() + ". The statement was not sent; the connection and transaction are still usable."
                + ADVICE_START + "fix or remove the annotation in the statement's leading comments.";
    }

    static String forReadOnly(String command, Target target) {
        return readOnly(command, target, "where only reads, SHOW, SET and plain EXPLAIN run");
    }

    /** A statement that would let a read-only session write, e.g. one that {@code sets transaction_read_only to off}. */
    static String forReadOnlyEscape(String command, String what, Target target) {
        return readOnly(command, target, "and this statement " + what + ", which would let the session write");
    }

    private static String readOnly(String command, Target target, String why) {
        String env = target.environment().environment().name();
        return "dbguard: refused " + command + " (rule read-only) on data source '" + target.dataSourceName()
                + "' in " + env + " (from " + target.environment().source() + "): this data source is in read-only mode, "
                + why + ". The statement was not sent. To write, use a"
                + " data source not in read-only mode, or run it inside DbGuard.override(\"<reason>\", \"read-only\").";
    }
}
