package dev.dbguard.core.internal.posture;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The query's one row, in the text form both the JDBC check and the proxy read, into facts. */
class PostgresPostureQueryTest {

    @Test
    void aRowAsTheServerSendsItBecomesTheFacts() {
        PostureFacts facts = PostgresPostureQuery.facts(Arrays.asList("app", "createdb",
                "admin=superuser,createrole;ops=createdb", "shop,public", "shop", "12", "10", "1", "2", "f", "on",
                "30000"));

        assertThat(facts.postgresql()).isTrue();
        assertThat(facts.account()).isEqualTo("app");
        assertThat(facts.powers()).containsExactly("createdb");
        assertThat(facts.rolePowers()).isEqualTo(Map.of("admin", Set.of("superuser", "createrole"),
                "ops", Set.of("createdb")));
        assertThat(facts.schemas()).containsExactly("shop", "public");
        assertThat(facts.ownedSchemas()).containsExactly("shop");
        assertThat(List.of(facts.tables(), facts.ownedTables(), facts.truncatable(), facts.referenceable()))
                .containsExactly(12, 10, 1, 2);
        assertThat(facts.tls()).isFalse();
        assertThat(facts.readOnlyDefault()).isTrue();
        assertThat(facts.timeoutSet()).isTrue();
    }

    @Test
    void nullsAreUnknownsAndEmptyLists() {
        // pg_stat_ssl has no row for the backend when the statistics collector is off; no role memberships at all
        PostureFacts facts = PostgresPostureQuery.facts(Arrays.asList("app", "", null, "public", null, "0", "0",
                "0", "0", null, "off", "0"));

        assertThat(facts.powers()).isEmpty();
        assertThat(facts.rolePowers()).isEmpty();
        assertThat(facts.ownedSchemas()).isEmpty();
        assertThat(facts.tls()).isNull();
        assertThat(facts.readOnlyDefault()).isFalse();
        assertThat(facts.timeoutSet()).isFalse();
    }

    @Test
    void aRowOfAnotherShapeIsRefused() {
        assertThatThrownBy(() -> PostgresPostureQuery.facts(List.of("app", "")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 columns, not 12");
    }
}
