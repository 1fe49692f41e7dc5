package dev.dbguard.core.internal;

import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.StringProvider;

/**
 * JSqlParser's parser without its error report: a statement it cannot parse fails as soon as the parser knows,
 * instead of milliseconds later.
 *
 * <p>Why: when JavaCC's generated parser meets a token it cannot use, {@code generateParseException()} re-runs every
 * syntactic lookahead tried at that position to list the tokens it expected, for the message. On JSqlParser 5.3's
 * grammar that costs up to tens of milliseconds for statements of under 100 characters (PostgreSQL's open array
 * slices, {@code UPDATE t SET a[3:] = ...}: 20 ms, nearly all of it building a message nobody reads: a failed parse
 * only means "the scanner decides"). The parse itself, and whether it fails, are unchanged; only the exception is
 * one shared instance without message, expected tokens or stack trace.
 */
final class FailFastParser extends CCJSqlParser {

    /** Thrown for every parse failure: immutable, without stack trace, so sharing it across threads is safe. */
    private static final ParseException FAILED = new StacklessParseException();

    FailFastParser(String sql) {
        super(new StringProvider(sql));
    }

    @Override
    public ParseException generateParseException() {
        return FAILED;
    }

    /** A parse failure that records nothing: its message and stack would never be read. */
    private static final class StacklessParseException extends ParseException {

        private static final long serialVersionUID = 1L;

        StacklessParseException() {
            super("JSqlParser could not parse the statement");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
