package dev.dbguard.pgproxy;

import dev.dbguard.core.BlockedStatementException;
import dev.dbguard.core.Decision;
import dev.dbguard.core.Dialect;
import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.Mode;
import dev.dbguard.core.SessionState;
import dev.dbguard.core.StatementGuard;
import dev.dbguard.core.Target;
import dev.dbguard.core.Verdict;
import dev.dbguard.core.audit.Sender;
import dev.dbguard.core.sql.SessionChange;
import io.netty.channel.Channel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The state of one client session: who it is, the engine's {@link SessionState} for it, and what is in flight
 * between the proxy and the server, so that a refusal is reported in protocol order and a verdict's session changes
 * are recorded only once its statement ran.
 *
 * <p>Messages are grouped into cycles, each ended by the one {@code ReadyForQuery} the server sends for it: a
 * simple {@code Query}, a {@code Sync}, or a {@code FunctionCall}; a query the proxy sends for itself
 * ({@link OwnQuery}) is a cycle too. The server answers cycles in order, so the oldest cycle not yet answered is the
 * one a server message belongs to.
 *
 * <p>Both channels of a session run on the same event loop (the upstream is connected on the client's loop), so
 * nothing here is shared between threads.
 */
final class ClientSession {

    private final StatementGuard guard;
    private final Route route;
    private final SessionState state = new SessionState(Dialect.POSTGRESQL);
    // Unique per session, so that no error a user's own statement provokes can pass for a refusal.
    private final String markerPrefix = "dbguard_refused_"
            + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + "_";
    private final Map<String, Verdict> statements = new HashMap<>();
    private final Map<String, Verdict> portals = new HashMap<>();
    private final ArrayDeque<Cycle> sent = new ArrayDeque<>();
    private Cycle open = new Cycle();
    private long refusals;
    private ClientIdentity identity;
    private Target target;
    /** Names the client as the audit events' caller, in place of a Java frame. */
    private Sender sender;
    private Channel upstream;
    /** Whether the client sent anything but its authentication before the startup was answered. */
    private boolean clientSpoke;
    /** Whether this is a replication connection, where the server takes replication commands, not queries. */
    private boolean replication;
    /** Whether the proxy is ending the session: nothing more is relayed. */
    private boolean ending;
    /** The functions {@code FunctionCall} messages named, by OID, as the server named them in this session. */
    private final Map<Long, FunctionLookup.Result> functions = new HashMap<>();

    private final RouteMeters meters;
    private final AccountPostures postures;

    ClientSession(StatementGuard guard, Route route) {
        this(guard, route, new ProxyMetrics());
    }

    private ClientSession(StatementGuard guard, Route route, ProxyMetrics metrics) {
        this(guard, route, metrics.route(route.name()), new AccountPostures(metrics.registry()));
    }

    ClientSession(StatementGuard guard, Route route, RouteMeters meters, AccountPostures postures) {
        this.guard = guard;
        this.route = route;
        this.meters = meters;
        this.postures = postures;
        // The startup (authentication, parameters) is answered by a ReadyForQuery too: its own cycle, so that a
        // query sent before it arrives is matched with its own answer.
        sent.add(new Cycle());
    }

    void started(ClientIdentity identity, Channel upstreamChannel) {
        this.identity = identity;
        this.target = target(identity);
        this.sender = Sender.of(Sender.Kind.PROXY_CLIENT, identity.caller(route.name()));
        this.upstream = upstreamChannel;
    }

    /** The client asked for a replication connection (relayed because the route allows them). */
    void replicationConnection() {
        replication = true;
    }

    /** The client sent a message other than an authentication response ('p'). */
    void clientSpoke() {
        clientSpoke = true;
    }

    /**
     * The client sent an extended-query message ({@code Parse}, {@code Bind}, {@code Describe}, {@code Execute},
     * {@code Close}, {@code Flush}): its cycle is open until {@code Sync}.
     */
    void extendedQueryMessage() {
        open.pending = true;
    }

    /** Whether no cycle of the client is half sent, so that a query of the proxy's own may go to the server now. */
    boolean betweenCycles() {
        return !open.pending;
    }

    /**
     * Sends a query of the proxy's own ({@link OwnQuery}): a cycle of its own after those the client sent, whose
     * answer {@link ResponseTracker} hands to it instead of the client.
     */
    void sendOwn(OwnQuery query) {
        Cycle cycle = new Cycle();
        cycle.own = query;
        sent.add(cycle);
        upstream.writeAndFlush(query.encode(upstream.alloc()), upstream.voidPromise());
    }

    /** The query of the proxy's own the server is answering now, or null when it is answering the client. */
    OwnQuery answering() {
        Cycle cycle = sent.peek();
        return cycle == null ? null : cycle.own;
    }

    /** The own query being answered got its {@code ReadyForQuery}. */
    void ownAnswered() {
        sent.poll();
    }

    /** The session ends with own queries unanswered: each releases what it holds. */
    void abandonOwnQueries() {
        for (Cycle cycle : sent) {
            if (cycle.own != null) {
                cycle.own.abandoned();
            }
        }
    }

    /**
     * The proxy ends the session (a refused posture, a read-only session no longer read-only): nothing more the
     * server sends is relayed.
     */
    void end() {
        ending = true;
    }

    boolean ending() {
        return ending;
    }

    /** What the server said of the function with this OID in this session, or null when not asked yet. */
    FunctionLookup.Result function(long oid) {
        return functions.get(oid);
    }

    void function(long oid, FunctionLookup.Result result) {
        functions.put(oid, result);
    }

    /**
     * Refuses a message the engine cannot judge (see {@link #judge}): the marker to send in its place, whose error
     * is replaced by {@code message}.
     */
    String refuseUnjudged(String message) {
        meters.statement(Decision.BLOCK, null);
        return marker(Refusals.of(message));
    }

    /** A new marker for the open cycle, whose server error {@link #serverError} replaces by {@code refusal}. */
    private String marker(ErrorResponse refusal) {
        String marker = markerPrefix + (++refusals);
        open.refusals.put(marker, refusal);
        return marker;
    }

    /**
     * A probe to read this session's account posture now that the startup is answered, or null: when the account
     * is settled on this route, posture checks are off, the client already sent a query (its answer would come
     * first, so the check waits for another session), or the connection is for replication.
     */
    PostureProbe postureProbe() {
        if (identity == null || clientSpoke || replication || awaitingServer()) {
            return null;
        }
        AccountPostures.Account account = new AccountPostures.Account(route.name(), identity.user(),
                identity.database());
        return postures.due(account, guardConfig())
                ? new PostureProbe(this, postures, account, target, guardConfig()) : null;
    }

    /**
     * The server reported {@code application_name} (clients such as PgJDBC set it after the startup): later
     * refusals and audit events name it.
     */
    void applicationName(String name) {
        if (identity != null && !java.util.Objects.equals(name, identity.applicationName())) {
            identity = identity.withApplicationName(name);
            target = target(identity);
            sender = Sender.of(Sender.Kind.PROXY_CLIENT, identity.caller(route.name()));
        }
    }

    /** The engine's target for this client: the route's environment, and the route's mode when it has one. */
    private Target target(ClientIdentity client) {
        String name = client.describe(route.name());
        String url = route.upstreamUrl(client.database());
        return route.mode() == null ? guard.target(name, url, Dialect.POSTGRESQL)
                : guard.target(name, url, Dialect.POSTGRESQL, route.mode());
    }

    /**
     * Whether this session is judged in read-only mode (by the route's mode or the environment's), so that the
     * server must keep it read-only too.
     */
    boolean readOnlyRoute() {
        return target != null && target.mode() == Mode.READ_ONLY;
    }

    /** Whether a session of this client would be judged in read-only mode (asked before it is started). */
    boolean readOnlyFor(ClientIdentity client) {
        return target(client).mode() == Mode.READ_ONLY;
    }

    String routeName() {
        return route.name();
    }

    Route route() {
        return route;
    }

    GuardConfig guardConfig() {
        return guard.config();
    }

    /** Whether a cycle the client sent is still unanswered by the server (a query running, the startup). */
    boolean awaitingServer() {
        return !sent.isEmpty();
    }

    RouteMeters meters() {
        return meters;
    }

    Channel upstream() {
        return upstream;
    }

    ClientIdentity identity() {
        return identity;
    }

    SessionState state() {
        return state;
    }

    /**
     * Judges one SQL text the client sent; returns null when it may go to the server, else the marker text to send
     * in its place, which makes the server fail at the same position; its error is then replaced by the refusal.
     */
    String judge(String sql, Verdict[] allowed) {
        ErrorResponse refusal;
        try (Sender.Scope scope = Sender.open(sender)) {
            allowed[0] = guard.enforce(sql, target, state);
            meters.statement(allowed[0].decision(), allowed[0].ruleId());
            return null;
        } catch (BlockedStatementException e) {
            meters.statement(Decision.BLOCK, e.ruleId());
            refusal = Refusals.of(e.getMessage());
        } catch (RuntimeException e) {
            // The engine does not throw on any input; if it ever does, fail safe.
            meters.statement(Decision.BLOCK, null);
            refusal = Refusals.of("dbguard: refused a statement that could not be judged (" + e + ").");
        }
        return marker(refusal);
    }

    void parsed(String statement, Verdict verdict) {
        if (verdict == null) {
            statements.remove(statement);
        } else {
            statements.put(statement, verdict);
        }
    }

    void bound(String portal, String statement) {
        Verdict verdict = statements.get(statement);
        if (verdict == null) {
            portals.remove(portal);
        } else {
            portals.put(portal, verdict);
        }
    }

    void executed(String portal) {
        Verdict verdict = portals.get(portal);
        if (verdict != null) {
            open.executed.add(verdict);
        }
    }

    void closed(byte kind, String name) {
        (kind == 'S' ? statements : portals).remove(name);
    }

    /** A simple {@code Query} that is allowed: its own cycle. */
    void queried(Verdict verdict) {
        if (verdict != null) {
            open.executed.add(verdict);
        }
        endCycle();
    }

    /** {@code Sync}, {@code FunctionCall}, or a refused {@code Query}: the server answers with ReadyForQuery. */
    void endCycle() {
        sent.add(open);
        open = new Cycle();
    }

    /**
     * The server sent an {@code ErrorResponse} whose message is {@code message}: the refusal to send in its place,
     * or null to relay the server's own.
     */
    ErrorResponse serverError(String message) {
        Cycle cycle = current();
        cycle.failed = true;
        if (message != null && !cycle.refusals.isEmpty() && message.contains(markerPrefix)) {
            for (Map.Entry<String, ErrorResponse> refusal : cycle.refusals.entrySet()) {
                // The marker is quoted in the server's "syntax error at or near" message.
                if (message.contains("\"" + refusal.getKey() + "\"")) {
                    return refusal.getValue();
                }
            }
        }
        return null;
    }

    /**
     * The server sent {@code ReadyForQuery}: the oldest cycle is answered. Its statements' session changes are
     * recorded when it had no error; after an error only what makes the guard stricter (a temporary table gone) is,
     * since which statements ran is not known.
     */
    void readyForQuery(byte transactionStatus) {
        Cycle cycle = sent.isEmpty() ? open : sent.poll();
        if (cycle == open) {
            open = new Cycle();
        }
        for (Verdict verdict : cycle.executed) {
            state.record(cycle.failed ? removalsOnly(verdict) : verdict);
        }
        if (transactionStatus == 'I') {
            // Outside a transaction block no portal survives.
            portals.clear();
        }
    }

    private static Verdict removalsOnly(Verdict verdict) {
        List<SessionChange> removals = new ArrayList<>();
        for (SessionChange change : verdict.sessionChanges()) {
            if (change.kind() == SessionChange.Kind.TABLE_DROPPED
                    || change.kind() == SessionChange.Kind.TEMPORARY_TABLES_DISCARDED) {
                removals.add(change);
            }
        }
        return new Verdict(verdict.decision(), verdict.classification(), verdict.findings(), verdict.message(),
                removals);
    }

    private Cycle current() {
        return sent.isEmpty() ? open : sent.peek();
    }

    private static final class Cycle {
        final List<Verdict> executed = new ArrayList<>(2);
        final Map<String, ErrorResponse> refusals = new HashMap<>(2);
        boolean failed;
        /** An extended-query message was sent and its Sync is still to come. */
        boolean pending;
        /** The proxy's own query this cycle is, or null for the client's. */
        OwnQuery own;
    }
}
