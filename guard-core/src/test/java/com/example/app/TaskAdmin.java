package com.example.app;

import com.example.app.dao.OrderDao;
import dev.dbguard.core.audit.CallerLocator;
import dev.dbguard.core.audit.GuardFrame;

import java.lang.reflect.Proxy;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Application code for CallerLocatorTest: each method reaches the guard by a different real path. The test finds the
 * expected line numbers by the {@code frame:} markers, so this file can be edited freely.
 */
public final class TaskAdmin {

    public String purge() {
        return GuardFrame.enforce(); // frame:direct
    }

    @SuppressWarnings("unchecked")
    public String purgeThroughProxy() {
        Supplier<String> statement = (Supplier<String>) Proxy.newProxyInstance(
                TaskAdmin.class.getClassLoader(), new Class<?>[] {Supplier.class}, GuardFrame.handler());
        return statement.get(); // frame:proxy
    }

    public String purgeThroughJdk() {
        return Optional.of("TRUNCATE orders").map(GuardFrame::enforceSql).orElseThrow(); // frame:jdk
    }

    public String purgeReflectively() throws ReflectiveOperationException {
        return (String) GuardFrame.class.getMethod("enforce").invoke(null); // frame:reflection
    }

    public String purgeThroughDao(CallerLocator locator) {
        return new OrderDao().deleteAll(locator); // frame:through-dao
    }
}
