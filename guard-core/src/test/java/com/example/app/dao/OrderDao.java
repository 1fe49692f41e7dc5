package com.example.app.dao;

import dev.dbguard.core.audit.CallerLocator;
import dev.dbguard.core.audit.GuardFrame;

/** An application's own data-access layer, which a user may tell the locator to look past. */
public final class OrderDao {

    public String deleteAll(CallerLocator locator) {
        return GuardFrame.enforce(locator); // frame:dao-delete
    }
}
