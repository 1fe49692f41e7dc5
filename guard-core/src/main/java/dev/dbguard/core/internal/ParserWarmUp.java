package dev.dbguard.core.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Loads and exercises JSqlParser once per JVM on a background daemon thread, so that the first statement an
 * application sends does not pay for it.
 *
 * <p>Why: JSqlParser's parser is one class of about 850 KB of bytecode; loading, verifying and first running it costs
 * about a hundred milliseconds, which would otherwise land on whichever request first sends a statement the scanner
 * cannot settle alone. A guard is created when a pool or data source starts, well before that request, so the work
 * can be done then, off the request path.
 *
 * <p>It never blocks its caller and never fails it: the thread is a low-priority daemon (it never keeps the JVM
 * alive), and if it cannot be started, or any parse in it fails, the parser simply loads on first use as before. A
 * request that needs the parser while the warm-up is still loading it waits for the loading (the JVM's class
 * initialisation lock) rather than repeating it.
 */
public final class ParserWarmUp {

    /** The thread's name, so that a thread dump says what it is. */
    static final String THREAD_NAME = "dbguard-parser-warm-up";

    /**
     * Statements covering the grammar the classifier uses: the destructive commands, scoped and unscoped DML, joins,
     * subqueries and CTEs. Parsed a few rounds, enough for the interpreter's first runs, not for full compilation
     * (which would cost the application's startup CPU for little).
     */
    private static final List<String> STATEMENTS = List.of(
            "DELETE FROM accounts WHERE id = 1",
            "UPDATE accounts SET balance = balance + 1, note = 'x' WHERE id IN (SELECT id FROM holds WHERE h > 2)",
            "DROP TABLE IF EXISTS archive.accounts CASCADE",
            "TRUNCATE TABLE accounts",
            "ALTER TABLE accounts DROP COLUMN note",
            "WITH gone AS (DELETE FROM holds WHERE until < now() RETURNING id) SELECT count(*) FROM gone",
            "SELECT a.id, b.name FROM accounts a JOIN owners b ON b.id = a.owner_id WHERE a.id = 1 ORDER BY 1",
            "INSERT INTO accounts (id, balance) SELECT id, 0 FROM owners WHERE NOT EXISTS (SELECT 1 FROM accounts)",
            "UPDATE accounts a SET note = CASE WHEN a.balance > 0 THEN 'credit' ELSE 'debit' END");
    private static final int ROUNDS = 3;

    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private ParserWarmUp() {
    }

    /** Starts the warm-up unless it was started before in this JVM; returns at once and never throws. */
    public static void start() {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        try {
            Thread thread = new Thread(ParserWarmUp::warmUp, THREAD_NAME);
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY);
            thread.start();
        } catch (Throwable cannotStart) {
            // A security manager, a thread limit, out of memory: the parser loads on first use instead.
        }
    }

    /** Parses the statements; package-private so that a test can run it on its own thread. */
    static void warmUp() {
        try {
            for (int round = 0; round < ROUNDS; round++) {
                for (String statement : STATEMENTS) {
                    JSqlParserClassifier.classify(statement, LexicalRules.POSTGRESQL);
                }
            }
        } catch (Throwable ignored) {
            // Whatever went wrong here will be met (and handled) again by the statement that needs the parser.
        }
    }
}
