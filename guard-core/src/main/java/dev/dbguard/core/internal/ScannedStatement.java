package dev.dbguard.core.internal;

import dev.dbguard.core.sql.SessionChange;
import dev.dbguard.core.sql.SqlAction;
import java.util.List;

/**
 * What the structural scanner made of one statement.
 *
 * @param command     the leading command, upper case, after comments ({@code UNKNOWN} when the statement does not
 *                    start with a word); for {@code WITH ...} the main statement's
 * @param writes      whether the statement can change data or schema
 * @param actions     the destructive-relevant actions found
 * @param scannerOnly whether only the scanner can judge it, because the destructive part is inside a body or string
 *                    JSqlParser does not look into ({@code DO} blocks, {@code PREPARE ... FROM 'text'}) or JSqlParser
 *                    reads the statement as harmless (MariaDB {@code CREATE OR REPLACE TABLE})
 * @param sessionChanges what the statement changes in its session (settings that change lexing, temporary tables)
 */
record ScannedStatement(String command, boolean writes, List<SqlAction> actions, boolean scannerOnly,
                        List<SessionChange> sessionChanges) {

    ScannedStatement {
        actions = List.copyOf(actions);
        sessionChanges = sessionChanges.isEmpty() ? List.of() : List.copyOf(sessionChanges);
    }

    ScannedStatement(String command, boolean writes, List<SqlAction> actions, boolean scannerOnly) {
        this(command, writes, actions, scannerOnly, List.of());
    }
}
