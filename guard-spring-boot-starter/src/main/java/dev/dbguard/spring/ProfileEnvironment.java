package dev.dbguard.spring;

import dev.dbguard.core.Mode;
import dev.dbguard.core.env.Environment;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The environment the active Spring profiles stand for, used when {@code dbguard.env} is not set.
 *
 * <p>Only profiles that name an environment count ({@code prod}, {@code production}, {@code live},
 * {@code staging}, {@code stage}, {@code preprod}, {@code dev}, {@code development}, {@code local}, {@code test},
 * {@code ci}); profiles such as {@code eu} or {@code kafka} say nothing about the environment and are ignored.
 * When several count, the most protective wins: the one whose mode refuses the most, then the one whose tier is
 * closer to production.
 *
 * @param environment the winning profile, as written
 * @param source      e.g. {@code active Spring profiles [prod, eu]}
 */
record ProfileEnvironment(String environment, String source) {

    private static final Set<Environment> NAMED = Set.of(
            Environment.PRODUCTION, Environment.STAGING, Environment.DEVELOPMENT, Environment.TEST);

    /**
     * The environment for these profiles, or empty when none of them names one.
     *
     * @param modeFor the mode configured for an environment, to pick the most protective
     */
    static Optional<ProfileEnvironment> of(List<String> activeProfiles, Function<Environment, Mode> modeFor) {
        List<String> naming = activeProfiles.stream()
                .filter(profile -> profile != null && !profile.isBlank())
                .filter(profile -> NAMED.contains(Environment.of(profile)))
                .toList();
        if (naming.isEmpty()) {
            return Optional.empty();
        }
        Comparator<String> protection = Comparator
                .comparingInt((String profile) -> strictness(modeFor.apply(Environment.of(profile))))
                .thenComparing(profile -> Environment.of(profile).tier(), Comparator.reverseOrder());
        String winner = naming.stream().max(protection).orElseThrow();
        String source = "active Spring profiles " + activeProfiles;
        if (naming.stream().map(profile -> Environment.of(profile)).distinct().count() > 1) {
            source += " (most protective: " + winner.trim().toLowerCase(Locale.ROOT) + ")";
        }
        return Optional.of(new ProfileEnvironment(winner.trim(), source));
    }

    /** Higher refuses more. */
    private static int strictness(Mode mode) {
        return switch (mode) {
            case OFF -> 0;
            case AUDIT -> 1;
            case BLOCK -> 2;
            case READ_ONLY -> 3;
        };
    }
}
