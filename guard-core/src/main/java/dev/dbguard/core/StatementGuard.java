package dev.dbguard.core;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.dbguard.core.audit.AuditSink;
import dev.dbguard.core.audit.Outcome;
import dev.dbguard.core.audit.Slf4jAuditSink;
import dev.dbguard.core.internal.EnvironmentResolver;
import dev.dbguard.core.internal.EphemeralUrlPatterns;
import dev.dbguard.core.internal.ProductionUrlPatterns;
import dev.dbguard.core.env.ResolvedEnvironment;
import dev.dbguard.core.rules.Rule;
import dev.dbguard.core.rules.RuleCatalog;
import dev.dbguard.core.rules.RuleSeverity;
import dev.dbguard.core.sql.ActionKind;
import dev.dbguard.core.sql.AnalysisPath;
import dev.dbguard.core.sql.AnalyzedStatement;
import dev.dbguard.core.sql.SessionChange;
import dev.dbguard.core.sql.SqlAction;
import dev.dbguard.core.internal.LexicalRules;
import dev.dbguard.core.internal.ParserWarmUp;
import dev.dbguard.core.internal.SqlAnalyzer;

import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The decision engine: given a SQL string and the {@link Target} it is sent to, decides whether it may run, must
 * be refused, or runs and is audited. One instance per configuration; thread-safe; share it.
 *
 * <p>Cost: a statement with no destructive keyword is judged by a word scan of its text (no parsing, no allocation);
 * any other statement is analysed and its analysis kept in a bounded cache keyed by the SQL text, so repeated
 * statements cost a hash lookup. An analysis that needed JSqlParser is cached at once; one the scanner alone decided
 * (the everyday {@code UPDATE ... WHERE id = 1234}) only when its text comes back, so that texts with inlined
 * literals, which never repeat, do not pay for an insertion they never use.
 */
public final class StatementGuard {

    private static final Verdict ALLOWED = new Verdict(Decision.ALLOW, Classification.SAFE, List.of(), null);
    private static final Verdict ALLOWED_UNPARSED = new Verdict(Decision.ALLOW, Classification.UNPARSED, List.of(), null);
    /** The readings of each dialect's server defaults, for statements judged without a session. */
    private static final LexicalRules[][] DEFAULT_READINGS = new LexicalRules[Dialect.values().length][];

    static {
        for (Dialect dialect : Dialect.values()) {
            DEFAULT_READINGS[dialect.ordinal()] = SessionState.defaultReadings(dialect);
        }
    }
    /** Texts at least this long are looked up in the cache before the word scan, which costs more on them. */
    private static final int LOOK_UP_FIRST_LENGTH = 128;

    private final GuardConfig config;
    private final ResolvedEnvironment environment;
    private final ProductionUrlPatterns productionUrlPatterns;
    private final EphemeralUrlPatterns ephemeralUrlPatterns;
    private final List<Rule> enabledRules;
    private final SqlAnalyzer analyzer;
    /** The analyses of each text, per reading it was read with; null when caching is off. */
    private final Cache<String, ReadingsOf> cache;
    /** Which texts the cache has seen once: the cheap ones are admitted on their second sight; null with no cache. */
    private final SecondSight admission;
    private final AuditEmitter audit;
    private final GuardStatistics statistics = new GuardStatistics();

    /**
     * Creates the engine and resolves the declared environment once (logging a WARN if nothing declares one and it
     * falls back to production).
     *
     * @param config the configuration; the guard keeps it as it is
     * @throws IllegalArgumentException when a production URL pattern is malformed
     */
    public StatementGuard(GuardConfig config) {
        this.config = config;
        this.environment = EnvironmentResolver.resolve(config.environment(), config.environmentSource(),
                config.environmentFallback(), config.environmentFallbackSource());
        this.productionUrlPatterns = ProductionUrlPatterns.of(config.productionUrlPatterns());
        this.ephemeralUrlPatterns = EphemeralUrlPatterns.of(config.ephemeralUrlPatterns());
        this.enabledRules = RuleCatalog.all().stream().filter(rule -> config.ruleEnabled(rule.id())).toList();
        this.analyzer = new SqlAnalyzer(config.maxParseLength());
        this.cache = config.cacheSize() == 0 ? null : Caffeine.newBuilder().maximumSize(config.cacheSize())
                // Eviction runs on the thread that inserts: handing it to the common pool wakes another thread for a
                // few microseconds of work, on the cores the application needs.
                .executor(Runnable::run).build();
        this.admission = config.cacheSize() == 0 ? null : new SecondSight(config.cacheSize());
        AuditSink sink = config.auditSink() != null ? config.auditSink() : new Slf4jAuditSink(config.auditFormat(), config.auditWindow());
        this.audit = new AuditEmitter(sink, config);
        if (config.enabled() && config.maxParseLength() > 0) {
            ParserWarmUp.start(); // in the background, once per JVM: the first parse then costs no class loading
        }
    }

    /** {@return the configuration this guard was built with} */
    public GuardConfig config() {
        return config;
    }

    /**
     * {@return the declared environment and where it came from} It is resolved once, when the guard is made, before
     * production and ephemeral URL patterns are applied; {@link Target#environment()} holds the one in force for a
     * data source.
     */
    public ResolvedEnvironment environment() {
        return environment;
    }

    /** {@return the rules in force: the catalog less those disabled by configuration, unmodifiable} */
    public List<Rule> enabledRules() {
        return enabledRules;
    }

    /**
     * The target for one data source: applies the production and ephemeral URL patterns to {@code jdbcUrl} (null
     * when unknown) and picks the mode. A declared non-production environment whose URL matches a production
     * pattern is logged at ERROR and treated as production; otherwise an in-memory URL (an ephemeral pattern) in a
     * declared production-like or staging environment is logged at INFO and treated as development.
     *
     * @param dataSourceName the name shown in audit events and refusals, e.g. a bean name or proxy route
     * @param jdbcUrl        the data source's JDBC URL, or null when unknown; the dialect is read from it
     * @return the target to pass to {@link #check(String, Target)} and {@link #enforce(String, Target)}; compute it
     *         once per data source
     */
    public Target target(String dataSourceName, String jdbcUrl) {
        return target(dataSourceName, jdbcUrl, Dialect.fromJdbcUrl(jdbcUrl));
    }

    /**
     * As {@link #target(String, String)}, with the dialect given rather than read from the URL (a proxy or a data
     * source that knows its server).
     *
     * @param dataSourceName the name shown in audit events and refusals
     * @param jdbcUrl        the JDBC URL the URL patterns are matched against, or null when unknown
     * @param dialect        the SQL dialect statements are read in
     * @return the target for this data source
     */
    public Target target(String dataSourceName, String jdbcUrl, Dialect dialect) {
        // A production pattern wins over an ephemeral one: when both match, the guard fails safe.
        ResolvedEnvironment effective = productionUrlPatterns.matches(jdbcUrl)
                ? productionUrlPatterns.effective(environment, jdbcUrl)
                : ephemeralUrlPatterns.effective(environment, jdbcUrl);
        Mode mode = config.enabled() ? config.modeFor(effective.environment()) : Mode.OFF;
        return new Target(dataSourceName, effective, mode, dialect);
    }

    /**
     * As {@link #target(String, String, Dialect)}, in {@code mode} whatever the environment's mode is: for a data
     * source configured with a mode of its own, such as a proxy route kept {@code read-only}. A guard switched off
     * ({@code dbguard.enabled=false}) stays off.
     *
     * @param dataSourceName the name shown in audit events and refusals
     * @param jdbcUrl        the JDBC URL the URL patterns are matched against, or null when unknown
     * @param dialect        the SQL dialect statements are read in
     * @param mode           the mode replacing the environment's
     * @return the target for this data source
     */
    public Target target(String dataSourceName, String jdbcUrl, Dialect dialect, Mode mode) {
        Target resolved = target(dataSourceName, jdbcUrl, dialect);
        return !config.enabled() || mode == resolved.mode() ? resolved
                : new Target(resolved.dataSourceName(), resolved.environment(), mode, resolved.dialect());
    }

    /**
     * Judges {@code sql} for {@code target}, read with the dialect's default settings, without side effects: no
     * event, no counter. Never throws.
     *
     * @param sql    the statement text as it would be sent, possibly several statements
     * @param target where it would be sent, from {@link #target(String, String)}
     * @return the verdict; {@link Verdict#decision()} says what {@link #enforce(String, Target)} would do
     */
    public Verdict check(String sql, Target target) {
        return judge(sql, target, null).verdict();
    }

    /**
     * As {@link #check(String, Target)}, read with the session's settings and knowing its temporary tables.
     *
     * @param sql     the statement text as it would be sent
     * @param target  where it would be sent
     * @param session the session it would run in, or null for the dialect's defaults and no temporary tables
     * @return the verdict, without side effects
     */
    public Verdict check(String sql, Target target, SessionState session) {
        return judge(sql, target, session).verdict();
    }

    /**
     * Judges {@code sql}, counts it, emits the audit events it calls for, and throws when it must not run.
     *
     * @param sql    the statement text about to be sent, possibly several statements
     * @param target where it is sent, from {@link #target(String, String)}
     * @return the verdict, whose decision is {@link Decision#ALLOW} or {@link Decision#AUDIT}
     * @throws BlockedStatementException when the statement must not reach the database
     */
    public Verdict enforce(String sql, Target target) throws BlockedStatementException {
        return enforce(sql, target, null);
    }

    /**
     * As {@link #enforce(String, Target)} for a statement of one session: the text is read with the session's
     * settings, and tables the session created as temporary may be dropped and truncated. Once the statement has run,
     * pass the verdict to {@link SessionState#record(Verdict)}.
     *
     * @param sql     the statement text about to be sent
     * @param target  where it is sent
     * @param session the session, or null to judge with the dialect's defaults and no temporary tables
     * @return the verdict, whose decision is {@link Decision#ALLOW} or {@link Decision#AUDIT}
     * @throws BlockedStatementException when the statement must not reach the database
     */
    public Verdict enforce(String sql, Target target, SessionState session) throws BlockedStatementException {
        Judgement judgement = judge(sql, target, session);
        Verdict verdict = judgement.verdict();
        statistics.record(verdict);
        notifyListener(target, verdict);
        if (!judgement.hits().isEmpty()) {
            audit.emit(judgement.hits(), target);
        }
        if (verdict.decision() == Decision.BLOCK) {
            throw new BlockedStatementException(verdict.message(), verdict.ruleId(),
                    target.environment().environment().name());
        }
        return verdict;
    }

    /** {@return the live counters of decisions and rules since this guard was created} */
    public GuardStatistics statistics() {
        return statistics;
    }

    /** How many analyses the verdict cache holds now (for tests of its bound). */
    long cachedStatements() {
        if (cache == null) {
            return 0;
        }
        cache.cleanUp();
        return cache.estimatedSize();
    }

    private Judgement judge(String sql, Target target, SessionState session) {
        Mode mode = target.mode();
        if (mode == Mode.OFF || sql == null) {
            return Judgement.ALLOWED;
        }
        LexicalRules[] readings = session != null ? session.readings() : DEFAULT_READINGS[target.dialect().ordinal()];
        if (mode == Mode.READ_ONLY) {
            return judgeReadOnly(analysisOf(sql, true, readings), target);
        }
        Analysis analysis = analysisOf(sql, false, readings);
        // The annotations are part of the text, which is the cache key: an analysis never stands for another comment.
        LeadingAnnotations annotations = config.annotationsEnabled() && analysis != Analysis.PREFILTERED
                ? LeadingAnnotations.of(sql, analysis.statements()) : null;
        if (analysis.findings().isEmpty() && annotations == null) {
            return analysis.sessionChanges().isEmpty() ? Judgement.allowed(analysis.classification())
                    : new Judgement(new Verdict(Decision.ALLOW, analysis.classification(), List.of(), null,
                    analysis.sessionChanges()), List.of());
        }
        TemporaryTableView temporary = new TemporaryTableView(session);
        List<Hit> hits = new ArrayList<>(2);
        List<Finding> findings = new ArrayList<>(analysis.findings().size());
        Finding refused = null;
        List<Finding> all = analysis.findings();
        int f = 0;
        for (AnalyzedStatement statement : analysis.statements()) {
            AllowAnnotation malformed = annotations == null ? null : annotations.malformed(statement);
            if (malformed != null) {
                Finding finding = new Finding(AllowAnnotation.RULE, malformed.problem(), List.of(), statement, null);
                findings.add(finding);
                refused = judgeFinding(finding, mode, hits, refused, null);
            }
            for (; f < all.size() && all.get(f).statement() == statement; f++) {
                Finding finding = all.get(f);
                if (temporary.covers(finding)) {
                    continue;
                }
                findings.add(finding);
                refused = judgeFinding(finding, mode, hits, refused, annotations);
            }
            // Temporary tables created or dropped by this statement count for the statements after it.
            temporary.apply(statement.sessionChanges());
        }
        for (; f < all.size(); f++) {
            findings.add(all.get(f)); // never reached for a well-formed analysis; judged, never dropped
            refused = judgeFinding(all.get(f), mode, hits, refused, annotations);
        }
        Classification classification = findings.isEmpty() ? Classification.SAFE : analysis.classification();
        if (refused != null) {
            Verdict verdict = new Verdict(Decision.BLOCK, classification, findings,
                    refused.ruleId().equals(AllowAnnotation.RULE) ? RefusalMessages.forAnnotation(refused, target)
                            : RefusalMessages.forRule(refused, target));
            return new Judgement(verdict, List.of(new Hit(refused, Outcome.REFUSED, null)));
        }
        Decision decision = hits.isEmpty() ? Decision.ALLOW : Decision.AUDIT;
        return new Judgement(new Verdict(decision, classification, findings, null, analysis.sessionChanges()), hits);
    }

    /**
     * Adds the hit a finding calls for; returns the finding that refuses the string (the first one to).
     *
     * @param annotations the string's {@code dbguard:allow} annotations, or null when it has none or they are not
     *                    honoured
     */
    private Finding judgeFinding(Finding finding, Mode mode, List<Hit> hits, Finding refused,
                                 LeadingAnnotations annotations) {
        Policy policy = policyFor(finding);
        if (policy == Policy.ALLOW) {
            return refused;
        }
        if (allowListed(finding)) {
            hits.add(new Hit(finding, Outcome.ALLOW_LISTED, null));
            return refused;
        }
        GuardOverride override = GuardOverride.activeFor(finding.ruleId());
        if (override != null) {
            hits.add(new Hit(finding, Outcome.OVERRIDDEN, override.reason()));
            return refused;
        }
        AllowAnnotation annotation = annotations == null ? null : annotations.allowing(finding.statement(),
                finding.ruleId());
        if (annotation != null) {
            hits.add(new Hit(finding, Outcome.OVERRIDDEN, annotation.reason()));
            return refused;
        }
        if (mode != Mode.BLOCK || policy != Policy.BLOCK || severityOf(finding) == RuleSeverity.WARN) {
            hits.add(new Hit(finding, Outcome.AUDITED, null));
            return refused;
        }
        return refused != null ? refused : finding;
    }

    /** The configured severity of the finding's rule, else the rule's default for the finding. */
    private RuleSeverity severityOf(Finding finding) {
        RuleSeverity configured = config.ruleSeverity(finding.ruleId());
        return configured != null ? configured : finding.severity();
    }

    /**
     * The policy that caps what the mode does with a finding: dynamic SQL and scanner-only findings have their own; a
     * malformed annotation is refused however the statement was read.
     */
    private Policy policyFor(Finding finding) {
        if (finding.action() == null && finding.ruleId().equals(AllowAnnotation.RULE)) {
            return Policy.BLOCK;
        }
        if (finding.action() != null && finding.action().kind() == ActionKind.DYNAMIC_SQL) {
            return config.dynamicSqlPolicy();
        }
        return finding.statement().path() == AnalysisPath.SCANNED ? config.unparsedPolicy() : Policy.BLOCK;
    }

    private Judgement judgeReadOnly(Analysis analysis, Target target) {
        AnalyzedStatement write = analysis.firstWrite();
        for (AnalyzedStatement statement : analysis.statements()) {
            if (statement == write) {
                break;
            }
            SessionChange escape = ReadOnlyEscape.of(statement);
            if (escape != null) {
                return refuseReadOnly(analysis, new Finding(Rules.READ_ONLY, statement.command() + " ("
                        + ReadOnlyEscape.describe(escape) + ")", List.of(escape.name()), statement, null),
                        RefusalMessages.forReadOnlyEscape(statement.command(), ReadOnlyEscape.describe(escape),
                                target));
            }
        }
        if (write == null) {
            return analysis.findings().isEmpty() && analysis.sessionChanges().isEmpty()
                    ? Judgement.allowed(analysis.classification())
                    : new Judgement(new Verdict(Decision.ALLOW, analysis.classification(), analysis.findings(), null,
                    analysis.sessionChanges()), List.of());
        }
        Finding finding = new Finding(Rules.READ_ONLY, write.command() + " (a write)", objectsOf(write), write, null);
        return refuseReadOnly(analysis, finding, RefusalMessages.forReadOnly(write.command(), target));
    }

    /** Refuses what read-only mode does not run, unless an override for read-only is active (then audited). */
    private static Judgement refuseReadOnly(Analysis analysis, Finding finding, String message) {
        GuardOverride override = GuardOverride.activeFor(Rules.READ_ONLY);
        if (override != null) {
            return new Judgement(new Verdict(Decision.AUDIT, analysis.classification(), List.of(finding), null,
                    analysis.sessionChanges()), List.of(new Hit(finding, Outcome.OVERRIDDEN, override.reason())));
        }
        Verdict verdict = new Verdict(Decision.BLOCK, analysis.classification(), List.of(finding), message);
        return new Judgement(verdict, List.of(new Hit(finding, Outcome.REFUSED, null)));
    }

    /** The analysis of {@code sql} under every reading; one reading is the rule, several only when settings are unknown. */
    private Analysis analysisOf(String sql, boolean needWrites, LexicalRules[] readings) {
        Analysis analysis = analysisOf(sql, needWrites, readings[0]);
        for (int r = 1; r < readings.length; r++) {
            analysis = analysis.union(analysisOf(sql, needWrites, readings[r]));
        }
        return analysis;
    }

    private Analysis analysisOf(String sql, boolean needWrites, LexicalRules rules) {
        if (cache == null || sql.length() > config.maxParseLength()) {
            // Very long texts are not cached: a bounded count of unbounded strings would not bound memory.
            return !needWrites && !SqlAnalyzer.mightBeDestructive(sql) ? Analysis.PREFILTERED
                    : Analysis.of(analyzer.analyze(sql, rules), enabledRules);
        }
        // A short text is cheaper to scan for destructive words than to look up; a long one is looked up first.
        boolean lookUpFirst = sql.length() >= LOOK_UP_FIRST_LENGTH;
        if (!lookUpFirst && !needWrites && !SqlAnalyzer.mightBeDestructive(sql)) {
            return Analysis.PREFILTERED;
        }
        ReadingsOf readings = cache.getIfPresent(sql);
        Analysis cached = readings == null ? null : readings.get(rules);
        // PREFILTERED says no rule can fire, but not whether the statement writes: read-only mode needs the analysis.
        if (cached != null && !(needWrites && cached == Analysis.PREFILTERED)) {
            return cached;
        }
        if (lookUpFirst && !needWrites && !SqlAnalyzer.mightBeDestructive(sql)) {
            // No destructive word: the same under every reading.
            if (readings != null || admission.seenBefore(sql)) {
                cache.put(sql, ReadingsOf.ALL_PREFILTERED);
            }
            return Analysis.PREFILTERED;
        }
        cached = Analysis.of(analyzer.analyze(sql, rules), enabledRules);
        // What the scanner alone decided is cheaper to decide again than to insert, for a text that never comes
        // back: it is cached on its second sight. What needed JSqlParser is cached at once.
        if (readings != null || parserInvolved(cached) || admission.seenBefore(sql)) {
            cache.put(sql, ReadingsOf.with(readings, rules, cached));
        }
        return cached;
    }

    /** Whether JSqlParser was (or may have been) given a statement of the analysis: only the scanner's proofs are cheap. */
    private static boolean parserInvolved(Analysis analysis) {
        for (AnalyzedStatement statement : analysis.statements()) {
            if (statement.path() != AnalysisPath.PREFILTERED) {
                return true;
            }
        }
        return false;
    }

    private boolean allowListed(Finding finding) {
        List<String> objects = finding.objects();
        if (objects.isEmpty() || config.allowList().isEmpty()) {
            return false;
        }
        for (String object : finding.allowListObjects()) {
            boolean matched = false;
            for (AllowRule rule : config.allowList()) {
                if (rule.allows(finding.ruleId(), object)) {
                    matched = true;
                    break;
                }
            }
            if (!matched) {
                return false;
            }
        }
        return true;
    }

    private void notifyListener(Target target, Verdict verdict) {
        try {
            config.verdictListener().onVerdict(target, verdict);
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(StatementGuard.class).warn(
                    "dbguard: verdict listener {} failed ({}); the statement was judged normally", config.verdictListener(), e.toString());
        }
    }

    private static List<String> objectsOf(AnalyzedStatement statement) {
        List<String> objects = new ArrayList<>();
        for (SqlAction action : statement.actions()) {
            objects.addAll(action.objects());
        }
        return objects;
    }

    /** A verdict and the audit events it calls for. */
    private record Judgement(Verdict verdict, List<Hit> hits) {
        static final Judgement ALLOWED = new Judgement(StatementGuard.ALLOWED, List.of());
        static final Judgement ALLOWED_UNPARSED = new Judgement(StatementGuard.ALLOWED_UNPARSED, List.of());

        /** The shared judgement for a statement nothing flags: no allocation on the hot path. */
        static Judgement allowed(Classification classification) {
            return classification == Classification.UNPARSED ? ALLOWED_UNPARSED : ALLOWED;
        }
    }
}
