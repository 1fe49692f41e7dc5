package dev.dbguard.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a start stopped by {@code dbguard.dangerous-settings=fail}: which settings, where, what to set. */
final class DangerousSettingFailureAnalyzer extends AbstractFailureAnalyzer<DangerousSettingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DangerousSettingException cause) {
        String description = "dbguard stopped the start before a framework sent SQL it would refuse here:\n\n    "
                + String.join("\n    ", cause.lines());
        String action = "Change the settings named above for this environment, or set dbguard.dangerous-settings=warn"
                + " to be warned only.";
        return new FailureAnalysis(description, action, cause);
    }
}
