package dev.dbguard.core;

import dev.dbguard.core.sql.SqlAction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Allow-list patterns: {@code *} and {@code ?} do not cross a {@code .}, so a pattern cannot reach into another
 * schema's tables; an unqualified pattern covers the name in any schema (as an unqualified name in SQL does); a name
 * known only at run time ({@code ?}) is covered by none.
 */
class AllowRuleTest {

    @ParameterizedTest(name = "{0} allows {1}: {2}")
    @CsvSource({
            "tmp_*, tmp_1, true",
            "tmp_*, public.tmp_1, true",
            "tmp_*, tmp_s.keep, false",
            "tmp_*, tmp_s.tmp_1, true",
            "tmp_*, keep, false",
            "*tmp*, tmp_s.keep, false",
            "*, tmp_s.keep, true",
            "public.tmp_*, public.tmp_1, true",
            "public.tmp_*, tmp_1, false",
            "public.tmp_*, other.tmp_1, false",
            "public.tmp_*, public.tmp_s.keep, false",
            "*.tmp_*, public.tmp_1, true",
            "*.tmp_*, a.b.tmp_1, false",
            "*.tmp_*, tmp_1, false",
            "tmp?, tmp1, true",
            "tmp?, tmp., false",
            "tmp_?.keep, tmp_s.keep, true",
            "*, ?, false",
            "?, ?, false",
            "tmp_*, ?, false",
            "**, ?, false"})
    void starAndQuestionMarkStayWithinOneNamePart(String pattern, String object, boolean allowed) {
        assertThat(AllowRule.of("drop", pattern).allows("drop", object)).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"*", "?", "tmp_*", "*.*"})
    void aNameKnownOnlyAtRunTimeMatchesNoPattern(String pattern) {
        assertThat(AllowRule.of("truncate", pattern).allows("truncate", SqlAction.RUN_TIME_NAME)).isFalse();
    }
}
