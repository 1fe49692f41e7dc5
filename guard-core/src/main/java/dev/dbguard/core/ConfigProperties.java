package dev.dbguard.core;

import java.util.Map;

/** Reads the flat {@code dbguard.*} keys into a {@link GuardConfig.Builder}. */
final class ConfigProperties {

    private ConfigProperties() {
    }

    static void apply(GuardConfig.Builder builder, Map<String, String> properties, String source) {
        // filled in with the engine
    }
}
