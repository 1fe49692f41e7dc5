package dev.dbguard.spring;

import dev.dbguard.core.BlockedStatementException;
import dev.dbguard.core.audit.AuditEvent;
import dev.dbguard.core.audit.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.sql.Connection;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A {@code -- dbguard:allow alter-drop reason="..."} comment above a migration's statement reaches the runtime
 * through the real tools, on real PostgreSQL in production: Flyway sends it with the statement, and so does Liquibase
 * for a formatted SQL changeset marked {@code stripComments:false} (by default Liquibase strips it), so the statement
 * runs as an audited override with the reason; the same migration without it is refused, and with
 * {@code dbguard.annotations.enabled=false} the annotation is an ordinary comment.
 */
class MigrationAnnotationTests {

    private static final String REASON = "OPS-1234 note column retired";

    private final RecordingAuditSink sink = new RecordingAuditSink();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, DbGuardAutoConfiguration.class))
            .withBean(RecordingAuditSink.class, () -> sink)
            .withPropertyValues("dbguard.env=production");

    private CustomerSchema schema;

    @BeforeEach
    void createSchemaWithLegacyTable() throws SQLException {
        schema = CustomerSchema.create("starter_annotation");
        schema.execute("CREATE TABLE legacy_orders (id INT PRIMARY KEY, note TEXT)",
                "INSERT INTO legacy_orders VALUES (1, 'keep me')");
    }

    @AfterEach
    void dropSchema() throws SQLException {
        schema.drop();
    }

    @Test
    void anAnnotatedFlywayMigrationRunsAsAnAuditedOverride() throws SQLException {
        flyway("db/annotated/flyway").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(sink.events()).extracting(AuditEvent::outcome, AuditEvent::ruleId, AuditEvent::reason)
                    .containsExactly(tuple(Outcome.OVERRIDDEN, "alter-drop", REASON));
        });
        assertThat(hasNoteColumn()).isFalse();
        assertThat(schema.count("legacy_orders")).isEqualTo(1);
    }

    @Test
    void theSameFlywayMigrationWithoutTheAnnotationIsRefused() throws SQLException {
        assertRefusedAtStart(flyway("db/annotated/flyway-plain"));
        assertThat(sink.events()).extracting(AuditEvent::outcome).containsExactly(Outcome.REFUSED);
    }

    @Test
    void switchingAnnotationsOffRefusesTheAnnotatedFlywayMigration() throws SQLException {
        assertRefusedAtStart(flyway("db/annotated/flyway").withPropertyValues("dbguard.annotations.enabled=false"));
    }

    @Test
    void aRenameIsAuditedNotRefusedUnlessItsSeverityIsRefuse() throws SQLException {
        assertRefusedAtStart(flyway("db/annotated/flyway-rename")
                .withPropertyValues("dbguard.rules.rename.severity=refuse"));
        sink.clear();
        flyway("db/annotated/flyway-rename").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(sink.events()).extracting(AuditEvent::outcome, AuditEvent::ruleId)
                    .containsExactly(tuple(Outcome.AUDITED, "rename"));
        });
        assertThat(hasNoteColumn()).isFalse();
        assertThat(schema.count("legacy_orders")).isEqualTo(1);
    }

    @Test
    void anAnnotatedLiquibaseFormattedSqlChangesetRunsAsAnAuditedOverride() throws SQLException {
        liquibase("db/annotated/liquibase/annotated.sql").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(sink.events()).filteredOn(event -> event.outcome() == Outcome.OVERRIDDEN)
                    .extracting(AuditEvent::ruleId, AuditEvent::reason)
                    .containsExactly(tuple("alter-drop", REASON));
            assertThat(sink.events()).extracting(AuditEvent::outcome).doesNotContain(Outcome.REFUSED);
        });
        assertThat(hasNoteColumn()).isFalse();
        assertThat(schema.count("legacy_orders")).isEqualTo(1);
    }

    @Test
    void liquibaseStripsTheAnnotationOfAChangesetWithoutStripCommentsFalse() throws SQLException {
        // Liquibase's formatted SQL strips comments by default: the annotation never reaches the guard, as the scan
        // reports ("add stripComments:false to the --changeset line")
        assertRefusedAtStart(liquibase("db/annotated/liquibase/stripped.sql"));
    }

    @Test
    void theSameLiquibaseChangesetWithoutTheAnnotationIsRefused() throws SQLException {
        assertRefusedAtStart(liquibase("db/annotated/liquibase/plain.sql"));
    }

    private ApplicationContextRunner flyway(String location) {
        return runner.withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class))
                .withPropertyValues(schema.dataSourceProperties())
                .withPropertyValues("spring.flyway.locations=classpath:" + location,
                        "spring.flyway.baseline-on-migrate=true", "spring.flyway.baseline-version=0");
    }

    private ApplicationContextRunner liquibase(String changelog) {
        return runner.withConfiguration(AutoConfigurations.of(LiquibaseAutoConfiguration.class))
                .withPropertyValues(schema.dataSourceProperties())
                .withPropertyValues("spring.liquibase.change-log=classpath:" + changelog);
    }

    /** The migration stops the start with dbguard's refusal, and the column and its row are still there. */
    private void assertRefusedAtStart(ApplicationContextRunner migration) throws SQLException {
        migration.run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(BlockedStatementException.class);
        });
        assertNoteColumnIntact();
    }

    private void assertNoteColumnIntact() throws SQLException {
        assertThat(hasNoteColumn()).isTrue();
        assertThat(schema.count("legacy_orders")).isEqualTo(1);
    }

    private boolean hasNoteColumn() throws SQLException {
        try (Connection connection = schema.dataSourceForTests().getConnection();
             var statement = connection.prepareStatement("SELECT COUNT(*) FROM information_schema.columns"
                     + " WHERE table_schema = ? AND table_name = 'legacy_orders' AND column_name = 'note'")) {
            statement.setString(1, schema.name());
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1) == 1;
            }
        }
    }
}
