package dev.dbguard.core.internal.posture;

import dev.dbguard.core.Mode;
import dev.dbguard.core.posture.Posture;
import dev.dbguard.core.posture.PostureFinding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The decisions on the facts, for hosts and TLS states the local test servers cannot show. */
class ExposuresTest {

    private static final String REMOTE = "jdbc:postgresql://db.example.com:5432/app?user=app";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            jdbc:postgresql://db.example.com:5432/app?user=app                   | db.example.com | 5432 | false | false
            jdbc:postgresql://db.example.com/app?sslmode=verify-full             | db.example.com | 5432 | false | true
            jdbc:postgresql://db.example.com/app?sslmode=require                 | db.example.com | 5432 | false | false
            jdbc:postgresql://db.example.com/app?ssl=true                        | db.example.com | 5432 | false | true
            jdbc:postgresql://user:pw@10.0.0.5:6432,10.0.0.6/app                 | 10.0.0.5       | 6432 | false | false
            jdbc:postgresql://127.0.0.1:5432/test?user=postgres                  | 127.0.0.1      | 5432 | true  | false
            jdbc:postgresql://localhost/test                                     | localhost      | 5432 | true  | false
            jdbc:postgresql://[::1]:5433/test                                    | [::1]          | 5433 | true  | false
            jdbc:postgresql:///test?host=/var/run/postgresql                     | ''             | 5432 | true  | false
            jdbc:dbguard:postgresql://db.example.com/app?sslmode=verify-ca       | db.example.com | 5432 | false | true
            jdbc:mariadb://db.example.com/app?sslMode=verify-full                | db.example.com | 3306 | false | true
            jdbc:mariadb://db.example.com/app?sslMode=trust                      | db.example.com | 3306 | false | false
            jdbc:mariadb://db.example.com/app?localSocket=/run/mysqld/mysqld.sock | db.example.com | 3306 | true  | false
            jdbc:mysql://db.example.com:3307/app?useSSL=true                     | db.example.com | 3307 | false | true
            jdbc:mysql://db.example.com/app?useSSL=true&trustServerCertificate=true | db.example.com | 3306 | false | false
            """)
    void theUrlTellsTheHostAndWhetherTheClientVerifiesTheServer(String url, String host, String port,
                                                                 boolean loopback, boolean verifies) {
        ServerAddress address = ServerAddress.of(url);

        assertThat(address.host()).isEqualTo(host);
        assertThat(address.port()).isEqualTo(port);
        assertThat(address.loopback()).isEqualTo(loopback);
        assertThat(address.verifiesServer()).isEqualTo(verifies);
    }

    @Test
    void tlsOffToARemoteHostIsExposed() {
        List<PostureFinding> findings = Exposures.of(leastPrivilege(false), ServerAddress.of(REMOTE), Mode.BLOCK);

        assertThat(findings).extracting(PostureFinding::id).containsExactly("no-tls");
        assertThat(findings.get(0).text()).isEqualTo("TLS off to db.example.com:5432 (the password and the data"
                + " cross the network in clear text)");
    }

    @Test
    void tlsOffOverLoopbackIsNot() {
        assertThat(Exposures.of(leastPrivilege(false), ServerAddress.of("jdbc:postgresql://127.0.0.1/app"),
                Mode.BLOCK)).isEmpty();
    }

    @Test
    void tlsThatDoesNotVerifyTheServerIsExposed() {
        assertThat(Exposures.of(leastPrivilege(true), ServerAddress.of(REMOTE + "&sslmode=require"), Mode.BLOCK))
                .extracting(PostureFinding::text)
                .containsExactly("TLS to db.example.com:5432 does not verify the server (sslmode=require; use"
                        + " sslmode=verify-full)");
        assertThat(Exposures.of(leastPrivilege(true), ServerAddress.of(REMOTE + "&sslmode=verify-full"),
                Mode.BLOCK)).isEmpty();
    }

    @Test
    void theLineNamesEveryExposureAndTheFix() {
        PostureFacts owner = new PostureFacts("PostgreSQL", "app", List.of("public"), Set.of(), Map.of(), 12, 12,
                List.of(), 0, 0, false, false, "30s", true);
        ServerAddress address = ServerAddress.of(REMOTE);

        Posture posture = PostureJudge.judge("dataSource", "production", Mode.BLOCK, owner, address);

        assertThat(posture.line()).isEqualTo("dbguard posture 'dataSource' (production): account app is the OWNER"
                + " of 12 tables in public (it can DROP/TRUNCATE them from any client, not only through dbguard);"
                + " TLS off to db.example.com:5432 (the password and the data cross the network in clear text)."
                + " Fix: see README \"Least privilege\".");
        assertThat(posture.exposed()).isTrue();
    }

    @Test
    void aCleanAccountGetsAnAllClearLine() {
        PostureFacts clean = leastPrivilege(true);
        ServerAddress address = ServerAddress.of(REMOTE + "&sslmode=verify-full");

        Posture posture = PostureJudge.judge("orders", "production", Mode.BLOCK, clean, address);

        assertThat(posture.exposed()).isFalse();
        assertThat(posture.line()).isEqualTo("dbguard posture 'orders' (production): nothing exposed: account app"
                + " owns none of the 12 tables in public and holds no superuser or role-creating rights; TLS verified"
                + " to db.example.com:5432.");
    }

    @Test
    void powersHeldThroughARoleAreNamedWithTheRole() {
        PostureFacts member = new PostureFacts("PostgreSQL", "app", List.of("public"), Set.of(),
                Map.of("admin", Set.of("createrole")), 1, 0, List.of(), 0, 0, false, false, "0", false);

        assertThat(Exposures.of(member, ServerAddress.of("jdbc:postgresql://localhost/app"), Mode.BLOCK))
                .extracting(PostureFinding::text)
                .containsExactly("account app has CREATEROLE through role admin (it can create roles and grant"
                        + " itself their rights)", "statement_timeout is 0 (a runaway statement is never stopped)");
    }

    @Test
    void aReadOnlyModeTheServerDoesNotEnforceIsExposed() {
        assertThat(Exposures.of(leastPrivilege(true), ServerAddress.of("jdbc:postgresql://localhost/app"),
                Mode.READ_ONLY)).extracting(PostureFinding::id).containsExactly("read-only-not-enforced");
    }

    private static PostureFacts leastPrivilege(boolean tls) {
        return new PostureFacts("PostgreSQL", "app", List.of("public"), Set.of(), Map.of(), 12, 0, List.of(), 0, 0,
                tls, false, "30s", true);
    }
}
