package dev.dbguard.core;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.dbguard.core.audit.AuditSink;
import dev.dbguard.core.audit.Outcome;
import dev.dbguard.core.audit.Slf4jAuditSink;
import dev.dbguard.core.env.EnvironmentResolver;
import dev.dbguard.core.env.ProductionUrlPatterns;
import dev.dbguard.core.env.ResolvedEnvironment;
import dev.dbguard.core.rules.Rule;
import dev.dbguard.core.rules.RuleCatalog;
import dev.dbguard.core.sql.ActionKind;
import dev.dbguard.core.sql.AnalysisPath;
import dev.dbguard.core.sql.AnalyzedStatement;
import dev.dbguard.core.sql.SqlAction;
import dev.dbguard.core.sql.SqlAnalyzer;

import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The decision engine: given a SQL string and the {@link Target} it is sent to, decides whether it may run, must
 * be refused, or runs and is audited. One instance per configuration; thread-safe; share it.
 *
 * <p>Cost: a statement with no destructive keyword is judged by a word scan of its text (no parsing, no allocation);
 * any other statement is analysed once and its analysis kept in a bounded cache keyed by the SQL text, so repeated
 * statements cost a hash lookup.
 */
public final class StatementGuard {

    private static final Verdict ALLOWED = new Verdict(Decision.ALLOW, Classification.SAFE, List.of(), null);
    private static final Verdict ALLOWED_UNPARSED = new Verdict(Decision.ALLOW, Classification.UNPARSED, List.of(), null);
    /** Texts at least this long are looked up in the cache before the word scan, which costs more on them. */
    private static final int LOOK_UP_FIRST_LENGTH = 128;

    private final GuardConfig config;
    private final ResolvedEnvironment environment;
    private final ProductionUrlPatterns productionUrlPatterns;
    private final List<Rule> enabledRules;
    private final SqlAnalyzer analyzer;
    private final Cache<String, Analysis> cache;
    private final AuditEmitter audit;
    private final GuardStatistics statistics = new GuardStatistics();

    /**
     * Creates the engine and resolves the declared environment once (logging a WARN if nothing declares one and it
     * falls back to production).
     *
     * @throws IllegalArgumentException when a production URL pattern is malformed
     */
    public StatementGuard(GuardConfig config) {
        this.config = config;
        this.environment = EnvironmentResolver.resolve(config.environment(), config.environmentSource(),
                config.environmentFallback(), config.environmentFallbackSource());
        this.productionUrlPatterns = ProductionUrlPatterns.of(config.productionUrlPatterns());
        this.enabledRules = RuleCatalog.all().stream().filter(rule -> config.ruleEnabled(rule.id())).toList();
        this.analyzer = new SqlAnalyzer(config.maxParseLength());
        this.cache = config.cacheSize() == 0 ? null : Caffeine.newBuilder().maximumSize(config.cacheSize()).build();
        AuditSink sink = config.auditSink() != null ? config.auditSink() : new Slf4jAuditSink(config.auditFormat(), config.auditWindow());
        this.audit = new AuditEmitter(sink, config);
    }

    /** The configuration this guard was built with. */
    public GuardConfig config() {
        return config;
    }

    /** The declared environment, before production URL patterns are applied, and where it came from. */
    public ResolvedEnvironment environment() {
        return environment;
    }

    /** The rules in force (the catalog less those disabled by configuration). */
    public List<Rule> enabledRules() {
        return enabledRules;
    }

    /**
     * The target for one data source: applies the production URL patterns to {@code jdbcUrl} (null when unknown)
     * and picks the mode. A declared non-production environment whose URL matches a production pattern is logged
     * at ERROR and treated as production.
     */
    public Target target(String dataSourceName, String jdbcUrl) {
        ResolvedEnvironment effective = productionUrlPatterns.effective(environment, jdbcUrl);
        Mode mode = config.enabled() ? config.modeFor(effective.environment()) : Mode.OFF;
        return new Target(dataSourceName, effective, mode);
    }

    /** Judges {@code sql} for {@code target} without side effects: no event, no counter. Never throws. */
    public Verdict check(String sql, Target target) {
        return judge(sql, target).verdict();
    }

    /**
     * Judges {@code sql}, counts it, emits the audit events it calls for, and throws when it must not run.
     *
     * @return the verdict, whose decision is {@link Decision#ALLOW} or {@link Decision#AUDIT}
     * @throws BlockedStatementException when the statement must not reach the database
     */
    public Verdict enforce(String sql, Target target) throws BlockedStatementException {
        Judgement judgement = judge(sql, target);
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

    /** Counters of decisions and rules since this guard was created. */
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

    private Judgement judge(String sql, Target target) {
        Mode mode = target.mode();
        if (mode == Mode.OFF || sql == null) {
            return Judgement.ALLOWED;
        }
        if (mode == Mode.READ_ONLY) {
            return judgeReadOnly(analysisOf(sql, true), target);
        }
        Analysis analysis = analysisOf(sql, false);
        if (analysis.findings().isEmpty()) {
            return Judgement.allowed(analysis.classification());
        }
        List<Hit> hits = new ArrayList<>(2);
        Finding refused = null;
        for (Finding finding : analysis.findings()) {
            boolean scanned = finding.statement().path() == AnalysisPath.SCANNED;
            if (scanned && config.unparsedPolicy() == UnparsedPolicy.ALLOW) {
                continue;
            }
            if (allowListed(finding)) {
                hits.add(new Hit(finding, Outcome.ALLOW_LISTED, null));
                continue;
            }
            GuardOverride override = GuardOverride.activeFor(finding.ruleId());
            if (override != null) {
                hits.add(new Hit(finding, Outcome.OVERRIDDEN, override.reason()));
                continue;
            }
            boolean blocks = mode == Mode.BLOCK && !(scanned && config.unparsedPolicy() == UnparsedPolicy.AUDIT);
            if (!blocks) {
                hits.add(new Hit(finding, Outcome.AUDITED, null));
            } else if (refused == null) {
                refused = finding;
            }
        }
        if (refused != null) {
            Verdict verdict = new Verdict(Decision.BLOCK, analysis.classification(), analysis.findings(),
                    RefusalMessages.forRule(refused, target));
            return new Judgement(verdict, List.of(new Hit(refused, Outcome.REFUSED, null)));
        }
        Decision decision = hits.isEmpty() ? Decision.ALLOW : Decision.AUDIT;
        return new Judgement(new Verdict(decision, analysis.classification(), analysis.findings(), null), hits);
    }

    private Judgement judgeReadOnly(Analysis analysis, Target target) {
        AnalyzedStatement write = analysis.firstWrite();
        if (write == null) {
            return analysis.findings().isEmpty() ? Judgement.allowed(analysis.classification())
                    : new Judgement(new Verdict(Decision.ALLOW, analysis.classification(), analysis.findings(), null),
                    List.of());
        }
        Finding finding = new Finding(Rules.READ_ONLY, write.command() + " (a write)", objectsOf(write), write, null);
        GuardOverride override = GuardOverride.activeFor(Rules.READ_ONLY);
        if (override != null) {
            return new Judgement(new Verdict(Decision.AUDIT, analysis.classification(), List.of(finding), null),
                    List.of(new Hit(finding, Outcome.OVERRIDDEN, override.reason())));
        }
        Verdict verdict = new Verdict(Decision.BLOCK, analysis.classification(), List.of(finding),
                RefusalMessages.forReadOnly(write.command(), target));
        return new Judgement(verdict, List.of(new Hit(finding, Outcome.REFUSED, null)));
    }

    private Analysis analysisOf(String sql, boolean needWrites) {
        if (cache == null || sql.length() > config.maxParseLength()) {
            // Very long texts are not cached: a bounded count of unbounded strings would not bound memory.
            return !needWrites && !SqlAnalyzer.mightBeDestructive(sql) ? Analysis.PREFILTERED
                    : Analysis.of(analyzer.analyze(sql), enabledRules);
        }
        // A short text is cheaper to scan for destructive words than to look up; a long one is looked up first.
        boolean lookUpFirst = sql.length() >= LOOK_UP_FIRST_LENGTH;
        if (!lookUpFirst && !needWrites && !SqlAnalyzer.mightBeDestructive(sql)) {
            return Analysis.PREFILTERED;
        }
        Analysis cached = cache.getIfPresent(sql);
        // PREFILTERED says no rule can fire, but not whether the statement writes: read-only mode needs the analysis.
        if (cached != null && !(needWrites && cached == Analysis.PREFILTERED)) {
            return cached;
        }
        if (lookUpFirst && !needWrites && !SqlAnalyzer.mightBeDestructive(sql)) {
            cache.put(sql, Analysis.PREFILTERED);
            return Analysis.PREFILTERED;
        }
        cached = Analysis.of(analyzer.analyze(sql), enabledRules);
        cache.put(sql, cached);
        return cached;
    }

    private boolean allowListed(Finding finding) {
        List<String> objects = finding.objects();
        if (objects.isEmpty() || config.allowList().isEmpty()) {
            return false;
        }
        // For ALTER TABLE t DROP COLUMN c the allow-list names the table; for the others, every object must match.
        List<String> checked = finding.action() != null
                && finding.action().kind() == ActionKind.ALTER_DROP ? objects.subList(0, 1) : objects;
        for (String object : checked) {
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
