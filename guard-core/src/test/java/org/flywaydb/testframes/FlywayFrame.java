package org.flywaydb.testframes;

import java.util.function.Supplier;

/** Stands in for Flyway's migration code on a real call stack, so the caller locator sees a frame of its package. */
public final class FlywayFrame {

    private FlywayFrame() {
    }

    /** Calls {@code inner} from a frame of this package. */
    public static <T> T call(Supplier<T> inner) {
        return inner.get();
    }
}
