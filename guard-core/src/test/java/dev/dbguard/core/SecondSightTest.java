package dev.dbguard.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecondSightTest {

    @Test
    void aTextIsSeenBeforeOnlyFromItsSecondSight() {
        SecondSight seen = new SecondSight(100);

        assertThat(seen.seenBefore("UPDATE t SET a = 1 WHERE id = 1")).isFalse();
        assertThat(seen.seenBefore("UPDATE t SET a = 1 WHERE id = 1")).isTrue();
        assertThat(seen.seenBefore("UPDATE t SET a = 1 WHERE id = 1")).isTrue();
        assertThat(seen.seenBefore("UPDATE t SET a = 1 WHERE id = 2")).isFalse();
    }

    @Test
    void textsThatNeverRepeatAreNeverSeenBefore() {
        SecondSight seen = new SecondSight(10_000);
        int seenBefore = 0;

        for (int i = 0; i < 200_000; i++) {
            if (seen.seenBefore("DELETE FROM tasks WHERE id = " + i)) {
                seenBefore++;
            }
        }

        // Only two different texts with the same 32-bit hash in the same slot could match: none among these.
        assertThat(seenBefore).isZero();
    }

    @Test
    void aTextComingBackAfterManyOthersMayBeForgottenButIsThenRememberedAgain() {
        SecondSight seen = new SecondSight(64);
        seen.seenBefore("SELECT 1");
        for (int i = 0; i < 10_000; i++) {
            seen.seenBefore("SELECT " + (i + 2));
        }

        seen.seenBefore("SELECT 1"); // forgotten or not, it is noted again

        assertThat(seen.seenBefore("SELECT 1")).isTrue();
    }
}
