package dev.dbguard.core.internal;

import java.util.Locale;

/**
 * How every {@code dbguard.*} switch is read, wherever it is set (system properties, JDBC URL parameters, Spring
 * properties): {@code true}/{@code yes}/{@code on} and {@code false}/{@code no}/{@code off}, ignoring case and
 * surrounding blanks. Anything else is an error, never a silent "off": a guard that a typo switches off fails open.
 */
public final class BooleanSetting {

    private BooleanSetting() {
    }

    /**
     * The switch's value.
     *
     * @throws IllegalArgumentException when {@code value} is none of the six spellings (the message says which are)
     */
    public static boolean parse(String value) {
        String normalized = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return switch (normalized) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException(
                    "expected true or false (yes/no and on/off are read the same way)");
        };
    }
}
