package liquibase.testframes;

import java.util.function.Supplier;

/** Stands in for Liquibase's changeset executor on a real call stack, so the caller locator sees a frame of its package. */
public final class LiquibaseFrame {

    private LiquibaseFrame() {
    }

    /** Calls {@code inner} from a frame of this package. */
    public static <T> T call(Supplier<T> inner) {
        return inner.get();
    }
}
