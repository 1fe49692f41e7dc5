package dev.dbguard.spring;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** The init scripts are split as Spring's ScriptUtils splits them, so a refused statement gets its number. */
class SqlInitScriptsTests {

    @Test
    void splitsAtTheSeparatorOutsideQuotesAndDropsComments() {
        assertThat(SqlInitScripts.split("""
                -- owners first; then pets
                DROP TABLE IF EXISTS owners; /* one; two */ CREATE TABLE owners (id INT);
                INSERT INTO owners VALUES (1, 'a;b'), (2, "c;d");
                """, ";"))
                .containsExactly("DROP TABLE IF EXISTS owners", "CREATE TABLE owners (id INT)",
                        "INSERT INTO owners VALUES (1, 'a;b'), (2, \"c;d\")");
    }

    @Test
    void aScriptWithoutTheSeparatorIsSplitAtLineBreaks() {
        assertThat(SqlInitScripts.split("DROP TABLE a\n\nDROP TABLE b\n", ";"))
                .containsExactly("DROP TABLE a", "DROP TABLE b");
        assertThat(SqlInitScripts.split("DROP TABLE a GO DROP TABLE b", "GO"))
                .containsExactly("DROP TABLE a", "DROP TABLE b");
    }

    @Test
    void namesTheScriptAndTheStatementNumberWhateverTheWhitespace() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.sql.init.schema-locations", "classpath:db/senders/schema.sql")
                .withProperty("spring.sql.init.data-locations", "optional:classpath:db/none.sql");
        SqlInitScripts scripts = SqlInitScripts.of(environment, new DefaultResourceLoader());

        assertThat(scripts.scripts()).singleElement().satisfies(script ->
                assertThat(script.location()).isEqualTo("classpath:db/senders/schema.sql"));
        assertThat(scripts.describe("DROP   TABLE\n customers;"))
                .isEqualTo("spring.sql.init script classpath:db/senders/schema.sql (statement 2)");
        assertThat(scripts.describe("DROP TABLE elsewhere")).isNull();
        assertThat(scripts.describe(null)).isNull();
    }

    @Test
    void withoutLocationsBootsDefaultsAreRead() {
        SqlInitScripts scripts = SqlInitScripts.of(new MockEnvironment()
                .withProperty("spring.sql.init.platform", "senders"), new DefaultResourceLoader());
        assertThat(scripts.scripts()).isEmpty(); // no schema-senders.sql, schema.sql, data.sql on the test class path
    }
}
