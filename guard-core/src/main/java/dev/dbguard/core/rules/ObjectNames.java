package dev.dbguard.core.rules;

import dev.dbguard.core.sql.SqlAction;

import java.util.List;

/** Formats object lists for rule descriptions. */
final class ObjectNames {

    private ObjectNames() {
    }

    /**
     * The names, comma-separated; a name known only at run time ({@link SqlAction#RUN_TIME_NAME}) is shown as
     * {@code ?} with a note saying so, since no allow-list entry can cover it.
     */
    static String join(List<String> objects) {
        if (objects.isEmpty()) {
            return "(dynamic)";
        }
        String joined = String.join(", ", objects);
        return objects.contains(SqlAction.RUN_TIME_NAME) ? joined + " (? = named at run time)" : joined;
    }
}
