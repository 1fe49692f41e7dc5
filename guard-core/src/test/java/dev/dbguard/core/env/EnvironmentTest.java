package dev.dbguard.core.env;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EnvironmentTest {

    @ParameterizedTest(name = "''{0}'' is {1} ({2})")
    @CsvSource({
            "prod,         production,  PRODUCTION",
            "production,   production,  PRODUCTION",
            "live,         production,  PRODUCTION",
            "PROD,         production,  PRODUCTION",
            "'  Live  ',   production,  PRODUCTION",
            "stage,        staging,     STAGING",
            "staging,      staging,     STAGING",
            "preprod,      staging,     STAGING",
            "Staging,      staging,     STAGING",
            "dev,          development, DEVELOPMENT",
            "development,  development, DEVELOPMENT",
            "local,        development, DEVELOPMENT",
            "DEV,          development, DEVELOPMENT",
            "test,         test,        TEST",
            "ci,           test,        TEST",
            "CI,           test,        TEST",
            "qa-eu,        qa-eu,       PRODUCTION",
            "QA-EU,        qa-eu,       PRODUCTION",
            "sandbox,      sandbox,     PRODUCTION",
            "prod2,        prod2,       PRODUCTION",
    })
    void normalisesSpellings(String value, String name, Tier tier) {
        Environment environment = Environment.of(value);

        assertThat(environment.name()).isEqualTo(name);
        assertThat(environment.tier()).isEqualTo(tier);
        assertThat(environment.isProductionLike()).isEqualTo(tier == Tier.PRODUCTION);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "\t"})
    void refusesBlankNames(String value) {
        assertThatIllegalArgumentException().isThrownBy(() -> Environment.of(value)).withMessageContaining("blank");
    }
}
