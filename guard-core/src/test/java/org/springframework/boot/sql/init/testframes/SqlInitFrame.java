package org.springframework.boot.sql.init.testframes;

import java.util.function.Supplier;

/** Stands in for Spring Boot's SQL initializer on a real call stack, so the caller locator sees a frame of its package. */
public final class SqlInitFrame {

    private SqlInitFrame() {
    }

    /** Calls {@code inner} from a frame of this package. */
    public static <T> T call(Supplier<T> inner) {
        return inner.get();
    }
}
