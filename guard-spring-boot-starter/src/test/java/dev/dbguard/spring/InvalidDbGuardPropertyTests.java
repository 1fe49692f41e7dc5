package dev.dbguard.spring;

import dev.dbguard.testsupport.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** A setting the guard cannot use stops the start, and the failure report says which one and what to write. */
class InvalidDbGuardPropertyTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DbGuardAutoConfiguration.class))
            .withPropertyValues("dbguard.env=production")
            .withBean("dataSource", DataSource.class, () -> TestDatabases.postgres().dataSource());

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            # property                            | value                  | reason mentions                       | action mentions
            dbguard.modes.production             | blok                   | Unknown dbguard mode 'blok'           | block, audit, off, read-only
            dbguard.modes.staging                | readonly-ish           | Unknown dbguard mode                  | e.g. dbguard.modes.production=block
            dbguard.allow                        | truncate               | Malformed dbguard allow-list entry    | rule:object-pattern
            dbguard.allow                        | nuke:orders            | Unknown dbguard rule 'nuke'           | rule:object-pattern
            dbguard.allow                        | 'truncate:tmp_*,drop:' | Malformed dbguard allow-list entry    | truncate:audit_tmp_*
            dbguard.rules.nuke.enabled           | false                  | Unknown dbguard rule 'nuke'           | dbguard.rules.truncate.enabled=false
            dbguard.production-url-patterns      | db.example.com:5432    | port                                  | *.rds.amazonaws.com
            dbguard.ephemeral-url-patterns       | h2:mem:*               | start it with jdbc:                   | jdbc:h2:mem:*
            dbguard.dangerous-settings           | loud                   | not one of warn, fail, ignore         | fail (stop the start)
            dbguard.unparsed-policy              | maybe                  | Unknown dbguard policy                | block, audit, allow
            dbguard.audit.format                 | xml                    | Unknown dbguard audit format 'xml'    | text or json
            dbguard.audit.recent-refusals        | 0                      | at least one                          | 1 or more
            dbguard.cache-size                   | -1                     | must not be negative                  | 0 (no cache) or more
            dbguard.max-parse-length             | -5                     | must not be negative                  | 0 or more
            dbguard.audit.window                 | -1s                    | must not be negative                  | 0 or more
            """)
    void failureReportNamesTheSettingWhereItWasSetAndWhatToWrite(String property, String value, String reason,
                                                                  String action) {
        runner.withPropertyValues(property + "=" + value).run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new InvalidDbGuardPropertyFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).as("failure analysis of %s", context.getStartupFailure()).isNotNull();
            assertThat(analysis.getDescription())
                    .startsWith("The dbguard setting '" + property)
                    .contains("Origin: \"" + property + "\" from property source \"test\"")
                    .contains(reason);
            assertThat(analysis.getAction()).startsWith("Change " + property).contains(action);
        });
    }
}
