package dev.dbguard.core;

import dev.dbguard.core.audit.AuditEvent;
import dev.dbguard.core.audit.Outcome;
import dev.dbguard.core.audit.Sender;
import liquibase.testframes.LiquibaseFrame;
import org.flywaydb.testframes.FlywayFrame;
import org.hibernate.tool.schema.testframes.HibernateSchemaFrame;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.sql.init.testframes.SqlInitFrame;

import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The advice in a refusal works: following it literally lets the statement through. It names every object the rule
 * checks, and the other ways through fit whoever sent the statement.
 */
class RefusalAdviceTest {

    private static final Pattern ALLOW = Pattern.compile("dbguard\\.allow=(\\S+?)(?:,? |\\.$)");

    private final RecordingSink sink = new RecordingSink();

    /** Who sends the statement: the test itself (application code) or a framework, with the detail it opened. */
    enum Origin {
        APPLICATION(null, null, "run it inside DbGuard.override(\"<reason>\", \"RULE\"), or set"
                + " dbguard.modes.production=audit."),
        SQL_INIT(Sender.Kind.SQL_INIT, "spring.sql.init script classpath:db/h2/schema.sql (statement 3)",
                "set spring.sql.init.mode=embedded"),
        HIBERNATE(Sender.Kind.HIBERNATE_SCHEMA,
                "Hibernate schema management (spring.jpa.hibernate.ddl-auto=create-drop)",
                "set spring.jpa.hibernate.ddl-auto=validate (or none) for production"),
        FLYWAY(Sender.Kind.FLYWAY, "Flyway migration V3__drop_task_notes.sql",
                "run the migration inside DbGuard.override(\"<reason>\", \"RULE\") in a FlywayMigrationStrategy bean."),
        LIQUIBASE(Sender.Kind.LIQUIBASE, "Liquibase changeset db/changelog.xml::42::alice",
                "keep the changeset out of production with a Liquibase context or label");

        final Sender.Kind kind;
        final String description;
        final String advice;

        Origin(Sender.Kind kind, String description, String advice) {
            this.kind = kind;
            this.description = description;
            this.advice = advice;
        }

        String send(EngineCall call) {
            if (kind == null) {
                return call.run();
            }
            Function<Supplier<String>, String> frame = switch (kind) {
                case SQL_INIT -> SqlInitFrame::call;
                case HIBERNATE_SCHEMA -> HibernateSchemaFrame::call;
                case FLYWAY -> FlywayFrame::call;
                case LIQUIBASE -> LiquibaseFrame::call;
                default -> throw new IllegalArgumentException(kind.name());
            };
            try (Sender.Scope scope = Sender.open(Sender.of(kind, description))) {
                return frame.apply(call::run);
            }
        }
    }

    private StatementGuard production(Map<String, String> properties) {
        return new StatementGuard(GuardConfig.builder().environment("production")
                .properties(properties, "test").auditSink(sink).build());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "TRUNCATE visits, pets, owners                       | truncate:visits,truncate:pets,truncate:owners",
            "TRUNCATE TABLE ONLY public.visits, pets CASCADE     | truncate:public.visits,truncate:pets",
            "DROP TABLE IF EXISTS vet_specialties, vets, specialties | drop:vet_specialties,drop:vets,drop:specialties",
            "DROP TABLE visits, visits                           | drop:visits",
            "DROP SCHEMA legacy CASCADE                          | drop:legacy",
            "DELETE FROM owners                                  | unscoped-delete:owners",
            "DELETE FROM owners WHERE 1=1                        | unscoped-delete:owners",
            "UPDATE pets SET name = 'x'                          | unscoped-update:pets",
            "ALTER TABLE pets DROP COLUMN birth_date             | alter-drop:pets",
    })
    void followingTheAdviceOfEverySenderLetsTheStatementThrough(String sql, String entries) {
        for (Origin origin : Origin.values()) {
            StatementGuard guard = production(Map.of());
            String message = origin.send(new EngineCall(guard, sql, guard.target("petclinic", null)));

            assertThat(message).as(origin.name()).startsWith("dbguard: refused ");
            Matcher allow = ALLOW.matcher(message);
            assertThat(allow.find()).as("allow-list advice in: %s", message).isTrue();
            assertThat(allow.group(1)).as(origin.name()).isEqualTo(entries);
            String rule = entries.substring(0, entries.indexOf(':'));
            assertThat(message).as(origin.name()).contains(origin.advice.replace("RULE", rule));
            if (origin.kind != null) {
                assertThat(message).contains(", sent by " + origin.description);
            } else {
                assertThat(message).doesNotContain("sent by");
            }

            StatementGuard advised = production(Map.of("dbguard.allow", allow.group(1)));
            sink.events.clear();
            assertThat(origin.send(new EngineCall(advised, sql, advised.target("petclinic", null))))
                    .as("%s with dbguard.allow=%s", origin, allow.group(1)).isEqualTo("AUDIT");
            assertThat(sink.events).isNotEmpty().allSatisfy(event ->
                    assertThat(event.outcome()).isEqualTo(Outcome.ALLOW_LISTED));
        }
    }

    @ParameterizedTest
    @EnumSource(Origin.class)
    void theOverrideTheAdviceOffersLetsTheStatementThroughWhereItIsOffered(Origin origin) {
        StatementGuard guard = production(Map.of());
        String message = origin.send(new EngineCall(guard, "TRUNCATE visits", guard.target("petclinic", null)));
        if (!message.contains("DbGuard.override(")) {
            return; // init scripts, Hibernate and Liquibase are told to stay out of production instead
        }
        try (GuardOverride override = GuardOverride.allow("OPS-1: reviewed", "truncate")) {
            assertThat(origin.send(new EngineCall(guard, "TRUNCATE visits", guard.target("petclinic", null))))
                    .isEqualTo("AUDIT");
        }
    }

    @Test
    void flywayCleanIsToldToStayDisabled() {
        StatementGuard guard = production(Map.of());
        EngineCall call = new EngineCall(guard, "DROP SCHEMA public CASCADE", guard.target("app", null));
        String message;
        try (Sender.Scope scope = Sender.open(Sender.of(Sender.Kind.FLYWAY,
                "Flyway clean (spring.flyway.clean-disabled=false)"))) {
            message = FlywayFrame.call(call::run);
        }
        assertThat(message).contains("sent by Flyway clean (spring.flyway.clean-disabled=false)")
                .contains("keep spring.flyway.clean-disabled=true for production")
                .contains("or add dbguard.allow=drop:public if it is really meant.");
    }

    @Test
    void aNameKnownOnlyAtRunTimeGetsNoAllowListAdvice() {
        StatementGuard guard = production(Map.of());
        String message = new EngineCall(guard, "DO $$ BEGIN EXECUTE 'TRUNCATE ' || tbl; END $$",
                guard.target("app", null)).run();
        assertThat(message).startsWith("dbguard: refused TRUNCATE ").doesNotContain("dbguard.allow=")
                .contains("run it inside DbGuard.override(\"<reason>\", \"truncate\")");
    }

    @Test
    void theAuditEventStatesTheReasonThatRedactedSqlHides() {
        StatementGuard guard = production(Map.of());
        Target target = guard.target("petclinic", null);
        String message = new EngineCall(guard, "DELETE FROM owners WHERE 1=1", target).run();

        AuditEvent event = sink.events.get(0);
        assertThat(event.sql()).isEqualTo("DELETE FROM owners WHERE ?=?");
        Verdict verdict = guard.check("DELETE FROM owners WHERE 1=1", target);
        assertThat(event.finding()).isEqualTo(verdict.findings().get(0).description())
                .startsWith("DELETE FROM owners ").contains("WHERE").doesNotContain("?");
        assertThat(message).startsWith("dbguard: refused " + event.finding() + " (rule unscoped-delete)");
    }
}
