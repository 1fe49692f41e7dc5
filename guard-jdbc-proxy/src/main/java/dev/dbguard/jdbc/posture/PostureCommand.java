package dev.dbguard.jdbc.posture;

import dev.dbguard.core.Mode;
import dev.dbguard.core.internal.posture.PostureFacts;
import dev.dbguard.core.internal.posture.PostureJudge;
import dev.dbguard.core.internal.posture.ServerAddress;
import dev.dbguard.core.posture.Posture;
import dev.dbguard.core.posture.PostureFinding;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

/**
 * Prints what a database account allows that dbguard cannot stop, and the SQL that fixes it for its schema:
 *
 * <pre>
 * java -cp dbguard-and-driver-jars dev.dbguard.jdbc.posture.PostureCommand --url jdbc:postgresql://db/app?user=app
 * </pre>
 *
 * <p>Options: {@code --url} (required; the application's own URL, so that the account is the application's),
 * {@code --user}, {@code --password}, {@code --read-only} (the URL is used for read-only work: check that the server
 * enforces it too). Exit status 0 when nothing is exposed, 1 when something is (the fix-up SQL follows the
 * findings), 2 when the command could not run (one line says why).
 */
public final class PostureCommand {

    static final String USAGE = """
            Usage: PostureCommand --url <jdbc-url> [--user <name>] [--password <secret>] [--read-only]
              --url        the JDBC URL the application connects with (PostgreSQL, MariaDB or MySQL)
              --user       the account, when the URL does not name it (default: the URL's)
              --password   its password (default: the URL's, or none)
              --read-only  the URL is for read-only work: also check that the server makes it read-only
            Prints the findings, then, when something is exposed, the SQL that fixes it for the account's schema.
            Exit status: 0 nothing exposed, 1 something exposed, 2 the check could not run.""";

    private PostureCommand() {
    }

    /**
     * Runs the command and exits the JVM with its status (0, 1 or 2, see the class comment).
     *
     * @param args the options, e.g. {@code --url jdbc:postgresql://db/app?user=app --read-only}
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command, printing to {@code out} and {@code err}; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        String url = null;
        Properties credentials = new Properties();
        Mode mode = Mode.BLOCK;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                out.println(USAGE);
                return 0;
            }
            if (option.equals("--read-only")) {
                mode = Mode.READ_ONLY;
                continue;
            }
            if (i + 1 >= args.length || !List.of("--url", "--user", "--password").contains(option)) {
                err.println("dbguard posture: unknown option or missing value '" + option + "'\n" + USAGE);
                return 2;
            }
            String value = args[++i];
            switch (option) {
                case "--url" -> url = value;
                case "--user" -> credentials.setProperty("user", value);
                default -> credentials.setProperty("password", value);
            }
        }
        if (url == null) {
            err.println("dbguard posture: --url is required\n" + USAGE);
            return 2;
        }
        String realUrl = url.startsWith("jdbc:dbguard:") ? "jdbc:" + url.substring("jdbc:dbguard:".length()) : url;
        try (Connection connection = DriverManager.getConnection(realUrl, credentials)) {
            return report(connection, realUrl, mode, out);
        } catch (SQLException e) {
            err.println("dbguard posture: could not check " + ServerAddress.of(realUrl).display() + ": "
                    + e.getMessage() + " (check the URL, the account, and that the JDBC driver is on the class path)");
            return 2;
        }
    }

    private static int report(Connection connection, String url, Mode mode, PrintStream out) throws SQLException {
        FactsReader reader = FactsReader.of(connection, url);
        if (reader == null) {
            throw new SQLException("the database is neither PostgreSQL nor MariaDB/MySQL");
        }
        PostureFacts facts = reader.read(connection, PostureCheck.TIMEOUT_SECONDS * 5);
        ServerAddress address = ServerAddress.of(url);
        Posture posture = PostureJudge.judge(address.display(), "command", mode, facts, address);
        List<PostureFinding> findings = posture.findings();
        for (PostureFinding finding : findings) {
            out.println((finding.exposed() ? "exposed" : "note") + " [" + finding.id() + "] " + finding.text());
        }
        long exposed = findings.stream().filter(PostureFinding::exposed).count();
        out.println(facts.product() + " account " + facts.account() + " in " + String.join(", ", facts.schemas())
                + ": " + (exposed == 0 ? "nothing exposed" : exposed + " exposed") + ", "
                + (findings.size() - exposed) + " note(s)");
        if (!posture.exposed()) {
            return 0;
        }
        out.println();
        FixUpScript.RoleNames roles = FixUpScript.RoleNames.forFacts(facts);
        out.print(facts.postgresql() ? FixUpScript.postgres(connection, facts, roles)
                : FixUpScript.mariadb(facts, roles));
        return 1;
    }
}
