package dev.dbguard.pgproxy;

import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.Target;
import dev.dbguard.core.internal.posture.PostureJudge;
import dev.dbguard.core.internal.posture.ServerAddress;
import dev.dbguard.core.posture.Posture;
import dev.dbguard.core.posture.PostureFinding;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The posture of every account seen on every route of one proxy. The proxy holds no credentials, so an account's
 * posture is read inside the first session that logs in with it ({@link PostureProbe}); each route, user and
 * database is checked once, and again by every new session as long as its posture makes
 * {@code dbguard.posture.fail-on} refuse it (so that fixing the account takes effect without a restart).
 *
 * <p>Each posture is logged once ({@code dbguard.posture}, WARN when exposed in production or staging), counted in
 * the gauge {@value #METRIC_NAME}{@code {route, account, finding}} (1 when shown, 0 when not, NaN when the catalog
 * could not be read), and served as JSON on the admin port's {@code /posture}.
 */
final class AccountPostures {

    /** The starter's gauge name, so one dashboard reads data sources and proxy routes alike. */
    static final String METRIC_NAME = "dbguard.posture";

    private final MeterRegistry registry;
    private final Map<Account, Posture> latest = new ConcurrentHashMap<>();
    private final Set<Account> settled = ConcurrentHashMap.newKeySet();

    AccountPostures(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One account on one route: what a posture is the posture of. */
    record Account(String route, String user, String database) {

        /** {@code production: app@shop}, the posture line's name. */
        String describe() {
            return route + ": " + user + "@" + database;
        }
    }

    /** Whether a session of {@code account} should read its posture: enabled, and not settled yet. */
    boolean due(Account account, GuardConfig config) {
        return config.enabled() && config.postureEnabled() && !settled.contains(account);
    }

    /**
     * Records what a session found: logs the line when it is new for the account and says which findings
     * {@code fail-on} refuses; an account with none is settled and not read again.
     */
    List<String> record(Account account, Posture posture, Target target, GuardConfig config) {
        Posture previous = latest.put(account, posture);
        if (previous == null) {
            registerGauges(account);
        }
        if (previous == null || !previous.line().equals(posture.line())) {
            PostureJudge.log(posture, target, config);
        }
        List<String> failing = PostureJudge.failing(posture, target, config);
        if (failing.isEmpty()) {
            settled.add(account);
        }
        return failing;
    }

    /** Every posture found so far, by account. */
    Map<Account, Posture> all() {
        return Map.copyOf(latest);
    }

    private void registerGauges(Account account) {
        for (String finding : PostureFinding.IDS) {
            Gauge.builder(METRIC_NAME, latest, postures -> value(postures.get(account), finding))
                    .description("1 when the route's database account shows this posture finding")
                    .tag("route", account.route())
                    .tag("account", account.user() + "@" + account.database())
                    .tag("finding", finding)
                    .register(registry);
        }
    }

    private static double value(Posture posture, String finding) {
        if (posture == null || !posture.checked()) {
            return Double.NaN;
        }
        return posture.findingIds().contains(finding) ? 1.0 : 0.0;
    }

    /**
     * Where a route's sessions reach the server, as the posture judges the transport: the upstream host, and
     * whether the proxy verifies the server's certificate ({@code upstream-sslmode=verify-full}).
     */
    static ServerAddress address(Route route) {
        String host = route.upstream().getHostString();
        boolean loopback = ServerAddress.isLoopback(host)
                || route.upstream().getAddress() != null && route.upstream().getAddress().isLoopbackAddress();
        UpstreamTls.SslMode mode = route.upstreamTls().mode();
        return new ServerAddress(host, String.valueOf(route.upstream().getPort()), loopback,
                mode == UpstreamTls.SslMode.VERIFY_FULL, "upstream-sslmode=" + mode.id(),
                "set upstream-sslmode=verify-full with upstream-ca-file on route '" + route.name() + "'");
    }
}
