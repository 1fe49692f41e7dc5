package dev.dbguard.core;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** In-memory databases run in development mode whatever is declared, unless a production pattern says otherwise. */
class EphemeralTargetTest {

    @Test
    void anInMemoryDatabaseRunsInDevelopmentEvenWhenProductionIsDeclared() {
        StatementGuard guard = new StatementGuard(GuardConfig.builder().environment("production").build());

        Target h2 = guard.target("dataSource", "jdbc:h2:mem:petclinic");

        assertThat(h2.environment().environment().name()).isEqualTo("development");
        assertThat(h2.mode()).isEqualTo(Mode.OFF);
        assertThat(guard.check("DROP TABLE IF EXISTS owners", h2).decision()).isEqualTo(Decision.ALLOW);
        Target postgres = guard.target("dataSource", "jdbc:postgresql://db/petclinic");
        assertThat(postgres.mode()).isEqualTo(Mode.BLOCK);
    }

    @Test
    void developmentsOwnModeApplies() {
        StatementGuard guard = new StatementGuard(GuardConfig.builder().environment("production")
                .mode("development", Mode.AUDIT).build());

        assertThat(guard.target("dataSource", "jdbc:hsqldb:mem:x").mode()).isEqualTo(Mode.AUDIT);
    }

    @Test
    void aProductionUrlPatternWinsOverAnEphemeralOne() {
        StatementGuard guard = new StatementGuard(GuardConfig.builder().environment("development")
                .productionUrlPatterns(List.of("jdbc:h2:mem:prod*")).build());

        Target target = guard.target("dataSource", "jdbc:h2:mem:prod_copy");

        assertThat(target.environment().environment().name()).isEqualTo("production");
        assertThat(target.environment().source()).startsWith("production URL pattern 'jdbc:h2:mem:prod*'");
        assertThat(target.mode()).isEqualTo(Mode.BLOCK);
        assertThat(new StatementGuard(GuardConfig.builder().environment("production")
                .productionUrlPatterns(List.of("jdbc:h2:*")).build())
                .target("dataSource", "jdbc:h2:mem:x").mode()).isEqualTo(Mode.BLOCK);
    }

    @Test
    void anEmptyListGuardsInMemoryDatabasesLikeAnyOther() {
        GuardConfig config = GuardConfig.builder().environment("production")
                .properties(Map.of("dbguard.ephemeral-url-patterns", ""), "test").build();
        assertThat(config.ephemeralUrlPatterns()).isEmpty();
        assertThat(new StatementGuard(config).target("dataSource", "jdbc:h2:mem:x").mode()).isEqualTo(Mode.BLOCK);
    }

    @Test
    void thePatternsAreConfigurableAndReplaceTheDefaults() {
        GuardConfig config = GuardConfig.builder().environment("production")
                .properties(Map.of("dbguard.ephemeral-url-patterns", "jdbc:h2:mem:test_*, jdbc:tc:*"), "test")
                .build();
        StatementGuard guard = new StatementGuard(config);

        assertThat(config.ephemeralUrlPatterns()).containsExactly("jdbc:h2:mem:test_*", "jdbc:tc:*");
        assertThat(guard.target("a", "jdbc:h2:mem:test_1").mode()).isEqualTo(Mode.OFF);
        assertThat(guard.target("a", "jdbc:h2:mem:other").mode()).isEqualTo(Mode.BLOCK);
        assertThat(GuardConfig.defaults().ephemeralUrlPatterns())
                .isEqualTo(GuardConfig.DEFAULT_EPHEMERAL_URL_PATTERNS).contains("jdbc:h2:mem:*");
        assertThat(config.toBuilder().build().ephemeralUrlPatterns()).isEqualTo(config.ephemeralUrlPatterns());
    }

    @Test
    void aMalformedPatternIsRejectedWithTheKey() {
        assertThatIllegalArgumentException().isThrownBy(() -> GuardConfig.builder()
                        .properties(Map.of("dbguard.ephemeral-url-patterns", "h2:mem:*"), "system properties"))
                .withMessageContaining("dbguard.ephemeral-url-patterns")
                .withMessageContaining("start it with jdbc:");
    }
}
