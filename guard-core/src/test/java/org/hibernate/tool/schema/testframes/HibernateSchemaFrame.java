package org.hibernate.tool.schema.testframes;

import java.util.function.Supplier;

/** Stands in for Hibernate's schema tool on a real call stack, so the caller locator sees a frame of its package. */
public final class HibernateSchemaFrame {

    private HibernateSchemaFrame() {
    }

    /** Calls {@code inner} from a frame of this package. */
    public static <T> T call(Supplier<T> inner) {
        return inner.get();
    }
}
