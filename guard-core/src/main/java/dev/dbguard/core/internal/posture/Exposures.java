package dev.dbguard.core.internal.posture;

import dev.dbguard.core.Mode;
import dev.dbguard.core.posture.PostureFinding;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Decides, from the facts a server gave and the URL the client used, what the account leaves exposed. */
final class Exposures {

    private Exposures() {
    }

    /** The findings in {@link PostureFinding#IDS} order; empty when nothing is exposed or worth knowing. */
    static List<PostureFinding> of(PostureFacts facts, ServerAddress address, Mode mode) {
        List<PostureFinding> findings = new ArrayList<>();
        boolean superuser = facts.powers().contains("superuser") || holdsThroughRole(facts, "superuser");
        // A superuser holds every other power; listing them too would only lengthen the line.
        for (String power : superuser ? List.of("superuser") : List.of("createrole", "createdb", "bypassrls")) {
            power(facts, power).ifPresent(findings::add);
        }
        String account = "account " + facts.account();
        String where = facts.schemas().isEmpty() ? "" : " in " + String.join(", ", facts.schemas());
        if (facts.ownedTables() > 0 || !facts.ownedSchemas().isEmpty()) {
            findings.add(new PostureFinding("owner", account + ownership(facts, where)
                    + " (it can DROP/TRUNCATE them from any client, not only through dbguard)", true));
        }
        if (!superuser && facts.truncatable() > 0) {
            findings.add(new PostureFinding("truncate", account + " holds TRUNCATE on " + tables(facts.truncatable())
                    + where + " it does not own (an application seldom needs it)", true));
        }
        if (!superuser && facts.referenceable() > 0) {
            findings.add(new PostureFinding("references", account + " holds REFERENCES on "
                    + tables(facts.referenceable()) + where + " (it can add foreign keys that block deletes)", true));
        }
        transport(facts, address).ifPresent(findings::add);
        if (mode == Mode.READ_ONLY && Boolean.FALSE.equals(facts.readOnlyDefault())) {
            findings.add(new PostureFinding("read-only-not-enforced", "mode is read-only, but "
                    + (facts.postgresql() ? "default_transaction_read_only" : "tx_read_only") + " is off for "
                    + facts.account() + " (the same credentials write from any other client)", true));
        }
        if (facts.statementTimeout() != null && !facts.timeoutSet()) {
            findings.add(new PostureFinding("no-statement-timeout", (facts.postgresql() ? "statement_timeout"
                    : "max_statement_time") + " is 0 (a runaway statement is never stopped)", false));
        }
        return List.copyOf(findings);
    }

    private static Optional<PostureFinding> power(PostureFacts facts, String power) {
        List<String> roles = new ArrayList<>();
        for (Map.Entry<String, Set<String>> role : facts.rolePowers().entrySet()) {
            if (role.getValue().contains(power)) {
                roles.add(role.getKey());
            }
        }
        boolean own = facts.powers().contains(power);
        if (!own && roles.isEmpty()) {
            return Optional.empty();
        }
        String holds = "account " + facts.account() + " has " + powerName(facts, power)
                + (own ? "" : " through role " + String.join(", ", roles));
        return Optional.of(new PostureFinding(power, holds + " (" + consequence(facts, power) + ")", true));
    }

    private static String powerName(PostureFacts facts, String power) {
        if (facts.postgresql()) {
            return power.toUpperCase(Locale.ROOT);
        }
        return switch (power) {
            case "superuser" -> "SUPER";
            case "createrole" -> "CREATE USER";
            default -> "global CREATE";
        };
    }

    private static String consequence(PostureFacts facts, String power) {
        return switch (power) {
            case "superuser" -> "it can DROP, TRUNCATE and change anything from any client, not only through dbguard";
            case "createrole" -> facts.postgresql() ? "it can create roles and grant itself their rights"
                    : "it can create accounts and give them any of its rights";
            case "createdb" -> "it can create databases and drop its own";
            default -> "row-level security policies do not apply to it";
        };
    }

    private static String ownership(PostureFacts facts, String where) {
        String schemas = String.join(", ", facts.ownedSchemas());
        if (!facts.postgresql()) {
            return " holds DROP on " + (facts.ownedSchemas().isEmpty() ? tables(facts.ownedTables()) + where
                    : "database " + schemas + " and its " + tables(facts.ownedTables()));
        }
        if (facts.ownedSchemas().isEmpty()) {
            return " is the OWNER of " + tables(facts.ownedTables()) + where;
        }
        return " is the OWNER of schema " + schemas
                + (facts.ownedTables() > 0 ? " and of " + tables(facts.ownedTables()) + where : "");
    }

    private static Optional<PostureFinding> transport(PostureFacts facts, ServerAddress address) {
        if (address.loopback() || facts.tls() == null) {
            return Optional.empty();
        }
        if (!facts.tls()) {
            return Optional.of(new PostureFinding("no-tls", "TLS off to " + address.display()
                    + " (the password and the data cross the network in clear text)", true));
        }
        if (!address.verifiesServer()) {
            return Optional.of(new PostureFinding("unverified-tls", "TLS to " + address.display()
                    + " does not verify the server (" + address.sslSetting() + "; " + address.verifyAdvice() + ")",
                    true));
        }
        return Optional.empty();
    }

    private static boolean holdsThroughRole(PostureFacts facts, String power) {
        return facts.rolePowers().values().stream().anyMatch(powers -> powers.contains(power));
    }

    static String tables(int count) {
        return count == 1 ? "1 table" : count + " tables";
    }
}
