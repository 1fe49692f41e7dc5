package dev.dbguard.spring;

/**
 * A {@code dbguard.*} setting that cannot be used; stops the application start, and
 * {@link InvalidDbGuardPropertyFailureAnalyzer} turns it into a message saying what to change.
 */
final class InvalidDbGuardPropertyException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String property;
    private final String value;
    private final String origin;
    private final String problem;
    private final String fix;

    /**
     * @param property the full key, e.g. {@code dbguard.modes.production}
     * @param value    the value as configured
     * @param origin   where the value was set (a file and line, a variable), or null when unknown
     * @param problem  what is wrong with it, one sentence
     * @param fix      what to write instead, one sentence
     */
    InvalidDbGuardPropertyException(String property, String value, String origin, String problem, String fix,
                                    Throwable cause) {
        super("Invalid dbguard setting " + property + "=" + value + (origin == null ? "" : " (" + origin + ")")
                + ": " + problem, cause);
        this.property = property;
        this.value = value;
        this.origin = origin;
        this.problem = problem;
        this.fix = fix;
    }

    String property() {
        return property;
    }

    String value() {
        return value;
    }

    String origin() {
        return origin;
    }

    String problem() {
        return problem;
    }

    String fix() {
        return fix;
    }
}
