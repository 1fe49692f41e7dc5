package dev.dbguard.core.env;

import java.util.Locale;
import java.util.Objects;

/**
 * A named deployment environment and its {@link Tier}.
 *
 * <p>Common spellings are normalised by {@link #of(String)}: {@code prod}, {@code production}, {@code live} are
 * {@code production}; {@code stage}, {@code staging}, {@code preprod} are {@code staging}; {@code dev},
 * {@code development}, {@code local} are {@code development}; {@code test}, {@code ci} are {@code test}. Any other
 * name is kept as written (lower-cased) and is treated as production-like, because guessing wrong in the safe
 * direction costs a refused statement, not a lost table.
 *
 * @param name the normalised name, lower case ({@code production}, {@code staging}, {@code qa-eu}, ...)
 * @param tier the protection class
 */
public record Environment(String name, Tier tier) {

    /** The normalised production environment. */
    public static final Environment PRODUCTION = new Environment("production", Tier.PRODUCTION);
    /** The normalised staging environment. */
    public static final Environment STAGING = new Environment("staging", Tier.STAGING);
    /** The normalised development environment. */
    public static final Environment DEVELOPMENT = new Environment("development", Tier.DEVELOPMENT);
    /** The normalised test environment. */
    public static final Environment TEST = new Environment("test", Tier.TEST);

    /**
     * Checks the components; use {@link #of(String)} to normalise a configured name.
     *
     * @param name the normalised name, lower case
     * @param tier the protection class
     * @throws NullPointerException when {@code name} or {@code tier} is null
     */
    public Environment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tier, "tier");
    }

    /**
     * Normalises a configured value; see the class comment for the spellings.
     *
     * @param value an environment name as configured, any case
     * @return the environment; one of the constants for a known spelling
     * @throws IllegalArgumentException when {@code value} is null or blank
     */
    public static Environment of(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("A dbguard environment name must not be blank");
        }
        String name = value.trim().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "prod", "production", "live" -> PRODUCTION;
            case "stage", "staging", "preprod" -> STAGING;
            case "dev", "development", "local" -> DEVELOPMENT;
            case "test", "ci" -> TEST;
            default -> new Environment(name, Tier.PRODUCTION);
        };
    }

    /** {@return whether the guard protects this environment as production} True for every unknown name. */
    public boolean isProductionLike() {
        return tier == Tier.PRODUCTION;
    }

    @Override
    public String toString() {
        return name;
    }
}
