package dev.dbguard.spring;

import dev.dbguard.core.audit.Sender;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

import java.util.EnumSet;
import java.util.Set;

/**
 * A Flyway callback that names each migration while it runs ({@code Flyway migration V3__drop_task_notes.sql}), and
 * {@code clean} while it runs, so refusals and audit events say which migration sent the statement. Spring Boot adds
 * every {@link Callback} bean to its Flyway; this one changes nothing in the migration.
 */
final class FlywayMigrationSender implements Callback {

    private static final Set<Event> OPENING = EnumSet.of(Event.BEFORE_EACH_MIGRATE, Event.BEFORE_CLEAN,
            Event.BEFORE_EACH_UNDO);
    private static final Set<Event> CLOSING = EnumSet.of(Event.AFTER_EACH_MIGRATE, Event.AFTER_EACH_MIGRATE_ERROR,
            Event.AFTER_CLEAN, Event.AFTER_CLEAN_ERROR, Event.AFTER_EACH_UNDO, Event.AFTER_EACH_UNDO_ERROR);

    private final ThreadLocal<Sender.Scope> current = new ThreadLocal<>();

    @Override
    public boolean supports(Event event, Context context) {
        return OPENING.contains(event) || CLOSING.contains(event);
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        close();
        if (OPENING.contains(event)) {
            current.set(Sender.open(Sender.of(Sender.Kind.FLYWAY, describe(event, context))));
        }
    }

    private static String describe(Event event, Context context) {
        if (event == Event.BEFORE_CLEAN) {
            return "Flyway clean";
        }
        MigrationInfo migration = context == null ? null : context.getMigrationInfo();
        String script = migration == null ? null : migration.getScript();
        String what = event == Event.BEFORE_EACH_UNDO ? "Flyway undo of " : "Flyway migration ";
        return script == null ? Sender.Kind.FLYWAY.genericName() : what + script;
    }

    private void close() {
        Sender.Scope scope = current.get();
        if (scope != null) {
            current.remove();
            scope.close();
        }
    }

    @Override
    public String getCallbackName() {
        return "dbguard-sender";
    }
}
