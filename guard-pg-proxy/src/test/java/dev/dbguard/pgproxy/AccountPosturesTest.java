package dev.dbguard.pgproxy;

import dev.dbguard.core.Mode;
import dev.dbguard.core.internal.posture.PostgresPostureQuery;
import dev.dbguard.core.internal.posture.PostureFacts;
import dev.dbguard.core.internal.posture.PostureJudge;
import dev.dbguard.core.posture.Posture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The transport half of a route's posture, for upstreams the local server cannot be: the leg the server sees
 * ({@code pg_stat_ssl}) is the proxy's, so the route's {@code upstream-sslmode} says whether the server is verified.
 */
class AccountPosturesTest {

    @ParameterizedTest(name = "{0} {1} tls={2}")
    @CsvSource(delimiter = '|', textBlock = """
            db.example.com | disable     | f | no-tls
            db.example.com | require     | t | unverified-tls
            db.example.com | verify-full | t | ''
            127.0.0.1      | disable     | f | ''
            localhost      | require     | t | ''
            """)
    void theRoutesUpstreamSslmodeDecidesTheTransportFinding(String host, String sslmode, String tls,
                                                            String finding) {
        Route route = new Route("orders", new InetSocketAddress("127.0.0.1", 0),
                InetSocketAddress.createUnresolved(host, 5432), Route.DEFAULT_MAX_MESSAGE_LENGTH)
                .withUpstreamTls(new UpstreamTls(UpstreamTls.SslMode.fromId(sslmode), null));
        PostureFacts facts = PostgresPostureQuery.facts(Arrays.asList("app", "", null, "shop", "", "3", "0", "0",
                "0", tls, "off", "30000"));

        Posture posture = PostureJudge.judge("orders: app@shop", "production", Mode.BLOCK, facts,
                AccountPostures.address(route));

        assertThat(String.join(",", posture.findingIds())).isEqualTo(finding);
        if (finding.equals("unverified-tls")) {
            assertThat(posture.line()).contains("TLS to db.example.com:5432 does not verify the server"
                    + " (upstream-sslmode=require; set upstream-sslmode=verify-full with upstream-ca-file on route"
                    + " 'orders')");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            plain                  | plain
            'say "no"'             | say \\"no\\"
            back\\slash             | back\\\\slash
            """)
    void theAdminPageEscapesWhatItQuotes(String text, String json) {
        Posture posture = new Posture("r: a@b", "production", false, null, List.of(), text);

        assertThat(PostureJson.of(Map.of(new AccountPostures.Account("r", "a", "b"), posture)))
                .contains("\"line\":\"" + json + "\"}");
    }
}
