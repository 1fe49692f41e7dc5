package dev.dbguard.jdbc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds the real driver for the URL inside a {@code jdbc:dbguard:} URL, the way tools with a drivers folder need it.
 *
 * <p>SQL IDEs (DBeaver, DataGrip), the Flyway and Liquibase command lines and build plugins load driver jars into a
 * class loader of their own and instantiate the driver class they are told. {@link DriverManager} then hides the
 * drivers beside dbguard: it only hands out drivers that the caller's class loader can load by name, and only knows
 * drivers that registered themselves, which a driver never loaded does not. So the drivers declared in
 * {@code META-INF/services/java.sql.Driver} are looked for first through dbguard's own class loader (the folder the
 * tool put dbguard and the driver in), then through the thread's context class loader (a plugin or web application
 * loader), and {@link DriverManager} is asked last, for drivers registered by hand.
 */
final class RealDrivers {

    /** The drivers each class loader declares, found once; weak keys, so a closed tool's loader can go. */
    private static final Cache<ClassLoader, List<Driver>> DECLARED = Caffeine.newBuilder().weakKeys().build();

    /** Declarations that fail to load before the search stops, so that an iterator failing forever cannot hang it. */
    private static final int MAX_BROKEN_DECLARATIONS = 100;

    private RealDrivers() {
    }

    /**
     * The driver that accepts {@code realUrl}.
     *
     * @throws SQLException naming the URL, without its parameters, and what to add, when no driver accepts it
     */
    static Driver forUrl(String realUrl) throws SQLException {
        for (ClassLoader loader : loaders()) {
            for (Driver driver : DECLARED.get(loader, RealDrivers::declaredBy)) {
                if (accepts(driver, realUrl)) {
                    return driver;
                }
            }
        }
        try {
            return DriverManager.getDriver(realUrl);
        } catch (SQLException e) {
            throw new SQLException("dbguard: no JDBC driver on the class path accepts "
                    + DriverUrl.withoutParameters(realUrl) + "; add the database's driver next to dbguard",
                    e.getSQLState(), e);
        }
    }

    private static List<ClassLoader> loaders() {
        List<ClassLoader> loaders = new ArrayList<>(2);
        ClassLoader own = RealDrivers.class.getClassLoader();
        if (own != null) {
            loaders.add(own);
        }
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null && context != own) {
            loaders.add(context);
        }
        return loaders;
    }

    /** The drivers a class loader declares, other than dbguard's own; a broken declaration is passed over. */
    private static List<Driver> declaredBy(ClassLoader loader) {
        List<Driver> drivers = new ArrayList<>();
        Iterator<Driver> declared = ServiceLoader.load(Driver.class, loader).iterator();
        for (int broken = 0; broken < MAX_BROKEN_DECLARATIONS; ) {
            try {
                if (!declared.hasNext()) {
                    return List.copyOf(drivers);
                }
                Driver driver = declared.next();
                if (!(driver instanceof DbGuardDriver)) {
                    drivers.add(driver);
                }
            } catch (ServiceConfigurationError e) {
                // A jar on the path declares a driver it cannot load (a missing dependency): the others still count.
                broken++;
            }
        }
        return List.copyOf(drivers);
    }

    private static boolean accepts(Driver driver, String url) {
        try {
            return driver.acceptsURL(url);
        } catch (SQLException e) {
            return false;
        }
    }
}
