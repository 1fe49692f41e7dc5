package dev.dbguard.core.rules;

import java.util.List;
import java.util.Optional;

/** Every rule dbguard knows, in documentation order. */
public final class RuleCatalog {

    private static final List<Rule> ALL = List.of(
            new DropRule(),
            new TruncateRule(),
            new UnscopedDeleteRule(),
            new UnscopedUpdateRule(),
            new AlterDropRule(),
            new DynamicSqlRule(),
            new RenameRule(),
            new AlterTypeRule());

    private RuleCatalog() {
    }

    /** All rules. */
    public static List<Rule> all() {
        return ALL;
    }

    /** The rule with this id, if there is one. */
    public static Optional<Rule> byId(String id) {
        return ALL.stream().filter(rule -> rule.id().equals(id)).findFirst();
    }
}
