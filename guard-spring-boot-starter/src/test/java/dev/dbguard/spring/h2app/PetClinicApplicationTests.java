package dev.dbguard.spring.h2app;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's own tests, as its authors wrote them before adding dbguard: nothing about dbguard, no
 * environment declared. With the starter on the class path they must pass unchanged.
 */
@SpringBootTest
class PetClinicApplicationTests {

    @Autowired
    private OwnerRepository owners;

    @Autowired
    private JdbcTemplate jdbcTemplate;

    @Test
    void theSchemaScriptRanAndTheDataIsThere() {
        assertThat(owners.count()).isEqualTo(2);
        assertThat(jdbcTemplate.queryForObject("SELECT COUNT(*) FROM visits", Integer.class)).isEqualTo(1);
    }

    @Test
    void testsResetTablesAsTheyPlease() {
        jdbcTemplate.execute("DELETE FROM visits");
        jdbcTemplate.execute("TRUNCATE TABLE visits");
        owners.save(new Owner("Jean Coleman"));
        assertThat(owners.count()).isEqualTo(3);
        owners.deleteAllByIdInBatch(java.util.List.of(3));
    }
}
