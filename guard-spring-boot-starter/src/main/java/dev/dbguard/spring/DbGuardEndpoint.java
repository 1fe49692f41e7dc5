package dev.dbguard.spring;

import dev.dbguard.core.StatementGuard;
import dev.dbguard.core.Target;
import dev.dbguard.core.audit.AuditEvent;
import dev.dbguard.core.posture.Posture;
import dev.dbguard.jdbc.GuardedDataSource;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code dbguard} actuator endpoint: for each guarded data source, the environment in force and where it came
 * from, the mode, the enabled rules, the posture of its database account, the counters of decisions and rules, and the most recent refused (or, in
 * audit mode, flagged) statements with their redacted SQL, rule, time and calling code.
 *
 * <p>{@code GET /actuator/dbguard} reports every data source; {@code GET /actuator/dbguard/{name}} one, by bean
 * name. Expose it with {@code management.endpoints.web.exposure.include=dbguard}.
 *
 * <p>Refused SQL and the code that sent it can reveal data and internals, so they follow Spring Boot's model for
 * sensitive values: {@code management.endpoint.dbguard.show-values} is {@code never} by default ({@code sql} and
 * {@code caller} read {@value #HIDDEN}), {@code when-authorized} (for an authenticated user holding one of
 * {@code management.endpoint.dbguard.roles}, or any authenticated user when none is listed) or {@code always}.
 * Counters, environment, mode, rules, the posture and each refusal's rule, objects and finding are always shown.
 */
@Endpoint(id = "dbguard")
public class DbGuardEndpoint {

    /** What replaces {@code sql} and {@code caller} when values are not shown, as Boot's own endpoints write it. */
    public static final String HIDDEN = "******";

    private final GuardedDataSources dataSources;
    private final Show showValues;
    private final Collection<String> roles;

    DbGuardEndpoint(GuardedDataSources dataSources, Show showValues, Collection<String> roles) {
        this.dataSources = dataSources;
        this.showValues = showValues;
        this.roles = List.copyOf(roles);
    }

    /**
     * Reports every guarded data source ({@code GET /actuator/dbguard}).
     *
     * @param securityContext the caller's security context, which decides whether SQL and callers are shown
     * @return the reports by bean name
     */
    @ReadOperation
    public GuardReport guard(SecurityContext securityContext) {
        boolean show = showValues.isShown(securityContext, roles);
        Map<String, DataSourceReport> reports = new LinkedHashMap<>();
        dataSources.all().forEach((name, guarded) -> reports.put(name, report(guarded, show)));
        return new GuardReport(reports);
    }

    /**
     * Reports one guarded data source ({@code GET /actuator/dbguard/{name}}).
     *
     * @param securityContext the caller's security context, which decides whether SQL and callers are shown
     * @param name            the data source's bean name
     * @return its report, or null (HTTP 404) when no data source of that name is guarded
     */
    @ReadOperation
    public DataSourceReport dataSource(SecurityContext securityContext, @Selector String name) {
        GuardedDataSources.Guarded guarded = dataSources.get(name);
        return guarded == null ? null : report(guarded, showValues.isShown(securityContext, roles));
    }

    private DataSourceReport report(GuardedDataSources.Guarded guarded, boolean showValues) {
        GuardedDataSource dataSource = guarded.dataSource();
        StatementGuard guard = dataSource.statementGuard();
        Target target = dataSource.target();
        List<Refusal> refusals = guarded.recentRefusals().snapshot().stream()
                .map(event -> refusal(event, showValues)).toList();
        return new DataSourceReport(target.environment().environment().name(), target.environment().source(),
                target.environment().failSafe(), target.mode().id(), dataSources.enabledRules(),
                guard.statistics().snapshot(), refusals, dataSource.posture().map(PostureReport::of).orElse(null));
    }

    private static Refusal refusal(AuditEvent event, boolean showValues) {
        return new Refusal(event.time().toString(), event.outcome().name().toLowerCase(Locale.ROOT), event.ruleId(),
                event.objects(), event.finding(), showValues ? event.sql() : HIDDEN,
                showValues ? event.caller() : HIDDEN);
    }

    /**
     * The whole report.
     *
     * @param dataSources each guarded data source by bean name
     */
    public record GuardReport(Map<String, DataSourceReport> dataSources) implements OperationResponseBody {
    }

    /**
     * One guarded data source.
     *
     * @param environment       the environment in force ({@code production}, {@code staging}, ...)
     * @param environmentSource where it came from ({@code Spring property dbguard.env (...)},
     *                          {@code active Spring profiles [prod]}, a production URL pattern, or the fail-safe)
     * @param failSafe          true when nothing declared an environment and production was assumed
     * @param mode              {@code block}, {@code audit}, {@code off} or {@code read-only}
     * @param rules             the enabled rules
     * @param counters          statements per decision ({@code allow}, {@code audit}, {@code block}), per decision
     *                          and rule ({@code block/truncate}), and those the parser could not read
     *                          ({@code unparsed}), since the application started
     * @param recentRefusals    the most recent refused or audit-mode statements, newest first
     * @param posture           what the database account allows that dbguard cannot stop, as its first connection
     *                          showed; null before the first connection, when {@code dbguard.posture.enabled} is
     *                          false, or for a database other than PostgreSQL and MariaDB/MySQL
     */
    public record DataSourceReport(String environment, String environmentSource, boolean failSafe, String mode,
                                   List<String> rules, Map<String, Long> counters, List<Refusal> recentRefusals,
                                   PostureReport posture)
            implements OperationResponseBody {
    }

    /**
     * The posture of one data source.
     *
     * @param checked  false when the catalog query failed or timed out ({@code line} says why)
     * @param exposed  true when the account allows something dbguard cannot stop (superuser, owner, TLS off, ...)
     * @param account  the account as the server names it; null when not checked
     * @param findings each finding by id ({@code owner}, {@code no-tls}, ...) with its text
     * @param line     the start-up log line
     */
    public record PostureReport(boolean checked, boolean exposed, String account, Map<String, String> findings,
                                String line) {

        static PostureReport of(Posture posture) {
            Map<String, String> findings = new LinkedHashMap<>();
            posture.findings().forEach(finding -> findings.put(finding.id(), finding.text()));
            return new PostureReport(posture.checked(), posture.exposed(), posture.account(), findings,
                    posture.line());
        }
    }

    /**
     * One refused (or, in audit mode, flagged) statement.
     *
     * @param time    when it was checked, ISO-8601 UTC
     * @param outcome {@code refused}, or {@code audited} when audit mode let it run
     * @param rule    the rule that flagged it
     * @param objects the objects it acts on
     * @param finding what the statement does and why it was flagged, in words ({@code DELETE FROM tasks with a
     *                WHERE that does not restrict the rows of tasks}), which the redacted {@code sql} may no longer show
     * @param sql     the statement, literals replaced by {@code ?} unless {@code dbguard.audit.redact-literals}
     *                is false; {@value DbGuardEndpoint#HIDDEN} unless values are shown
     * @param caller  the application code or framework that sent it, e.g.
     *                {@code com.acme.Admin.purge(Admin.java:42)} or {@code Flyway migration V3__drop.sql};
     *                {@value DbGuardEndpoint#HIDDEN} unless values are shown
     */
    public record Refusal(String time, String outcome, String rule, List<String> objects, String finding, String sql,
                          String caller) {
    }
}
