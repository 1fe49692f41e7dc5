package dev.dbguard.core;

import dev.dbguard.core.sql.SqlAction;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An allow-list entry: lets one rule through for objects whose name matches a glob pattern, e.g. {@code truncate}
 * on {@code audit_tmp_*}. Written in configuration as {@code rule:pattern}.
 *
 * <p>The pattern is matched case-insensitively against each object name as written in the statement, and against
 * its last dotted part, so {@code audit_tmp_*} matches both {@code audit_tmp_1} and {@code public.audit_tmp_1} (an
 * unqualified pattern means "in any schema", as an unqualified name in SQL does). {@code *} matches any run of
 * characters and {@code ?} one character, but neither crosses a {@code .}: {@code tmp_*} does not match
 * {@code tmp_s.keep}; {@code public.tmp_*} and {@code *.tmp_*} name qualified names explicitly.
 *
 * <p>An object whose name is only known at run time ({@link SqlAction#RUN_TIME_NAME}, as in
 * {@code EXECUTE 'DROP TABLE ' || t}) matches no pattern, not even {@code *}: the statement's text does not say
 * which object it acts on, so no entry can say it is one of those allowed.
 */
public final class AllowRule {

    private final String ruleId;
    private final String objectPattern;
    private final Pattern regex;

    private AllowRule(String ruleId, String objectPattern) {
        this.ruleId = Objects.requireNonNull(ruleId, "ruleId");
        this.objectPattern = Objects.requireNonNull(objectPattern, "objectPattern");
        this.regex = Globs.toRegex(objectPattern);
    }

    /**
     * An entry letting a rule through for objects matching a glob.
     *
     * @param ruleId        the rule id, any case (stored lower case); the id is not checked against the catalog
     * @param objectPattern the glob on object names, e.g. {@code audit_tmp_*}; trimmed
     * @return the entry
     */
    public static AllowRule of(String ruleId, String objectPattern) {
        return new AllowRule(ruleId.trim().toLowerCase(Locale.ROOT), objectPattern.trim());
    }

    /**
     * Parses the configuration form {@code rule:pattern}.
     *
     * @param entry the entry as configured, e.g. {@code truncate:audit_tmp_*}
     * @return the entry
     * @throws IllegalArgumentException when there is no {@code :} or either side is empty
     */
    public static AllowRule parse(String entry) {
        int colon = entry == null ? -1 : entry.indexOf(':');
        if (colon <= 0 || colon == entry.trim().length() - 1) {
            throw new IllegalArgumentException("Malformed dbguard allow-list entry '" + entry
                    + "': write it as rule:object-pattern, e.g. truncate:audit_tmp_*");
        }
        return of(entry.substring(0, colon), entry.substring(colon + 1));
    }

    /** {@return the id of the rule this entry lets through, lower case} */
    public String ruleId() {
        return ruleId;
    }

    /** {@return the glob pattern on object names, as configured} */
    public String objectPattern() {
        return objectPattern;
    }

    /**
     * Whether this entry lets a rule's finding on one object through; see the class comment for how names match.
     *
     * @param ruleId     the rule that flagged the object, lower case
     * @param objectName the object's name as written in the statement, or null
     * @return false for another rule, a null name and {@link SqlAction#RUN_TIME_NAME}
     */
    boolean allows(String ruleId, String objectName) {
        if (!this.ruleId.equals(ruleId) || objectName == null || objectName.equals(SqlAction.RUN_TIME_NAME)) {
            return false;
        }
        if (regex.matcher(objectName).matches()) {
            return true;
        }
        int dot = objectName.lastIndexOf('.');
        return dot >= 0 && regex.matcher(objectName.substring(dot + 1)).matches();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AllowRule that && ruleId.equals(that.ruleId) && objectPattern.equals(that.objectPattern);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ruleId, objectPattern);
    }

    @Override
    public String toString() {
        return ruleId + ":" + objectPattern;
    }
}
