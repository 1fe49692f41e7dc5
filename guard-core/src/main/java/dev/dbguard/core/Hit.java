package dev.dbguard.core;

import dev.dbguard.core.audit.Outcome;

/** A finding that calls for an audit event, with what happened to it and, for overrides, the reason given. */
record Hit(Finding finding, Outcome outcome, String reason) {
}
