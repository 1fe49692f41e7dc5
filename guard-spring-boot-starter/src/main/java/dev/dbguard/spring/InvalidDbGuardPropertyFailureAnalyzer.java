package dev.dbguard.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a start stopped by a malformed {@code dbguard.*} setting: which one, where it was set, what to write. */
final class InvalidDbGuardPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidDbGuardPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidDbGuardPropertyException cause) {
        StringBuilder description = new StringBuilder()
                .append("The dbguard setting '").append(cause.property()).append("' has an invalid value.\n\n")
                .append("    Property: ").append(cause.property()).append('\n')
                .append("    Value: \"").append(cause.value()).append("\"\n");
        if (cause.origin() != null) {
            description.append("    Origin: ").append(cause.origin()).append('\n');
        }
        description.append("    Reason: ").append(cause.problem());
        String action = "Change " + cause.property() + " in your application's configuration: " + cause.fix()
                + " The README's dbguard property reference lists every key and its accepted values.";
        return new FailureAnalysis(description.toString(), action, cause);
    }
}
