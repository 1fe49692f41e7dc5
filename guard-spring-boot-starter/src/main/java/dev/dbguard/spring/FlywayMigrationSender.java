package dev.dbguard.spring;

import dev.dbguard.core.audit.Sender;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;

/**
 * A Flyway callback that names each migration while it runs ({@code Flyway migration V3__drop_task_notes.sql}), and
 * {@code clean} while it runs, so refusals and audit events say which migration sent the statement. Spring Boot adds
 * every {@link Callback} bean to its Flyway; this one changes nothing in the migration.
 *
 * <p>A {@link Proxy} rather than a class implementing {@link Callback}: Flyway 12 made {@code Callback} generic, and
 * a class compiled against it carries bridge methods that do not load on Flyway 11 (Spring Boot 3.5). Events are
 * told apart by name, which every Flyway version shares.
 */
final class FlywayMigrationSender implements InvocationHandler {

    private static final Set<String> OPENING = Set.of("BEFORE_EACH_MIGRATE", "BEFORE_CLEAN", "BEFORE_EACH_UNDO");
    private static final Set<String> CLOSING = Set.of("AFTER_EACH_MIGRATE", "AFTER_EACH_MIGRATE_ERROR",
            "AFTER_CLEAN", "AFTER_CLEAN_ERROR", "AFTER_EACH_UNDO", "AFTER_EACH_UNDO_ERROR");

    private final ThreadLocal<Sender.Scope> current = new ThreadLocal<>();

    private FlywayMigrationSender() {
    }

    /** The callback to register as a bean. */
    static Callback callback() {
        return (Callback) Proxy.newProxyInstance(FlywayMigrationSender.class.getClassLoader(),
                new Class<?>[] {Callback.class}, new FlywayMigrationSender());
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
        return switch (method.getName()) {
            case "supports" -> OPENING.contains(event(args)) || CLOSING.contains(event(args));
            case "canHandleInTransaction" -> true;
            case "handle" -> {
                handle(event(args), args.length > 1 && args[1] instanceof Context context ? context : null);
                yield null;
            }
            case "getCallbackName" -> "dbguard-sender";
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            case "toString" -> "dbguard Flyway sender callback";
            default -> null;
        };
    }

    private static String event(Object[] args) {
        return args != null && args.length > 0 && args[0] instanceof Enum<?> event ? event.name() : "";
    }

    private void handle(String event, Context context) {
        close();
        if (OPENING.contains(event)) {
            current.set(Sender.open(Sender.of(Sender.Kind.FLYWAY, describe(event, context))));
        }
    }

    private static String describe(String event, Context context) {
        if (event.equals("BEFORE_CLEAN")) {
            return "Flyway clean";
        }
        MigrationInfo migration = context == null ? null : context.getMigrationInfo();
        String script = migration == null ? null : migration.getScript();
        String what = event.equals("BEFORE_EACH_UNDO") ? "Flyway undo of " : "Flyway migration ";
        return script == null ? Sender.Kind.FLYWAY.genericName() : what + script;
    }

    private void close() {
        Sender.Scope scope = current.get();
        if (scope != null) {
            current.remove();
            scope.close();
        }
    }
}
