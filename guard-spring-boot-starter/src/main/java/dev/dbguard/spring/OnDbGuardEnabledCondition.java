package dev.dbguard.spring;

import dev.dbguard.core.internal.BooleanSetting;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches unless {@code dbguard.enabled} switches the guard off, read by the same parser as every other dbguard
 * switch ({@code on}/{@code yes} count as true). A value that is no switch stops the start naming the key: Boot's
 * {@code havingValue = "true"} would have taken {@code on} for "off" and left every data source unguarded.
 */
final class OnDbGuardEnabledCondition extends SpringBootCondition {

    private static final String KEY = "dbguard.enabled";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String value = context.getEnvironment().getProperty(KEY);
        if (value == null) {
            return ConditionOutcome.match(KEY + " is not set: the guard is on");
        }
        boolean enabled;
        try {
            enabled = BooleanSetting.parse(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidDbGuardPropertyException(KEY, value, null, e.getMessage() + ".",
                    "use dbguard.enabled=true (or remove it) to guard, dbguard.enabled=false to switch the guard off.", e);
        }
        return enabled ? ConditionOutcome.match(KEY + "=" + value + ": the guard is on")
                : ConditionOutcome.noMatch(KEY + "=" + value + ": the guard is switched off");
    }
}
