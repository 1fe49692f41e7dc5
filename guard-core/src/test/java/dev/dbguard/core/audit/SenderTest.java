package dev.dbguard.core.audit;

import dev.dbguard.core.audit.CallerLocator;
import liquibase.testframes.LiquibaseFrame;
import org.flywaydb.testframes.FlywayFrame;
import org.hibernate.tool.schema.testframes.HibernateSchemaFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.sql.init.testframes.SqlInitFrame;
import org.springframework.jdbc.datasource.init.testframes.ScriptUtilsFrame;

import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Framework senders: named from the stack, with the detail an integration opened on the thread. */
class SenderTest {

    @AfterEach
    void noSenderLeftOpen() {
        assertThat(Sender.current()).isNull();
    }

    @Test
    void aFrameworkWithoutDetailIsNamedByItsGenericName() {
        assertThat(FlywayFrame.call(GuardFrame::callerOfStatement))
                .isEqualTo(new CallerLocator.Caller("Flyway", Sender.Kind.FLYWAY));
        assertThat(HibernateSchemaFrame.call(GuardFrame::callerOfStatement))
                .isEqualTo(new CallerLocator.Caller("Hibernate schema management", Sender.Kind.HIBERNATE_SCHEMA));
        assertThat(LiquibaseFrame.call(GuardFrame::callerOfStatement))
                .isEqualTo(new CallerLocator.Caller("Liquibase", Sender.Kind.LIQUIBASE));
        assertThat(SqlInitFrame.call(GuardFrame::callerOfStatement))
                .isEqualTo(new CallerLocator.Caller("spring.sql.init script", Sender.Kind.SQL_INIT));
    }

    @Test
    void theSenderOpenedOnTheThreadGivesTheDetail() {
        try (Sender.Scope scope = Sender.open(Sender.of(Sender.Kind.FLYWAY, "Flyway migration V3__drop.sql"))) {
            assertThat(FlywayFrame.call(GuardFrame::callerOfStatement).description())
                    .isEqualTo("Flyway migration V3__drop.sql");
        }
    }

    @Test
    void aDescriberSeesTheStatementText() {
        AtomicReference<String> seen = new AtomicReference<>();
        Sender sqlInit = Sender.describedBy(Sender.Kind.SQL_INIT, text -> {
            seen.set(text);
            return "spring.sql.init script classpath:schema.sql (statement 3)";
        });
        try (Sender.Scope scope = Sender.open(sqlInit)) {
            // ScriptUtils runs the statements, Boot's initializer runs ScriptUtils: the initializer names the sender.
            CallerLocator.Caller caller = SqlInitFrame.call(GuardFrame::callerOfScriptStatement);
            assertThat(caller.description()).isEqualTo("spring.sql.init script classpath:schema.sql (statement 3)");
            assertThat(caller.senderKind()).isEqualTo(Sender.Kind.SQL_INIT);
        }
        assertThat(seen).hasValue(GuardFrame.STATEMENT);
    }

    @Test
    void aSenderOfAnotherKindIsNotUsed() {
        try (Sender.Scope scope = Sender.open(Sender.of(Sender.Kind.SQL_INIT, "spring.sql.init script x.sql"))) {
            assertThat(FlywayFrame.call(GuardFrame::callerOfStatement).description()).isEqualTo("Flyway");
        }
    }

    @Test
    void aSenderLeftOpenDoesNotNameStatementsOutsideItsFramework() {
        try (Sender.Scope scope = Sender.open(Sender.of(Sender.Kind.FLYWAY, "Flyway migration V3__drop.sql"))) {
            CallerLocator.Caller caller = GuardFrame.callerOfStatement();
            assertThat(caller.senderKind()).isNull();
            assertThat(caller.description()).startsWith(SenderTest.class.getName() + ".");
        }
    }

    @Test
    void applicationCodeCalledByTheFrameworkIsTheCaller() {
        // A Java migration: Flyway calls the application, which sends the statement.
        CallerLocator.Caller caller = FlywayFrame.call(() -> GuardFrame.callerOfStatement());
        assertThat(caller.senderKind()).isNull();
        assertThat(caller.description()).startsWith(SenderTest.class.getName() + ".lambda$");
    }

    @Test
    void aScriptRunByApplicationCodeNamesBoth() {
        CallerLocator.Caller caller = ScriptUtilsFrame.call(GuardFrame::callerOfStatement);
        assertThat(caller.senderKind()).isEqualTo(Sender.Kind.SQL_SCRIPT);
        assertThat(caller.description()).startsWith("SQL script run by Spring's ScriptUtils, called from "
                + SenderTest.class.getName() + ".aScriptRunByApplicationCodeNamesBoth(SenderTest.java:");
    }

    @Test
    void aDescriberThatFailsOrCannotTellFallsBackToTheGenericName() {
        Sender failing = Sender.describedBy(Sender.Kind.LIQUIBASE, text -> {
            throw new IllegalStateException("boom");
        });
        assertThat(failing.describe("DROP TABLE t")).isEqualTo("Liquibase");
        assertThat(Sender.describedBy(Sender.Kind.LIQUIBASE, text -> null).describe("x")).isEqualTo("Liquibase");
    }

    @Test
    void closingAScopeRestoresTheSenderItReplaced() {
        Sender outer = Sender.of(Sender.Kind.FLYWAY, "Flyway migration V1__a.sql");
        Sender inner = Sender.of(Sender.Kind.FLYWAY, "Flyway migration V2__b.sql");
        try (Sender.Scope first = Sender.open(outer)) {
            Sender.Scope second = Sender.open(inner);
            assertThat(Sender.current()).isSameAs(inner);
            second.close();
            second.close();
            assertThat(Sender.current()).isSameAs(outer);
        }
    }

    @Test
    void aSenderBelongsToTheThreadThatOpenedIt() throws Exception {
        try (Sender.Scope scope = Sender.open(Sender.of(Sender.Kind.FLYWAY, "Flyway migration V3__drop.sql"))) {
            AtomicReference<Sender> elsewhere = new AtomicReference<>();
            Thread thread = new Thread(() -> elsewhere.set(Sender.current()));
            thread.start();
            thread.join();
            assertThat(elsewhere).hasNullValue();
        }
    }
}
