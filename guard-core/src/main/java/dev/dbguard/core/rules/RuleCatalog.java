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

    /** {@return every rule, in documentation order, unmodifiable} */
    public static List<Rule> all() {
        return ALL;
    }

    /**
     * Looks a rule up by id.
     *
     * @param id a rule id, lower case, e.g. {@code truncate}
     * @return the rule, or empty when no rule has this id
     */
    public static Optional<Rule> byId(String id) {
        return ALL.stream().filter(rule -> rule.id().equals(id)).findFirst();
    }
}
