package dev.dbguard.core.internal.posture;

import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.Mode;
import dev.dbguard.core.Target;
import dev.dbguard.core.env.Tier;
import dev.dbguard.core.posture.Posture;
import dev.dbguard.core.posture.PostureFinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the facts a server gave into a {@link Posture}, logs its line and says which findings
 * {@code dbguard.posture.fail-on} refuses: the one answer the JDBC check, the posture command and the PostgreSQL
 * proxy share. Production and staging are strict: an exposure there is a WARN and {@code fail-on} applies.
 */
public final class PostureJudge {

    /** Each catalog query's time limit, on every path: the check never holds a connection longer than this. */
    public static final int TIMEOUT_SECONDS = 2;

    /** Where the README explains the fix, named at the end of every exposed line. */
    static final String FIX = "Fix: see README \"Least privilege\".";

    private static final Logger LOG = LoggerFactory.getLogger("dbguard.posture");

    private PostureJudge() {
    }

    /** The posture of {@code name}, judged in its target's environment and mode. */
    public static Posture judge(String name, Target target, PostureFacts facts, ServerAddress address) {
        return judge(name, environment(target), target.mode(), facts, address);
    }

    /** The posture of {@code name} in {@code environment}, {@code mode} deciding whether read-only is expected. */
    public static Posture judge(String name, String environment, Mode mode, PostureFacts facts,
                                ServerAddress address) {
        List<PostureFinding> findings = Exposures.of(facts, address, mode);
        String head = "dbguard posture '" + name + "' (" + environment + "): ";
        List<String> exposed = findings.stream().filter(PostureFinding::exposed).map(PostureFinding::text).toList();
        List<String> notes = findings.stream().filter(finding -> !finding.exposed()).map(PostureFinding::text)
                .toList();
        String also = notes.isEmpty() ? "" : " Also: " + String.join("; ", notes) + ".";
        String line = exposed.isEmpty()
                ? head + "nothing exposed: " + allClear(facts, address) + "." + also
                : head + String.join("; ", exposed) + "." + also + " " + FIX;
        return new Posture(name, environment, true, facts.account(), findings, line);
    }

    /** The posture of {@code name} when the server could not be asked, for {@code reason}. */
    public static Posture unchecked(String name, Target target, String reason) {
        return new Posture(name, environment(target), false, null, List.of(),
                "dbguard posture '" + name + "' (" + environment(target) + "): not checked (" + reason + ")");
    }

    /**
     * Logs the posture line on {@code dbguard.posture}: WARN when something is exposed in production or staging,
     * INFO otherwise; an unchecked posture is logged only when {@code fail-on} asked for it to be enforced.
     */
    public static void log(Posture posture, Target target, GuardConfig config) {
        if (!posture.checked()) {
            if (!config.postureFailOn().isEmpty()) {
                LOG.warn("{}; dbguard.posture.fail-on={} could not be enforced", posture.line(),
                        String.join(",", config.postureFailOn()));
            } else {
                LOG.debug(posture.line());
            }
            return;
        }
        if (posture.exposed() && strict(target)) {
            LOG.warn(posture.line());
        } else {
            LOG.info(posture.line());
        }
    }

    /** The exposed findings {@code dbguard.posture.fail-on} lists, in production and staging; else none. */
    public static List<String> failing(Posture posture, Target target, GuardConfig config) {
        List<String> failing = new ArrayList<>();
        if (strict(target)) {
            for (PostureFinding finding : posture.findings()) {
                if (finding.exposed() && config.postureFailOn().contains(finding.id())) {
                    failing.add(finding.id());
                }
            }
        }
        return failing;
    }

    /** The texts of {@code findingIds}' findings, joined with {@code "; "}. */
    public static String texts(Posture posture, List<String> findingIds) {
        return String.join("; ", posture.findings().stream().filter(finding -> findingIds.contains(finding.id()))
                .map(PostureFinding::text).toList());
    }

    private static boolean strict(Target target) {
        Tier tier = target.environment().environment().tier();
        return tier == Tier.PRODUCTION || tier == Tier.STAGING;
    }

    private static String environment(Target target) {
        return target.environment().environment().name();
    }

    private static String allClear(PostureFacts facts, ServerAddress address) {
        String where = facts.schemas().isEmpty() ? "" : " in " + String.join(", ", facts.schemas());
        String transport = address.loopback() ? "it connects over loopback (" + address.display() + ")"
                : Boolean.TRUE.equals(facts.tls()) ? "TLS verified to " + address.display()
                : "TLS state of " + address.display() + " unknown";
        return "account " + facts.account() + " owns none of the " + Exposures.tables(facts.tables()) + where
                + " and holds no superuser or role-creating rights; " + transport;
    }
}
