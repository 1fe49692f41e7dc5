package dev.dbguard.flyway;

import dev.dbguard.jdbc.DbGuardDriver;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.internal.database.DatabaseType;
import org.flywaydb.core.internal.database.DatabaseTypeRegister;
import org.flywaydb.core.internal.database.base.BaseDatabaseType;
import org.flywaydb.core.internal.database.base.Database;
import org.flywaydb.core.internal.jdbc.JdbcConnectionFactory;
import org.flywaydb.core.internal.jdbc.StatementInterceptor;
import org.flywaydb.core.internal.parser.Parser;
import org.flywaydb.core.internal.parser.ParsingContext;

import java.sql.Connection;
import java.sql.Types;
import java.util.Map;
import java.util.Properties;

/**
 * Lets Flyway (its API, Maven and Gradle plugins and command line) take a {@code jdbc:dbguard:...} URL, which it
 * otherwise refuses with "No Flyway database plugin found to handle jdbc:dbguard:...".
 *
 * <p>Flyway chooses its database support twice. By URL, to find the driver class and the connection properties to
 * set: this type answers for {@code jdbc:dbguard:} URLs, names {@link DbGuardDriver}, and passes every other
 * URL-dependent question to the support of the wrapped URL ({@code jdbc:postgresql:...}), so the connection is set up
 * as Flyway sets up a direct one. Then by the connected server's product name, which the guarded connection reports
 * as the real server's: from there on Flyway works with its own PostgreSQL, MySQL, ... support, and every statement
 * it sends goes through the guard. This type never claims a connection, so it never has to act as a database.
 *
 * <p>Registered for Flyway's plugin lookup in {@code META-INF/services/org.flywaydb.core.extensibility.Plugin}.
 * Built against Flyway 13; the methods it overrides and calls have the same signatures in Flyway 11 and 12.
 */
public final class DbGuardDatabaseType extends BaseDatabaseType {

    private final DbGuardDriver driver = new DbGuardDriver();

    /** Creates the type; Flyway's plugin lookup calls this. */
    public DbGuardDatabaseType() {
    }

    @Override
    public String getName() {
        return "dbguard";
    }

    @Override
    public int getNullType() {
        return Types.NULL;
    }

    @Override
    public boolean handlesJDBCUrl(String url) {
        return driver.acceptsURL(url);
    }

    @Override
    public String getDriverClass(String url, ClassLoader classLoader) {
        return DbGuardDriver.class.getName();
    }

    /** None: when dbguard's driver cannot be loaded, connecting without the guard would be the wrong way out. */
    @Override
    public String getBackupDriverClass(String url, ClassLoader classLoader) {
        return null;
    }

    /** False: the guarded connection reports the real server's product, whose own support takes it. */
    @Override
    public boolean handlesDatabaseProductNameAndVersion(String databaseProductName, String databaseProductVersion,
                                                        Connection connection) {
        return false;
    }

    @Override
    public Database createDatabase(Configuration configuration, JdbcConnectionFactory jdbcConnectionFactory,
                                   StatementInterceptor statementInterceptor) {
        throw neverTheConnectedDatabase();
    }

    @Override
    public Parser createParser(Configuration configuration, ResourceProvider resourceProvider,
                               ParsingContext parsingContext) {
        throw neverTheConnectedDatabase();
    }

    // ---- questions about the URL, answered by the wrapped URL's support ----

    @Override
    public void setDefaultConnectionProps(String url, Properties props, ClassLoader classLoader) {
        String real = DbGuardDriver.realUrl(url);
        wrapped(real, null).setDefaultConnectionProps(real, props, classLoader);
    }

    @Override
    public void setConfigConnectionProps(Configuration configuration, Properties props, ClassLoader classLoader) {
        String url = configuration.getUrl();
        if (url != null && handlesJDBCUrl(url)) {
            wrapped(DbGuardDriver.realUrl(url), configuration).setConfigConnectionProps(configuration, props,
                    classLoader);
        }
    }

    @Override
    public void setOverridingConnectionProps(String url, Map<String, String> props) {
        String real = DbGuardDriver.realUrl(url);
        wrapped(real, null).setOverridingConnectionProps(real, props);
    }

    @Override
    public boolean detectUserRequiredByUrl(String url) {
        String real = DbGuardDriver.realUrl(url);
        return wrapped(real, null).detectUserRequiredByUrl(real);
    }

    @Override
    public boolean detectPasswordRequiredByUrl(String url) {
        String real = DbGuardDriver.realUrl(url);
        return wrapped(real, null).detectPasswordRequiredByUrl(real);
    }

    @Override
    public boolean externalAuthPropertiesRequired(String url, String username, String password) {
        String real = DbGuardDriver.realUrl(url);
        return wrapped(real, null).externalAuthPropertiesRequired(real, username, password);
    }

    @Override
    public Properties getExternalAuthProperties(String url, String username) {
        String real = DbGuardDriver.realUrl(url);
        return wrapped(real, null).getExternalAuthProperties(real, username);
    }

    @Override
    public Properties getExternalAuthProperties(Configuration configuration, String url, String username) {
        String real = DbGuardDriver.realUrl(url);
        return wrapped(real, configuration).getExternalAuthProperties(configuration, real, username);
    }

    /** Flyway's support for the wrapped URL, chosen as Flyway chooses it for that URL given directly. */
    private static DatabaseType wrapped(String realUrl, Configuration configuration) {
        for (Object type : DatabaseTypeRegister.getDatabaseTypesForUrl(realUrl, configuration)) {
            if (type instanceof DatabaseType databaseType && !(type instanceof DbGuardDatabaseType)) {
                return databaseType;
            }
        }
        // Only the subprotocol is named: the rest of a URL may carry a password.
        int subprotocolEnd = realUrl.indexOf(':', "jdbc:".length());
        throw new FlywayException("dbguard: Flyway has no database support for "
                + (subprotocolEnd < 0 ? realUrl : realUrl.substring(0, subprotocolEnd + 1))
                + " URLs (the URL inside jdbc:dbguard:); add Flyway's module for that database, e.g."
                + " org.flywaydb:flyway-database-postgresql, next to dev.dbguard:guard-flyway");
    }

    private static IllegalStateException neverTheConnectedDatabase() {
        return new IllegalStateException("dbguard: Flyway asked the dbguard URL support to act as the connected"
                + " database, which it never claims to be; report this with your Flyway version");
    }
}
