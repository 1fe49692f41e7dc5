package org.springframework.jdbc.datasource.init.testframes;

import java.util.function.Supplier;

/** Stands in for Spring's ScriptUtils on a real call stack, so the caller locator sees a frame of its package. */
public final class ScriptUtilsFrame {

    private ScriptUtilsFrame() {
    }

    /** Calls {@code inner} from a frame of this package. */
    public static <T> T call(Supplier<T> inner) {
        return inner.get();
    }
}
