package dev.dbguard.scan;

/** A usage or configuration error: reported in one line on stderr, exit code 2, no stack trace. */
public final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
