package dev.dbguard.core.rules;

import java.util.List;

/** Formats object lists for rule descriptions. */
final class ObjectNames {

    private ObjectNames() {
    }

    static String join(List<String> objects) {
        return objects.isEmpty() ? "(dynamic)" : String.join(", ", objects);
    }
}
