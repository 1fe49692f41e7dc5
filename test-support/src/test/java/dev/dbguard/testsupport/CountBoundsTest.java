package dev.dbguard.testsupport;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CountBoundsTest {

    private final CountBounds bounds = CountBounds.of("""
            # rule | min | max
            drop     | 10 | 20
            truncate |  0 |  0
            """);

    @Test
    void countsWithinTheirRangesAreNoViolation() {
        assertThat(bounds.violations(Map.of("drop", 10, "truncate", 0))).isEmpty();
        assertThat(bounds.violations(Map.of("drop", 20))).isEmpty();
    }

    @Test
    void eachCountOutsideItsRangeIsOneLineNamingIt() {
        assertThat(bounds.violations(Map.of("drop", 21, "truncate", 1)))
                .containsExactly("drop: 21, stated range 10..20", "truncate: 1, stated range 0..0");
    }

    @Test
    void aBoundedKeyMissingFromTheCountsCountsAsZero() {
        assertThat(bounds.violations(Map.of())).containsExactly("drop: 0, stated range 10..20");
    }

    @Test
    void keysWithoutARangeAreListedNotViolated() {
        Map<String, Integer> counts = Map.of("drop", 15, "rename", 7);
        assertThat(bounds.violations(counts)).isEmpty();
        assertThat(bounds.unbounded(counts)).containsExactly("rename");
    }

    @Test
    void aMalformedRowFailsAtOnce() {
        assertThatThrownBy(() -> CountBounds.of("drop | 10")).hasMessageContaining("drop | 10");
        assertThatThrownBy(() -> CountBounds.of("drop | 20 | 10")).hasMessageContaining("min above max");
    }
}
