package dev.dbguard.core;

import dev.dbguard.core.sql.ActionKind;
import dev.dbguard.core.sql.SessionChange;
import dev.dbguard.core.sql.SqlAction;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The temporary tables one string may drop and truncate: the session's own, as changed by the string's earlier
 * statements, and any name in PostgreSQL's session schema {@code pg_temp}. Made per judged string; the session itself
 * changes only once the string has run.
 */
final class TemporaryTableView {

    private final SessionState session;
    private Set<String> created;
    private Set<String> dropped;
    private boolean discarded;

    TemporaryTableView(SessionState session) {
        this.session = session;
    }

    void apply(List<SessionChange> changes) {
        if (changes.isEmpty()) {
            return; // the rule: no iterator for a statement that changes nothing
        }
        for (SessionChange change : changes) {
            switch (change.kind()) {
                case TEMPORARY_TABLE_CREATED -> {
                    created().add(TemporaryTables.key(change.name()));
                    dropped().remove(TemporaryTables.key(change.name()));
                }
                case TABLE_DROPPED -> {
                    created().remove(TemporaryTables.key(change.name()));
                    dropped().add(TemporaryTables.key(change.name()));
                }
                case TEMPORARY_TABLES_DISCARDED -> {
                    created().clear();
                    discarded = true;
                }
                case SETTING -> {
                }
            }
        }
    }

    /** Whether the finding drops or truncates only tables that are temporary here. */
    boolean covers(Finding finding) {
        SqlAction action = finding.action();
        if (action == null || action.objects().isEmpty()) {
            return false;
        }
        boolean dropTable = action.kind() == ActionKind.DROP && action.objectType().equals("TABLE");
        if (!dropTable && action.kind() != ActionKind.TRUNCATE) {
            return false;
        }
        for (String table : action.objects()) {
            if (!isTemporary(table)) {
                return false;
            }
        }
        return true;
    }

    private boolean isTemporary(String table) {
        if (TemporaryTables.inSessionSchema(table)) {
            return true;
        }
        String key = TemporaryTables.key(table);
        if (created != null && created.contains(key)) {
            return true;
        }
        if (discarded || dropped != null && dropped.contains(key)) {
            return false;
        }
        return session != null && session.isTemporaryTable(table);
    }

    private Set<String> created() {
        if (created == null) {
            created = new HashSet<>();
        }
        return created;
    }

    private Set<String> dropped() {
        if (dropped == null) {
            dropped = new HashSet<>();
        }
        return dropped;
    }
}
